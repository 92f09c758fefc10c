//! Demo section: entropic OT by log-domain Sinkhorn between the two moons and the ring.

use crate::data::Data;
use otcore::sinkhorn::{self, Cost, Params, Scaling};

pub fn run(data: &Data) {
    println!("== Entropic optimal transport (log-domain Sinkhorn) ==");
    let cost = Cost::SqEuclidean {
        x: data.x.as_ref(),
        y: data.y.as_ref(),
    };
    for eps in [0.1, 0.01] {
        let p = Params {
            epsilon: eps,
            tolerance: 1e-7,
            max_iter: 100_000,
            scaling: Scaling {
                steps: if eps < 0.1 { 4 } else { 0 },
                ..Scaling::default()
            },
            ..Params::default()
        };
        let s = match sinkhorn::sinkhorn(cost, &data.a, &data.b, None, &p) {
            Ok(s) => s,
            Err(e) => return println!("sinkhorn failed: {e}"),
        };
        let tc = sinkhorn::transport_cost(cost, &data.a, &data.b, &s.f, &s.g, eps).unwrap();
        println!(
            "eps = {eps:<6} iterations {:>5} (+{} on {} scaling steps)  marginal error {:.1e}  \
             <P,C> = {tc:.6}  dual = {:.6}",
            s.info.iterations,
            s.info.scaling_iterations,
            s.info.eps_steps,
            s.info.marginal_error,
            s.info.dual
        );
        if eps == 0.01 {
            let map = sinkhorn::barycentric_map(cost, &data.a, &data.b, &s.f, &s.g, eps).unwrap();
            println!(
                "  barycentric map: x[0] = ({:.3}, {:.3}) -> ({:.3}, {:.3}), x[1] = ({:.3}, {:.3}) -> ({:.3}, {:.3})",
                data.x[(0, 0)], data.x[(0, 1)], map[(0, 0)], map[(0, 1)],
                data.x[(1, 0)], data.x[(1, 1)], map[(1, 0)], map[(1, 1)]
            );
        }
    }
    let b2: Vec<f64> = data.b.iter().map(|w| 2.0 * w).collect();
    let p = Params {
        epsilon: 0.01,
        rho_a: 0.5,
        rho_b: 0.5,
        max_iter: 10_000,
        ..Params::default()
    };
    if let Ok(s) = sinkhorn::sinkhorn(cost, &data.a, &b2, None, &p) {
        println!(
            "unbalanced (rho = 0.5, mass(a) = 1, mass(b) = 2): plan mass {:.4}, {} iterations",
            s.info.mass, s.info.iterations
        );
    }
    let p = Params {
        epsilon: 0.01,
        ..Params::default()
    };
    let same = sinkhorn::divergence(data.x.as_ref(), data.x.as_ref(), &data.a, &data.a, &p);
    let diff = sinkhorn::divergence(data.x.as_ref(), data.y.as_ref(), &data.a, &data.b, &p);
    if let (Ok(s0), Ok(s1)) = (same, diff) {
        println!(
            "Sinkhorn divergence (eps = 0.01): S(moons, moons) = {:.2e}, S(moons, ring) = {:.6}\n",
            s0.value, s1.value
        );
    }
}
