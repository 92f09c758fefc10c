use crate::{allocations_in, stack_buffer};

#[test]
fn laguerre_assign_in_place_does_not_allocate() {
    use otcore::semidiscrete::{laguerre_assign_in_place, laguerre_assign_scratch};
    let x = faer::Mat::from_fn(5000, 2, |i, k| ((i * 7 + k * 3) % 101) as f64 / 101.0);
    let y = faer::Mat::from_fn(70, 2, |j, k| ((j * 13 + k * 5) % 71) as f64 / 71.0);
    let g = vec![0.01; 70];
    let mut cells = vec![0u32; 5000];
    let mut masses = vec![0.0; 70];
    let mut buf = stack_buffer(laguerre_assign_scratch::<f64>(70, 2));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        laguerre_assign_in_place(
            x.as_ref(),
            None,
            y.as_ref(),
            &g,
            &mut cells,
            Some(&mut masses),
            otcore::Par::Seq,
            stack,
        )
        .unwrap();
    });
    assert_eq!(n, 0);
    assert!((masses.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn semidiscrete_in_place_does_not_allocate() {
    use otcore::semidiscrete::{
        semidiscrete_in_place, semidiscrete_scratch, SemiDiscreteMethod, SemiDiscreteParams,
    };
    let x = faer::Mat::from_fn(900, 2, |i, k| {
        ((if k == 0 { i % 30 } else { i / 30 }) as f64 + 0.5) / 30.0
    });
    let y = faer::mat![[0.2, 0.3], [0.7, 0.4], [0.5, 0.8]];
    let b = [0.3, 0.3, 0.4];
    for method in [SemiDiscreteMethod::Newton, SemiDiscreteMethod::Gradient] {
        let params = SemiDiscreteParams {
            method,
            tol: 1e-2,
            max_iter: 50,
            ..Default::default()
        };
        let (mut g, mut masses) = (vec![0.0; 3], vec![0.0; 3]);
        let mut buf = stack_buffer(semidiscrete_scratch::<f64>(900, 3, 2, &params));
        let stack = otcore::MemStack::new(&mut buf);
        let n = allocations_in(|| {
            semidiscrete_in_place(
                x.as_ref(),
                None,
                y.as_ref(),
                &b,
                &mut g,
                &mut masses,
                &params,
                otcore::Par::Seq,
                stack,
            )
            .unwrap();
        });
        assert_eq!(n, 0, "{method:?}");
        assert!((masses.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

#[test]
fn semidiscrete_sgd_from_samples_in_place_does_not_allocate() {
    use otcore::semidiscrete::{
        semidiscrete_sgd_from_samples_in_place, semidiscrete_sgd_from_samples_scratch, SgdParams,
    };
    let x = faer::Mat::from_fn(900, 2, |i, k| {
        ((if k == 0 { i % 30 } else { i / 30 }) as f32 + 0.5) / 30.0
    });
    let w: Vec<f32> = (0..900).map(|i| 1.0 + (i % 3) as f32).collect();
    let y = faer::mat![[0.2f32, 0.3], [0.7, 0.4], [0.5, 0.8]];
    let b = [0.3f32, 0.3, 0.4];
    let params = SgdParams {
        iterations: 200,
        batch: 16,
        step: 0.0,
    };
    let mut g = vec![0.0f32; 3];
    let mut buf = stack_buffer(semidiscrete_sgd_from_samples_scratch::<f32>(900, 3, 2, 16));
    let stack = otcore::MemStack::new(&mut buf);
    let n = allocations_in(|| {
        semidiscrete_sgd_from_samples_in_place(
            x.as_ref(),
            Some(&w),
            y.as_ref(),
            &b,
            &mut g,
            &params,
            1,
            otcore::Par::Seq,
            stack,
        )
        .unwrap();
    });
    assert_eq!(n, 0);
    assert!(g.iter().sum::<f32>().abs() < 1e-5, "zero mean: {g:?}");
}

/// The C entry points allocate nothing when the caller passes a workspace of exactly the size
/// the matching `*_workspace_size` reports and `num_threads = 1`: the outputs are staged in
/// that workspace, the argument checks format nothing on success.
mod c_entry_points {
    use crate::c_support::*;

    use otcore::ffi::semidiscrete::*;

    use otcore::ffi::status::{OTC_ERR_INVALID_ARGUMENT, OTC_OK};
    use otcore::ffi::view::*;
    use otcore::Real;
    use std::ffi::c_void;
    use std::ptr::{null, null_mut};
    /// The 30×30 grid of cell centres of the unit square, one sample per row.
    fn grid<T: CReal>() -> faer::Mat<T> {
        faer::Mat::from_fn(900, 2, |i, k| {
            T::from_f64(((if k == 0 { i % 30 } else { i / 30 }) as f64 + 0.5) / 30.0)
        })
    }

    fn sites<T: CReal>() -> faer::Mat<T> {
        faer::Mat::from_fn(3, 2, |j, k| {
            T::from_f64([[0.2, 0.3], [0.7, 0.4], [0.5, 0.8]][j][k])
        })
    }

    fn weights<T: CReal>() -> [T; 3] {
        [0.3, 0.3, 0.4].map(T::from_f64)
    }

    /// report equal the Rust level 3's, and the masses meet b within the tolerance.
    macro_rules! semidiscrete_case {
        ($name:ident, $t:ty, $problem:ident, $outputs:ident, $size:ident, $solve:ident) => {
            #[test]
            fn $name() {
                use otcore::semidiscrete::{semidiscrete as level3, SemiDiscreteMethod};
                let (x, y, b) = (grid::<$t>(), sites::<$t>(), weights::<$t>());
                for (method, code) in [
                    (SemiDiscreteMethod::Newton, OTC_SEMIDISCRETE_NEWTON),
                    (SemiDiscreteMethod::Gradient, OTC_SEMIDISCRETE_GRADIENT),
                ] {
                    let mut o = std::mem::MaybeUninit::uninit();
                    // SAFETY: `o` is writable; the defaults initialise it.
                    let mut o = unsafe {
                        assert_eq!(otc_semidiscrete_options_default(o.as_mut_ptr()), OTC_OK);
                        o.assume_init()
                    };
                    (o.num_threads, o.method, o.tol, o.max_iter) = (1, code, 1e-2, 50);
                    let p = $problem {
                        struct_size: size_of::<$problem>(),
                        points: <$t>::view(&x),
                        point_weights: null(),
                        sites: <$t>::view(&y),
                        b: b.as_ptr(),
                        initial_g: null(),
                    };
                    // SAFETY: valid structs and output.
                    let mut work = workspace(|out| unsafe { $size(&p, &o, out) });
                    let (mut g, mut masses) = ([<$t>::ZERO; 3], [0.0f64; 3]);
                    let mut out = $outputs {
                        struct_size: size_of::<$outputs>(),
                        report: Default::default(),
                        mass_error: 0.0,
                        epsilon: 0.0,
                        step: 0.0,
                        g: g.as_mut_ptr(),
                        masses: masses.as_mut_ptr(),
                    };
                    let w = ws(&mut work);
                    ok_without_allocation(&format!("{method:?}"), || {
                        // SAFETY: valid structs, arrays of their sizes, outputs disjoint.
                        unsafe { $solve(&p, &mut out, &o, w) }
                    });
                    let params = otcore::semidiscrete::SemiDiscreteParams {
                        method,
                        tol: 1e-2,
                        max_iter: 50,
                        ..Default::default()
                    };
                    let r = level3(x.as_ref(), None, y.as_ref(), &b, &params, 1).unwrap();
                    assert_eq!(&g[..], &r.g[..], "{method:?}");
                    assert_eq!(&masses[..], &r.masses[..], "{method:?}");
                    assert_eq!(out.report.iterations, r.info.iterations as u64);
                    assert_eq!(
                        (out.report.status, out.report.error, out.mass_error),
                        (OTC_OK, r.info.smoothed_mass_error, r.info.mass_error)
                    );
                    for (m, bj) in masses.iter().zip(b) {
                        assert!((m - bj.to_f64()).abs() <= 1e-2, "{method:?}: {masses:?}");
                    }
                }
            }
        };
    }
    semidiscrete_case!(
        semidiscrete_f64_allocates_nothing,
        f64,
        otc_semidiscrete_problem_f64,
        otc_semidiscrete_outputs_f64,
        otc_semidiscrete_workspace_size_f64,
        otc_semidiscrete_f64
    );
    semidiscrete_case!(
        semidiscrete_f32_allocates_nothing,
        f32,
        otc_semidiscrete_problem_f32,
        otc_semidiscrete_outputs_f32,
        otc_semidiscrete_workspace_size_f32,
        otc_semidiscrete_f32
    );

    /// Lloyd, then the Laguerre cells of the result, through the C entry points: the sites
    /// equal the Rust level 3's and each is the centroid of its Voronoi cell (brute force).
    #[test]
    fn lloyd_and_laguerre_assign_allocate_nothing() {
        let x = grid::<f64>();
        let y0 = sites::<f64>();
        let mut y = faer::Mat::<f64>::zeros(3, 2);
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: `o` is writable; the defaults initialise it.
        let mut o = unsafe {
            assert_eq!(otc_lloyd_options_default(o.as_mut_ptr()), OTC_OK);
            o.assume_init()
        };
        (o.num_threads, o.max_iter, o.tol) = (1, 100, 1e-12);
        let p = otc_lloyd_problem_f64 {
            struct_size: size_of::<otc_lloyd_problem_f64>(),
            points: f64::view(&x),
            point_weights: null(),
            sites: f64::view(&y0),
        };
        // SAFETY: valid structs and output.
        let mut work = workspace(|out| unsafe { otc_lloyd_workspace_size_f64(&p, &o, out) });
        let mut out = otc_lloyd_outputs_f64 {
            struct_size: size_of::<otc_lloyd_outputs_f64>(),
            report: Default::default(),
            distortion: 0.0,
            sites: otc_matrix_mut_f64 {
                data: y.as_ptr_mut(),
                rows: 3,
                cols: 2,
                row_stride: y.row_stride(),
                col_stride: y.col_stride(),
            },
        };
        let w = ws(&mut work);
        ok_without_allocation("lloyd", || {
            // SAFETY: valid structs; `out->sites` is disjoint from the inputs.
            unsafe { otc_lloyd_f64(&p, &mut out, &o, w) }
        });
        let params = otcore::semidiscrete::LloydParams {
            max_iter: 100,
            tol: 1e-12,
        };
        let (expected, info) =
            otcore::semidiscrete::lloyd(x.as_ref(), None, y0.as_ref(), &params, 1).unwrap();
        assert_eq!(y, expected);
        assert_eq!(out.distortion, info.distortion);
        assert_eq!(out.report.iterations, info.iterations as u64);

        let g = [0.0; 3];
        let mut cells = vec![0u32; 900];
        let lo = otc_laguerre_assign_options {
            struct_size: size_of::<otc_laguerre_assign_options>(),
            num_threads: 1,
        };
        let p = otc_laguerre_assign_problem_f64 {
            struct_size: size_of::<otc_laguerre_assign_problem_f64>(),
            points: f64::view(&x),
            point_weights: null(),
            sites: f64::view(&y),
            g: g.as_ptr(),
        };
        let mut out = otc_laguerre_assign_outputs_f64 {
            struct_size: size_of::<otc_laguerre_assign_outputs_f64>(),
            report: Default::default(),
            empty_cells: 9,
            cells: cells.as_mut_ptr(),
            masses: null_mut(),
        };
        // SAFETY: valid structs and output.
        let mut work =
            workspace(|out| unsafe { otc_laguerre_assign_workspace_size_f64(&p, &lo, out) });
        let w = ws(&mut work);
        ok_without_allocation("laguerre_assign", || {
            // SAFETY: valid structs; `cells` is disjoint from the inputs.
            unsafe { otc_laguerre_assign_f64(&p, &mut out, &lo, w) }
        });
        assert_eq!(out.empty_cells, 0);
        let d2 = |i: usize, j: usize| (0..2).map(|k| (x[(i, k)] - y[(j, k)]).powi(2)).sum::<f64>();
        let mut sums = [[0.0; 3]; 3];
        for (i, &c) in cells.iter().enumerate() {
            let nearest = (0..3).fold(0, |b, j| if d2(i, j) < d2(i, b) { j } else { b });
            assert_eq!(c as usize, nearest, "point {i}");
            sums[nearest][0] += x[(i, 0)];
            sums[nearest][1] += x[(i, 1)];
            sums[nearest][2] += 1.0;
        }
        for (j, s) in sums.iter().enumerate() {
            assert!(s[2] > 0.0, "cell {j} is empty");
            for k in 0..2 {
                assert!(
                    (s[k] / s[2] - y[(j, k)]).abs() < 1e-12,
                    "site {j} is not its centroid"
                );
            }
        }
    }

    /// The SGD tests' settings, as C options (one thread, seed 7) and as Rust parameters.
    fn sgd_settings() -> (
        otc_semidiscrete_sgd_options,
        otcore::semidiscrete::SgdParams,
    ) {
        let p = otcore::semidiscrete::SgdParams {
            iterations: 200,
            batch: 16,
            step: 0.0,
        };
        let mut o = std::mem::MaybeUninit::uninit();
        // SAFETY: `o` is writable; the defaults initialise it.
        let mut o = unsafe {
            assert_eq!(otc_semidiscrete_sgd_options_default(o.as_mut_ptr()), OTC_OK);
            o.assume_init()
        };
        (o.num_threads, o.iterations, o.batch, o.seed) = (1, 200, 16, 7);
        (o, p)
    }

    /// Weighted samples through the C entry point of precision `$t`: g equals the Rust
    /// level 3's for the same seed and has zero mean.
    macro_rules! sgd_array_case {
        ($name:ident, $t:ty, $problem:ident, $outputs:ident, $size:ident, $solve:ident) => {
            #[test]
            fn $name() {
                let (x, y, b) = (grid::<$t>(), sites::<$t>(), weights::<$t>());
                let w: Vec<$t> = (0..900)
                    .map(|i| <$t>::from_f64(1.0 + (i % 3) as f64))
                    .collect();
                let (o, params) = sgd_settings();
                let p = $problem {
                    struct_size: size_of::<$problem>(),
                    sites: <$t>::view(&y),
                    b: b.as_ptr(),
                    sample: None,
                    sample_data: null_mut(),
                    points: <$t>::view(&x),
                    point_weights: w.as_ptr(),
                };
                // SAFETY: valid structs and output.
                let mut work = workspace(|out| unsafe { $size(&p, &o, out) });
                let mut g = [<$t>::ZERO; 3];
                let mut out = $outputs {
                    struct_size: size_of::<$outputs>(),
                    report: Default::default(),
                    step: 0.0,
                    g: g.as_mut_ptr(),
                };
                let wk = ws(&mut work);
                ok_without_allocation("sgd from samples", || {
                    // SAFETY: valid structs; `g` is disjoint from the inputs.
                    unsafe { $solve(&p, &mut out, &o, wk) }
                });
                let (expected, info) = otcore::semidiscrete::semidiscrete_sgd_from_samples(
                    x.as_ref(),
                    Some(&w),
                    y.as_ref(),
                    &b,
                    &params,
                    7,
                    1,
                )
                .unwrap();
                assert_eq!(&g[..], &expected[..]);
                assert_eq!((out.step, out.report.iterations), (info.step, 200));
                assert!(
                    g.iter().map(|v| v.to_f64()).sum::<f64>().abs() < 1e-5,
                    "{g:?}"
                );
                assert!(g.iter().any(|&v| v != <$t>::ZERO), "{g:?}");
            }
        };
    }
    sgd_array_case!(
        semidiscrete_sgd_f64_from_samples_allocates_nothing,
        f64,
        otc_semidiscrete_sgd_problem_f64,
        otc_semidiscrete_sgd_outputs_f64,
        otc_semidiscrete_sgd_workspace_size_f64,
        otc_semidiscrete_sgd_f64
    );
    sgd_array_case!(
        semidiscrete_sgd_f32_from_samples_allocates_nothing,
        f32,
        otc_semidiscrete_sgd_problem_f32,
        otc_semidiscrete_sgd_outputs_f32,
        otc_semidiscrete_sgd_workspace_size_f32,
        otc_semidiscrete_sgd_f32
    );

    /// The next uniform value of [0, 1) from an LCG state.
    fn uniform(state: &mut u64) -> f64 {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*state >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The `user` state of [`square_sampler`]: an LCG state and the batches it may still give.
    struct Stream {
        state: u64,
        batches_left: usize,
    }

    /// A C sampler of the uniform law on the unit square, `user` a [`Stream`]; returns 1 (a
    /// failure) once its batches are spent.
    unsafe extern "C" fn square_sampler(user: *mut c_void, count: usize, out: *mut f64) -> i32 {
        // SAFETY: the test passes a `Stream` as `user`; `out` holds `count × 2` values.
        let (stream, out) = unsafe {
            (
                &mut *user.cast::<Stream>(),
                std::slice::from_raw_parts_mut(out, count * 2),
            )
        };
        if stream.batches_left == 0 {
            return 1;
        }
        stream.batches_left -= 1;
        out.iter_mut().for_each(|v| *v = uniform(&mut stream.state));
        0
    }

    /// Samples streamed by a C callback: g equals the Rust level 3's on the same stream; when
    /// the sampler fails half-way, g is untouched (the solver iterates in the workspace).
    #[test]
    fn semidiscrete_sgd_with_a_sampler_allocates_nothing() {
        let (y, b) = (sites::<f64>(), weights::<f64>());
        let (o, params) = sgd_settings();
        let mut p = otc_semidiscrete_sgd_problem_f64 {
            struct_size: size_of::<otc_semidiscrete_sgd_problem_f64>(),
            sites: f64::view(&y),
            b: b.as_ptr(),
            sample: Some(square_sampler),
            sample_data: null_mut(),
            points: otc_matrix_f64 {
                data: null(),
                rows: 0,
                cols: 0,
                row_stride: 0,
                col_stride: 0,
            },
            point_weights: null(),
        };
        // SAFETY: valid structs and output.
        let mut work =
            workspace(|out| unsafe { otc_semidiscrete_sgd_workspace_size_f64(&p, &o, out) });
        let wk = ws(&mut work);
        let mut g = [0.0; 3];
        let mut call = |g: &mut [f64; 3], batches: usize| {
            let mut stream = Stream {
                state: 11,
                batches_left: batches,
            };
            p.sample_data = (&mut stream as *mut Stream).cast();
            let mut out = otc_semidiscrete_sgd_outputs_f64 {
                struct_size: size_of::<otc_semidiscrete_sgd_outputs_f64>(),
                report: Default::default(),
                step: 0.0,
                g: g.as_mut_ptr(),
            };
            // SAFETY: the sampler matches its contract; structs valid.
            unsafe { otc_semidiscrete_sgd_f64(&p, &mut out, &o, wk) }
        };
        let mut failed = [7.0; 3];
        assert_eq!(call(&mut failed, 100), OTC_ERR_INVALID_ARGUMENT);
        assert_eq!(failed, [7.0; 3], "g written by a failed solve");
        ok_without_allocation("sgd with a sampler", || call(&mut g, usize::MAX));
        let mut state = 11u64;
        let mut sample = |out: &mut [f64]| -> otcore::Result<()> {
            out.iter_mut().for_each(|v| *v = uniform(&mut state));
            Ok(())
        };
        let (expected, _) =
            otcore::semidiscrete::semidiscrete_sgd(&mut sample, y.as_ref(), &b, &params, 1)
                .unwrap();
        assert_eq!(g, &expected[..]);
        assert!(g.iter().sum::<f64>().abs() < 1e-12, "{g:?}");
    }
}
