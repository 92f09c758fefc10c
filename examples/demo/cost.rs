//! Demo section: cost matrices between the built-in clouds, one per metric.

use crate::data::Data;
use otcore::cost::{cost_matrix, Metric};

pub fn run(data: &Data) {
    println!("== cost matrices C[i, j] = c(x_i, y_j) ==");
    for (name, metric) in [
        ("squared Euclidean", Metric::SqEuclidean),
        ("Euclidean", Metric::Euclidean),
        ("Minkowski p = 1", Metric::Minkowski(1.0)),
        ("Minkowski p = 3", Metric::Minkowski(3.0)),
        ("cosine", Metric::Cosine),
    ] {
        let c = match cost_matrix(data.x.as_ref(), data.y.as_ref(), metric, 0) {
            Ok(c) => c,
            Err(e) => {
                println!("{name}: error {e}");
                continue;
            }
        };
        let (n, m) = (c.nrows(), c.ncols());
        let (mut lo, mut hi, mut sum) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
        for j in 0..m {
            for i in 0..n {
                let v = c[(i, j)];
                lo = lo.min(v);
                hi = hi.max(v);
                sum += v;
            }
        }
        println!(
            "{name:<18} {n}x{m}  min {lo:.4}  mean {:.4}  max {hi:.4}",
            sum / (n * m) as f64
        );
        for i in 0..3 {
            let row: Vec<String> = (0..4).map(|j| format!("{:8.4}", c[(i, j)])).collect();
            println!("    {} ...", row.join(" "));
        }
    }
    println!();
}
