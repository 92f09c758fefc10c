use crate::allocations_in;

/// The plan operations allocate nothing: the position gradient and the displacement
/// interpolation from a sparse and from a dense plan, in Rust and through the C ABI (a
/// workspace of the queried 0 bytes, one thread).
#[test]
fn plan_ops_do_not_allocate() {
    use otcore::cost::Metric;
    use otcore::exact::{displacement_interpolation, plan_position_gradient, SparsePlanRef};
    use otcore::ffi::plan_ops::*;
    use otcore::ffi::shape::otc_workspace;
    use otcore::ffi::view::{otc_matrix_f64, otc_matrix_mut_f64};
    let (n, m, d) = (3, 2, 2);
    let x = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    let y = [2.0, 0.0, 0.0, 2.0];
    let (rows, cols, mass) = ([0usize, 1, 2, 0], [0usize, 0, 1, 1], [0.2, 0.3, 0.4, 0.1]);
    let dense = [0.2, 0.1, 0.3, 0.0, 0.0, 0.4];
    let (xs, ys) = (
        faer::MatRef::from_row_major_slice(&x, n, d),
        faer::MatRef::from_row_major_slice(&y, m, d),
    );
    let dm = faer::MatRef::from_row_major_slice(&dense, n, m);
    let sp = SparsePlanRef {
        rows: &rows,
        cols: &cols,
        mass: &mass,
    };
    let (mut gx, mut gy) = (faer::Mat::<f64>::zeros(n, d), faer::Mat::<f64>::zeros(m, d));
    let (mut pts, mut w) = (faer::Mat::<f64>::zeros(n * m, d), vec![0.0; n * m]);
    let count = allocations_in(|| {
        for metric in [Metric::SqEuclidean, Metric::Minkowski(3.0), Metric::Cosine] {
            plan_position_gradient(xs, ys, sp, metric, Some(gx.as_mut()), Some(gy.as_mut()))
                .unwrap();
            plan_position_gradient(xs, ys, dm, metric, Some(gx.as_mut()), None).unwrap();
        }
        displacement_interpolation(xs, ys, sp, 0.3, pts.as_mut().subrows_mut(0, 4), &mut w[..4])
            .unwrap();
        displacement_interpolation(xs, ys, dm, 0.3, pts.as_mut(), &mut w).unwrap();
    });
    assert_eq!(count, 0);
    let cview = |data: &[f64], rows: usize, cols: usize| otc_matrix_f64 {
        data: data.as_ptr(),
        rows,
        cols,
        row_stride: cols as isize,
        col_stride: 1,
    };
    let none = otc_matrix_f64 {
        data: std::ptr::null(),
        rows: 0,
        cols: 0,
        row_stride: 0,
        col_stride: 0,
    };
    let gp = otc_plan_position_gradient_problem_f64 {
        struct_size: std::mem::size_of::<otc_plan_position_gradient_problem_f64>(),
        x: cview(&x, n, d),
        y: cview(&y, m, d),
        plan_nnz: 4,
        plan_rows: rows.as_ptr(),
        plan_cols: cols.as_ptr(),
        plan_mass: mass.as_ptr(),
        plan: none,
    };
    let ip = otc_displacement_interpolation_problem_f64 {
        struct_size: std::mem::size_of::<otc_displacement_interpolation_problem_f64>(),
        x: gp.x,
        y: gp.y,
        plan_nnz: 0,
        plan_rows: std::ptr::null(),
        plan_cols: std::ptr::null(),
        plan_mass: std::ptr::null(),
        plan: cview(&dense, n, m),
        t: 0.5,
    };
    let (mut gxr, mut ptr_, mut wr) = (vec![0.0; n * d], vec![0.0; n * m * d], vec![0.0; n * m]);
    let mut gout = otc_plan_position_gradient_outputs_f64 {
        struct_size: std::mem::size_of::<otc_plan_position_gradient_outputs_f64>(),
        report: Default::default(),
        gx: otc_matrix_mut_f64 {
            data: gxr.as_mut_ptr(),
            rows: n,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        },
        gy: otc_matrix_mut_f64 {
            data: std::ptr::null_mut(),
            rows: 0,
            cols: 0,
            row_stride: 0,
            col_stride: 0,
        },
    };
    let mut iout = otc_displacement_interpolation_outputs_f64 {
        struct_size: std::mem::size_of::<otc_displacement_interpolation_outputs_f64>(),
        report: Default::default(),
        points: otc_matrix_mut_f64 {
            data: ptr_.as_mut_ptr(),
            rows: n * m,
            cols: d,
            row_stride: d as isize,
            col_stride: 1,
        },
        weights: wr.as_mut_ptr(),
    };
    let mut buf = [0u8; 8];
    // SAFETY (whole block): every pointer valid for its stated length, outputs disjoint.
    unsafe {
        let mut go = std::mem::MaybeUninit::uninit();
        otc_plan_position_gradient_options_default(go.as_mut_ptr());
        let mut go = go.assume_init();
        go.num_threads = 1;
        let mut io = std::mem::MaybeUninit::uninit();
        otc_displacement_interpolation_options_default(io.as_mut_ptr());
        let mut io = io.assume_init();
        io.num_threads = 1;
        let (mut gb, mut ib) = (usize::MAX, usize::MAX);
        otc_plan_position_gradient_workspace_size_f64(&gp, &go, &mut gb);
        otc_displacement_interpolation_workspace_size_f64(&ip, &io, &mut ib);
        assert_eq!((gb, ib), (0, 0));
        let work = otc_workspace {
            data: buf.as_mut_ptr().cast(),
            bytes: 0,
        };
        let (mut s1, mut s2) = (-1, -1);
        let count = allocations_in(|| {
            s1 = otc_plan_position_gradient_f64(&gp, &mut gout, &go, work);
            s2 = otc_displacement_interpolation_f64(&ip, &mut iout, &io, work);
        });
        assert_eq!((s1, s2, count), (0, 0, 0));
    }
    assert_eq!(wr, dense);
}
