//! Demo section: Gaussian optimal transport (fit, W₂, map, geodesic, barycenter).

use crate::data::Data;
use otcore::gaussian::{self, PsdTolerances};

fn fmt_mat(m: faer::MatRef<'_, f64>) -> String {
    let rows: Vec<String> = (0..m.nrows())
        .map(|i| {
            let r: Vec<String> = (0..m.ncols())
                .map(|j| format!("{:8.4}", m[(i, j)]))
                .collect();
            format!("[{}]", r.join(" "))
        })
        .collect();
    rows.join(" ")
}

pub fn run(data: &Data) {
    println!("== Gaussian optimal transport (Bures-Wasserstein) ==");
    let tol = PsdTolerances::default();
    let (mx, cx) = gaussian::moments(data.x.as_ref(), Some(&data.a)).expect("moments of x");
    let (my, cy) = gaussian::moments(data.y.as_ref(), Some(&data.b)).expect("moments of y");
    println!(
        "Gaussian fitted to x: mean ({:.4}, {:.4}), covariance {}",
        mx[0],
        mx[1],
        fmt_mat(cx.as_ref())
    );
    println!(
        "Gaussian fitted to y: mean ({:.4}, {:.4}), covariance {}",
        my[0],
        my[1],
        fmt_mat(cy.as_ref())
    );
    let b2 = gaussian::bures_distance(cx.as_ref(), cy.as_ref(), &tol).expect("bures");
    let w2 = gaussian::gaussian_w2(&mx, cx.as_ref(), &my, cy.as_ref(), &tol).expect("w2");
    println!(
        "Bures distance B = {:.6}, W2 between the fits = {:.6} (W2^2 = {:.6})",
        b2.sqrt(),
        w2.sqrt(),
        w2
    );
    let (a, b, _) = gaussian::map(&mx, cx.as_ref(), &my, cy.as_ref(), &tol).expect("map");
    println!(
        "OT map T(x) = A x + b: A = {}, b = ({:.4}, {:.4})",
        fmt_mat(a.as_ref()),
        b[0],
        b[1]
    );
    let tx = gaussian::map_apply(a.as_ref(), &b, data.x.as_ref()).expect("apply");
    let (mt, ct) = gaussian::moments(tx.as_ref(), Some(&data.a)).expect("moments of T(x)");
    println!(
        "moments of T(x): mean ({:.4}, {:.4}), covariance {} (equal to y's fit)",
        mt[0],
        mt[1],
        fmt_mat(ct.as_ref())
    );
    let (gm, gc, _) =
        gaussian::geodesic(&mx, cx.as_ref(), &my, cy.as_ref(), 0.5, &tol).expect("geodesic");
    println!(
        "geodesic midpoint: mean ({:.4}, {:.4}), covariance {}",
        gm[0],
        gm[1],
        fmt_mat(gc.as_ref())
    );
    let means = faer::Mat::from_fn(2, 2, |i, j| if i == 0 { mx[j] } else { my[j] });
    let bary = gaussian::barycenter(
        means.as_ref(),
        &[cx.as_ref(), cy.as_ref()],
        &[0.5, 0.5],
        &gaussian::BarycenterParams::default(),
    )
    .expect("barycenter");
    println!(
        "barycenter (1/2, 1/2): covariance {} after {} iterations (the geodesic midpoint)\n",
        fmt_mat(bary.cov.as_ref()),
        bary.info.iterations
    );
}
