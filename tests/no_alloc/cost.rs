use crate::{allocations_in, stack_buffer};

#[test]
fn cost_matrix_in_place_allocates_nothing() {
    use otcore::cost::{cost_matrix_in_place, cost_matrix_scratch, matmul_min_dim, Metric};
    let (n, m) = (70, 90);
    for d in [3, matmul_min_dim() + 5] {
        let x = faer::Mat::from_fn(n, d, |i, k| ((i * 7 + k * 3) % 11) as f64 * 0.1);
        let y = faer::Mat::from_fn(m, d, |j, k| ((j * 5 + k) % 13) as f64 * 0.1);
        for metric in [
            Metric::SqEuclidean,
            Metric::Euclidean,
            Metric::Minkowski(1.5),
            Metric::Cosine,
        ] {
            let mut out = faer::Mat::<f64>::zeros(n, m);
            let mut buf = stack_buffer(cost_matrix_scratch::<f64>(n, m, d, metric));
            let mut run = || {
                let stack = otcore::MemStack::new(&mut buf);
                cost_matrix_in_place(
                    x.as_ref(),
                    y.as_ref(),
                    out.as_mut(),
                    metric,
                    otcore::Par::Seq,
                    stack,
                )
                .unwrap()
            };
            // The matmul route (d >= matmul_min_dim()) calls faer's matmul, which sets up
            // thread-local state on its first use in a thread (about 500 allocations, seen
            // once per thread): warm up once, then count. The direct route needs no warm-up.
            run();
            assert_eq!(allocations_in(run), 0, "{metric:?}, d = {d}");
        }
    }
}

/// The C entry points allocate nothing when the caller passes a workspace of exactly the size
/// the matching `*_workspace_size` reports and `num_threads = 1`: the outputs are staged in
/// that workspace, the argument checks format nothing on success.
mod c_entry_points {
    use crate::c_support::*;

    use otcore::ffi::status::OTC_OK;
    use otcore::ffi::view::*;

    #[test]
    fn cost_matrix_allocates_nothing() {
        use otcore::ffi::cost::*;

        use std::mem::size_of;
        let (n, m, d) = (40, 30, 20); // d >= 16: the matrix-product route
        let x = faer::Mat::from_fn(n, d, |i, k| ((i * 7 + k * 3) % 11) as f64 / 11.0);
        let y = faer::Mat::from_fn(m, d, |j, k| ((j * 5 + k) % 13) as f64 / 13.0);
        let mut c = faer::Mat::<f64>::zeros(n, m);
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: a writable struct.
        assert_eq!(
            unsafe { otc_cost_matrix_options_default(o.as_mut_ptr()) },
            OTC_OK
        );
        // SAFETY: initialised above.
        let mut o: otc_cost_matrix_options = unsafe { o.assume_init() };
        o.num_threads = 1;
        let p = otc_cost_matrix_problem_f64 {
            struct_size: size_of::<otc_cost_matrix_problem_f64>(),
            x: f64::view(&x),
            y: f64::view(&y),
        };
        let mut out = otc_cost_matrix_outputs_f64 {
            struct_size: size_of::<otc_cost_matrix_outputs_f64>(),
            report: Default::default(),
            cost: otc_matrix_mut_f64 {
                data: c.as_ptr_mut(),
                rows: n,
                cols: m,
                row_stride: c.row_stride(),
                col_stride: c.col_stride(),
            },
        };
        // SAFETY: valid structs and out-param.
        let mut work = workspace(|b| unsafe { otc_cost_matrix_workspace_size_f64(&p, &o, b) });
        let wk = ws(&mut work);
        // SAFETY: valid structs, views and workspace, all disjoint.
        let mut run = || unsafe { otc_cost_matrix_f64(&p, &mut out, &o, wk) };
        run(); // warm-up (faer's thread-local matmul state)
        ok_without_allocation("cost matrix", run);
        let want =
            otcore::cost::cost_matrix(x.as_ref(), y.as_ref(), otcore::cost::Metric::SqEuclidean, 1)
                .unwrap();
        assert_eq!(c, want);
    }
}
