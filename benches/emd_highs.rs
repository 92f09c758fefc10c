//! HiGHS (through good_lp) on the transport LP against otcore's network simplex, same inputs
//! (uniform random 2-D points, squared Euclidean cost, uniform weights), n in {100, 200, 400}.
//! Prints both times and the ratio. Needs the `highs` feature:
//! `cargo bench --features highs --bench emd_highs`.

use faer::Mat;
use good_lp::{constraint, variable, variables, Expression, Solution, SolverModel};
use otcore::exact::{emd, EmdParams};
use std::time::Instant;

fn main() {
    let mut s = 0x2545F4914F6CDD1Du64;
    let mut u = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    for n in [100usize, 200, 400] {
        let p: Vec<[f64; 2]> = (0..n).map(|_| [u(), u()]).collect();
        let q: Vec<[f64; 2]> = (0..n).map(|_| [u(), u()]).collect();
        let c = Mat::from_fn(n, n, |i, j| {
            (p[i][0] - q[j][0]).powi(2) + (p[i][1] - q[j][1]).powi(2)
        });
        let w = vec![1.0 / n as f64; n];
        let t = Instant::now();
        let s = emd(&w, &w, c.as_ref(), &EmdParams::default()).unwrap();
        let t_otc = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut vars = variables!();
        let x: Vec<_> = (0..n * n).map(|_| vars.add(variable().min(0.0))).collect();
        let obj: Expression = (0..n * n).map(|e| c[(e / n, e % n)] * x[e]).sum();
        let mut model = vars
            .minimise(obj)
            .using(good_lp::highs)
            .set_option("threads", 1);
        for i in 0..n {
            model = model.with(constraint!(
                (0..n).map(|j| x[i * n + j]).sum::<Expression>() == w[i]
            ));
        }
        for j in 0..n {
            model = model.with(constraint!(
                (0..n).map(|i| x[i * n + j]).sum::<Expression>() == w[j]
            ));
        }
        let sol = model.solve().unwrap();
        let h: f64 = (0..n * n)
            .map(|e| c[(e / n, e % n)] * sol.value(x[e]))
            .sum();
        let t_h = t.elapsed().as_secs_f64();
        println!(
            "n = {n:4}: otcore {:8.2} ms, HiGHS {:9.1} ms (model build + solve), ratio HiGHS/otcore {:7.1}, cost rel diff {:.1e}",
            t_otc * 1e3,
            t_h * 1e3,
            t_h / t_otc,
            (s.cost - h).abs() / h
        );
    }
}
