//! The fuzz harness's random-valid-problem mode for every operation beyond emd, Sinkhorn and
//! the cost matrix (those three have their own generators in `fuzz_abi.rs`), in each of its
//! precisions (one generator per precision-generic group, by macro): a valid problem
//! of small random sizes with random valid options, a thread count of 1 to 3, and (one time
//! in two) a caller workspace of the queried size. The call must not panic, its status must
//! be `OTC_OK`, a warning, or an error the function's doc comment in `include/otcore.h`
//! lists, and on `OTC_OK` or a warning every scalar and array result must be finite. One
//! call in two is followed by an aliasing trial: each output the call wrote (an array or a
//! view's data, found through the header's description of the outputs struct) is pointed in
//! turn at the start of each of the problem's inputs, and the call must refuse with
//! `OTC_ERR_ALIASING`, naming the overlap, and leave that input untouched.

use crate::abi_support::*;
use crate::fuzz_abi::Rng;

use crate::layout::offset;
use otcore::ffi::assignment::*;
use otcore::ffi::barycenter::*;
use otcore::ffi::emd_grid::*;
use otcore::ffi::emd_partial::*;
use otcore::ffi::emd_points::*;
use otcore::ffi::exact::*;
use otcore::ffi::flow::*;
use otcore::ffi::gaussian::*;
use otcore::ffi::plan_ops::*;
use otcore::ffi::quantile::*;
use otcore::ffi::semidiscrete::*;
use otcore::ffi::shape::otc_workspace;
use otcore::ffi::sinkhorn::*;
use otcore::ffi::sinkhorn_blocks::*;
use otcore::ffi::sinkhorn_partial::*;
use otcore::ffi::status::*;
use otcore::ffi::view::*;
use otcore_abi_gen::{is_pointer, Abi};
use std::collections::{BTreeMap, BTreeSet};
use std::mem::size_of;
use std::sync::OnceLock;

type Size<P, O> = unsafe extern "C" fn(*const P, *const O, *mut usize) -> otc_status;
type Call<P, R, O> = unsafe extern "C" fn(*const P, *mut R, *const O, otc_workspace) -> otc_status;

/// An operation's workspace query and call.
struct Fns<P, R, O> {
    size: Size<P, O>,
    run: Call<P, R, O>,
}

/// The header's description.
fn description() -> &'static Abi {
    static ABI: OnceLock<Abi> = OnceLock::new();
    ABI.get_or_init(|| Abi::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))))
}

/// The statuses each function's doc comment in `include/otcore.h` names (for an f32 function
/// whose comment says it behaves "as" its f64 twin, the twin's too).
fn documented(name: &str) -> &'static BTreeSet<i32> {
    static TABLE: OnceLock<BTreeMap<String, BTreeSet<i32>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let abi = description();
        let codes: BTreeMap<&str, i32> = abi
            .consts()
            .filter(|c| c.name.starts_with("OTC_OK") || c.name.starts_with("OTC_ERR_"))
            .map(|c| (c.name.as_str(), c.value as i32))
            .collect();
        let named_in = |f: &otcore_abi_gen::Function| -> BTreeSet<i32> {
            codes
                .iter()
                .filter(|(code, _)| {
                    f.doc.match_indices(**code).any(|(i, _)| {
                        let after = f.doc[i + code.len()..].chars().next();
                        !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                    })
                })
                .map(|(_, &v)| v)
                .collect()
        };
        abi.functions()
            .map(|f| {
                let mut named = named_in(f);
                let twin = f.name.strip_suffix("_f32").map(|op| format!("{op}_f64"));
                // The comment may break its line between "as" and the name.
                let words = f.doc.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(twin) = twin.filter(|t| words.contains(&format!("as `{t}`"))) {
                    named.extend(named_in(abi.find_function(&twin).unwrap()));
                }
                (f.name.clone(), named)
            })
            .collect()
    });
    &table[name]
}

/// Default options with a random thread count of 1 to 3 (the field after struct_size).
fn options<O>(rng: &mut Rng, fill: unsafe extern "C" fn(*mut O) -> otc_status) -> O {
    let mut o = defaults(fill);
    let threads = 1 + rng.below(3) as u32;
    // SAFETY: num_threads, a u32, follows the usize struct_size in every options struct.
    unsafe { *((&mut o as *mut O as *mut u8).add(size_of::<usize>()) as *mut u32) = threads };
    o
}

/// One call on a valid problem, checked: no panic; `OTC_OK`, a warning or a documented
/// error; finite results (`finite`, given the outputs) on success.
fn call<P, R, O>(
    rng: &mut Rng,
    name: &str,
    p: &P,
    r: &mut R,
    o: &O,
    fns: Fns<P, R, O>,
    finite: impl FnOnce(&R) -> bool,
) {
    let mut bytes = 0;
    // SAFETY: valid structs pointing into live buffers.
    let q = unsafe { (fns.size)(p, o, &mut bytes) };
    assert_eq!(q, OTC_OK, "{name}: workspace query of a valid problem");
    let mut buf = vec![0u8; bytes + 1];
    let work = if rng.below(2) == 0 {
        NO_WORK
    } else {
        otc_workspace {
            data: buf[rng.below(2)..].as_mut_ptr().cast(),
            bytes,
        }
    };
    // SAFETY: valid structs pointing into live buffers; the workspace, if any, has `bytes`.
    let s = unsafe { (fns.run)(p, r, o, work) };
    let message = otcore::ffi::boundary::last_error_message();
    assert_ne!(s, OTC_ERR_PANIC, "{name}: {message}");
    if s >= 100 {
        let listed = documented(name);
        assert!(listed.contains(&s), "{name}: undocumented {s}: {message}");
    } else {
        assert!(s <= 3, "{name}: unknown warning {s}");
        assert!(finite(r), "{name}: status {s} with non-finite results");
        if rng.below(2) == 0 {
            alias_trial(name, p, r, o, fns.run);
        }
    }
}

/// Where a pointer field of an ABI struct lives: the field itself, or the `data` field of a
/// view.
fn pointer_fields(struct_name: &str, wanted: impl Fn(&str) -> bool) -> Vec<(String, usize)> {
    let s = description().find_struct(struct_name).unwrap();
    s.fields
        .iter()
        .filter_map(|f| {
            let at = offset(struct_name, &f.name);
            if is_pointer(&f.ty) && wanted(&f.ty) {
                Some((f.name.clone(), at))
            } else if f.ty.starts_with("otc_matrix") && wanted(&f.ty) {
                Some((f.name.clone(), at + offset(&f.ty, "data")))
            } else {
                None
            }
        })
        .collect()
}

/// The pointer stored `at` bytes into `x`.
fn pointer_at<T>(x: &T, at: usize) -> *mut u8 {
    // SAFETY: `at` is the offset of a pointer field of T, from the generated layout table.
    unsafe { *((x as *const T as *const u8).add(at) as *const *mut u8) }
}

/// Every output the call wrote, pointed in turn at the start of every input: the call must
/// refuse with `OTC_ERR_ALIASING` and leave the input's first bytes as they were.
fn alias_trial<P, R, O>(name: &str, p: &P, r: &mut R, o: &O, run: Call<P, R, O>) {
    let (op, t) = name.rsplit_once('_').unwrap();
    let problem = format!("{op}_problem_{t}");
    let outputs = format!("{op}_outputs_{t}");
    let inputs: Vec<(String, *mut u8)> =
        pointer_fields(&problem, |ty| ty.starts_with("const ") || !ty.contains('*'))
            .into_iter()
            .map(|(f, at)| (f, pointer_at(p, at)))
            .filter(|(_, ptr)| !ptr.is_null())
            .collect();
    let written: Vec<(String, usize)> = pointer_fields(&outputs, |ty| !ty.starts_with("const "))
        .into_iter()
        .filter(|&(_, at)| !pointer_at(r, at).is_null())
        .collect();
    for (input, target) in &inputs {
        for (output, at) in &written {
            // SAFETY: every non-null input of a valid problem holds at least 4 bytes.
            let before: [u8; 4] = unsafe { *(*target as *const [u8; 4]) };
            // SAFETY: `at` is the offset of a pointer field of R (generated layout table).
            let slot = unsafe { (r as *mut R as *mut u8).add(*at) as *mut *mut u8 };
            // SAFETY: as above; the original pointer is put back after the call.
            let original = unsafe { slot.replace(*target) };
            // SAFETY: valid structs; one output now overlaps an input, which must be refused.
            let s = unsafe { run(p, r, o, NO_WORK) };
            // SAFETY: as above.
            unsafe { slot.write(original) };
            let message = otcore::ffi::boundary::last_error_message();
            assert_eq!(
                s, OTC_ERR_ALIASING,
                "{name}: output {output} over input {input}: {message}"
            );
            assert!(message.contains("overlaps"), "{name}: {message}");
            // SAFETY: as above.
            let after: [u8; 4] = unsafe { *(*target as *const [u8; 4]) };
            assert_eq!(
                before, after,
                "{name}: input {input} written through {output}"
            );
        }
    }
}

fn all_finite<T: Copy + Into<f64>>(xs: &[T]) -> bool {
    xs.iter().all(|&v| v.into().is_finite())
}

/// `len` positive weights summing to 1.
fn simplex(rng: &mut Rng, len: usize) -> Vec<f64> {
    let w: Vec<f64> = (0..len).map(|_| 0.05 + rng.unit()).collect();
    let s: f64 = w.iter().sum();
    w.iter().map(|v| v / s).collect()
}

fn points(rng: &mut Rng, len: usize) -> Vec<f64> {
    (0..len).map(|_| rng.unit() * 4.0 - 2.0).collect()
}

/// A random symmetric positive definite d×d matrix (row-major) and a mean.
fn gaussian(rng: &mut Rng, d: usize) -> (Vec<f64>, Vec<f64>) {
    let g = points(rng, d * d);
    let mut s = vec![0.0; d * d];
    for i in 0..d {
        for j in 0..d {
            s[i * d + j] = (0..d).map(|k| g[i * d + k] * g[j * d + k]).sum::<f64>();
        }
        s[i * d + i] += 0.1;
    }
    (points(rng, d), s)
}

/// Squared Euclidean costs between random clouds of n and m points in 2-D.
fn costs(rng: &mut Rng, n: usize, m: usize) -> Vec<f64> {
    let (x, y) = (points(rng, 2 * n), points(rng, 2 * m));
    let mut c = Vec::with_capacity(n * m);
    for i in 0..n {
        for j in 0..m {
            c.push((x[2 * i] - y[2 * j]).powi(2) + (x[2 * i + 1] - y[2 * j + 1]).powi(2));
        }
    }
    c
}

/// Room for a sparse plan of `len` entries: rows, columns, masses.
struct Sparse {
    rows: Vec<usize>,
    cols: Vec<usize>,
    mass: Vec<f64>,
}

impl Sparse {
    fn new(len: usize) -> Self {
        Sparse {
            rows: vec![0; len],
            cols: vec![0; len],
            mass: vec![0.0; len],
        }
    }

    /// The three output pointers.
    fn outputs(&mut self) -> (*mut usize, *mut usize, *mut f64) {
        let s = self;
        (
            s.rows.as_mut_ptr(),
            s.cols.as_mut_ptr(),
            s.mass.as_mut_ptr(),
        )
    }
}

fn exact_ops(rng: &mut Rng) {
    let (n, m) = (1 + rng.below(7), 1 + rng.below(7));
    let (a, b, c) = (simplex(rng, n), simplex(rng, m), costs(rng, n, m));
    let (mut f, mut g) = (vec![0.0; n], vec![0.0; m]);
    let mut sparse = Sparse::new(n + m);
    let mut dense = vec![0.0; n * m];
    match rng.below(7) {
        0 => {
            let mut p: otc_emd_partial_problem_f64 = abi();
            (p.a, p.n, p.b, p.m, p.cost) = (a.as_ptr(), n, b.as_ptr(), m, view(&c, n, m));
            p.mass = 0.05 + 0.9 * rng.unit();
            let mut r: otc_emd_partial_outputs_f64 = abi();
            (r.f, r.g) = (f.as_mut_ptr(), g.as_mut_ptr());
            (r.plan_rows, r.plan_cols, r.plan_mass) = sparse.outputs();
            r.plan = view_mut(&mut dense, n, m);
            let mut o = options(rng, otc_emd_partial_options_default);
            o.max_iter = rng.pick(&[10, 1_000_000]);
            let fns = Fns {
                size: otc_emd_partial_workspace_size_f64,
                run: otc_emd_partial_f64,
            };
            call(rng, "otc_emd_partial_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.cost, r.transported_mass, r.mass_price, r.gap])
                    && all_finite(&f)
                    && all_finite(&g)
            });
        }
        1 => {
            let mut p: otc_emd_unbalanced_tv_problem_f64 = abi();
            (p.a, p.n, p.b, p.m, p.cost) = (a.as_ptr(), n, b.as_ptr(), m, view(&c, n, m));
            p.rho = 0.01 + 2.0 * rng.unit();
            let mut r: otc_emd_unbalanced_tv_outputs_f64 = abi();
            (r.f, r.g) = (f.as_mut_ptr(), g.as_mut_ptr());
            (r.plan_rows, r.plan_cols, r.plan_mass) = sparse.outputs();
            r.plan = view_mut(&mut dense, n, m);
            let o = options(rng, otc_emd_unbalanced_tv_options_default);
            let fns = Fns {
                size: otc_emd_unbalanced_tv_workspace_size_f64,
                run: otc_emd_unbalanced_tv_f64,
            };
            call(rng, "otc_emd_unbalanced_tv_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.cost, r.objective, r.transported_mass, r.gap])
                    && all_finite(&f)
                    && all_finite(&g)
            });
        }
        2 => {
            let count = 1 + rng.below(3);
            let cs: Vec<Vec<f64>> = (0..count).map(|_| costs(rng, n, m)).collect();
            let views: Vec<otc_matrix_f64> = cs.iter().map(|c| view(c, n, m)).collect();
            // Every problem's weights, one after the other.
            let (aa, bb) = (a.repeat(count), b.repeat(count));
            let mut p: otc_emd_batch_problem_f64 = abi();
            (p.count, p.n, p.m, p.a, p.b) = (count, n, m, aa.as_ptr(), bb.as_ptr());
            p.costs = views.as_ptr();
            let mut each = vec![0.0; count];
            let mut gaps = vec![0.0; count];
            let mut iterations = vec![0u64; count];
            let mut nnz = vec![0usize; count];
            let (mut fs, mut gs) = (f.repeat(count), g.repeat(count));
            let mut plans = Sparse::new(count * (n + m - 1));
            let mut r: otc_emd_batch_outputs_f64 = abi();
            (r.problem_costs, r.problem_gaps) = (each.as_mut_ptr(), gaps.as_mut_ptr());
            (r.problem_iterations, r.plan_nnz) = (iterations.as_mut_ptr(), nnz.as_mut_ptr());
            (r.f, r.g) = (fs.as_mut_ptr(), gs.as_mut_ptr());
            (r.plan_rows, r.plan_cols, r.plan_mass) = plans.outputs();
            let o = options(rng, otc_emd_batch_options_default);
            let fns = Fns {
                size: otc_emd_batch_workspace_size_f64,
                run: otc_emd_batch_f64,
            };
            call(rng, "otc_emd_batch_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.cost, r.gap]) && all_finite(&each)
            });
        }
        3 => {
            let c = costs(rng, n, n);
            let costs = [view(&c, n, n)];
            let mut p: otc_assignment_problem_f64 = abi();
            (p.count, p.costs) = (1, costs.as_ptr());
            let mut perm = vec![0usize; n];
            let (mut v, mut each) = (vec![0.0; n], [0.0]);
            let mut r: otc_assignment_outputs_f64 = abi();
            (r.perm, r.u) = (perm.as_mut_ptr(), f.as_mut_ptr());
            (r.v, r.problem_costs) = (v.as_mut_ptr(), each.as_mut_ptr());
            let o = options(rng, otc_assignment_options_default);
            let fns = Fns {
                size: otc_assignment_workspace_size_f64,
                run: otc_assignment_f64,
            };
            call(rng, "otc_assignment_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.cost, r.gap]) && all_finite(&f)
            });
        }
        4 => {
            let shape = [n, 1 + rng.below(4)];
            let cells = shape[0] * shape[1];
            let (ga, gb) = (simplex(rng, cells), simplex(rng, cells));
            let (mut gf, mut gg) = (vec![0.0; cells], vec![0.0; cells]);
            let mut plan = Sparse::new(2 * cells);
            let mut p: otc_emd_grid_problem_f64 = abi();
            (p.ndim, p.shape, p.a, p.b) = (2, shape.as_ptr(), ga.as_ptr(), gb.as_ptr());
            let mut r: otc_emd_grid_outputs_f64 = abi();
            (r.f, r.g) = (gf.as_mut_ptr(), gg.as_mut_ptr());
            (r.plan_rows, r.plan_cols, r.plan_mass) = plan.outputs();
            let o = options(rng, otc_emd_grid_options_default);
            let fns = Fns {
                size: otc_emd_grid_workspace_size_f64,
                run: otc_emd_grid_f64,
            };
            call(rng, "otc_emd_grid_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.cost, r.gap]) && all_finite(&gf)
            });
        }
        5 => {
            let mut p: otc_sinkhorn_partial_problem_f64 = abi();
            (p.a, p.n, p.b, p.m, p.cost) = (a.as_ptr(), n, b.as_ptr(), m, view(&c, n, m));
            p.mass = 0.05 + 0.95 * rng.unit();
            let mut r: otc_sinkhorn_partial_outputs_f64 = abi();
            (r.f, r.g) = (f.as_mut_ptr(), g.as_mut_ptr());
            r.plan = view_mut(&mut dense, n, m);
            let mut o = options(rng, otc_sinkhorn_partial_options_default);
            o.epsilon = rng.pick(&[1e-3, 0.05, 1.0]);
            o.max_iter = rng.pick(&[1, 50, 10_000]);
            let fns = Fns {
                size: otc_sinkhorn_partial_workspace_size_f64,
                run: otc_sinkhorn_partial_f64,
            };
            call(rng, "otc_sinkhorn_partial_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[
                    r.entropic_ot,
                    r.transport_cost,
                    r.transported_mass,
                    r.mass_price,
                ]) && all_finite(&f)
                    && all_finite(&g)
                    && all_finite(&dense)
            });
        }
        _ => {
            let (x, y) = (points(rng, n), points(rng, m));
            let mut p: otc_wasserstein_1d_problem_f64 = abi();
            (p.x, p.a, p.n, p.y, p.b, p.m) = (x.as_ptr(), a.as_ptr(), n, y.as_ptr(), b.as_ptr(), m);
            p.p = rng.pick(&[1.0, 1.5, 2.0, 3.0]);
            let mut r: otc_wasserstein_1d_outputs_f64 = abi();
            let o = options(rng, otc_wasserstein_1d_options_default);
            let fns = Fns {
                size: otc_wasserstein_1d_workspace_size_f64,
                run: otc_wasserstein_1d_f64,
            };
            call(rng, "otc_wasserstein_1d_f64", &p, &mut r, &o, fns, |r| {
                r.wp_p.is_finite()
            });
        }
    }
}

fn one_d_ops(rng: &mut Rng) {
    let n = 2 + rng.below(8);
    let (x, a) = (points(rng, n), simplex(rng, n));
    match rng.below(3) {
        0 => {
            let levels: Vec<f64> = (0..1 + rng.below(5)).map(|_| rng.unit()).collect();
            let mut q = vec![0.0; levels.len()];
            let mut p: otc_quantile_1d_problem_f64 = abi();
            (p.x, p.a, p.n, p.levels, p.num_levels) =
                (x.as_ptr(), a.as_ptr(), n, levels.as_ptr(), levels.len());
            let mut r: otc_quantile_1d_outputs_f64 = abi();
            r.quantiles = q.as_mut_ptr();
            let o = options(rng, otc_quantile_1d_options_default);
            let fns = Fns {
                size: otc_quantile_1d_workspace_size_f64,
                run: otc_quantile_1d_f64,
            };
            call(rng, "otc_quantile_1d_f64", &p, &mut r, &o, fns, |_| {
                all_finite(&q)
            });
        }
        1 => {
            let k = 1 + rng.below(n.min(3));
            let mut sizes = vec![n / k; k];
            sizes[0] += n - k * (n / k);
            let w: Vec<f64> = sizes.iter().flat_map(|&s| simplex(rng, s)).collect();
            let lambda = simplex(rng, k);
            let room = n - k + 1;
            let (mut pts, mut wts) = (vec![0.0; room], vec![0.0; room]);
            let mut p: otc_barycenter_1d_problem_f64 = abi();
            (p.x, p.a, p.n, p.sizes, p.k) = (x.as_ptr(), w.as_ptr(), n, sizes.as_ptr(), k);
            (p.lambda, p.p) = (lambda.as_ptr(), rng.pick(&[1.0, 2.0, 3.0]));
            let mut r: otc_barycenter_1d_outputs_f64 = abi();
            (r.points, r.weights) = (pts.as_mut_ptr(), wts.as_mut_ptr());
            let o = options(rng, otc_barycenter_1d_options_default);
            let fns = Fns {
                size: otc_barycenter_1d_workspace_size_f64,
                run: otc_barycenter_1d_f64,
            };
            call(rng, "otc_barycenter_1d_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&pts[..r.nnz]) && all_finite(&wts[..r.nnz])
            });
        }
        _ => {
            let d = 1 + rng.below(3);
            let (xs, ys) = (points(rng, n * d), points(rng, n * d));
            let mut p: otc_sliced_wasserstein_problem_f64 = abi();
            (p.x, p.a, p.y, p.b) = (view(&xs, n, d), a.as_ptr(), view(&ys, n, d), a.as_ptr());
            p.p = rng.pick(&[1.0, 2.0]);
            let mut r: otc_sliced_wasserstein_outputs_f64 = abi();
            let mut o = options(rng, otc_sliced_wasserstein_options_default);
            (o.num_directions, o.seed) = (1 + rng.below(20), rng.next());
            let fns = Fns {
                size: otc_sliced_wasserstein_workspace_size_f64,
                run: otc_sliced_wasserstein_f64,
            };
            call(
                rng,
                "otc_sliced_wasserstein_f64",
                &p,
                &mut r,
                &o,
                fns,
                |r| r.swp_p.is_finite(),
            );
        }
    }
}

fn gaussian_ops(rng: &mut Rng) {
    let d = 1 + rng.pick(&[0, 1, 2, 4, 19]);
    let ((m1, s1), (m2, s2)) = (gaussian(rng, d), gaussian(rng, d));
    let (v1, v2) = (view(&s1, d, d), view(&s2, d, d));
    let (mut mat, mut vec_d) = (vec![0.0; d * d], vec![0.0; d]);
    let out = |mat: &mut Vec<f64>| view_mut(mat, d, d);
    match rng.below(10) {
        0 => {
            let mut p: otc_bures_problem_f64 = abi();
            (p.sigma1, p.sigma2) = (v1, v2);
            let mut r: otc_bures_outputs_f64 = abi();
            let o = options(rng, otc_bures_options_default);
            let fns = Fns {
                size: otc_bures_workspace_size_f64,
                run: otc_bures_f64,
            };
            call(rng, "otc_bures_f64", &p, &mut r, &o, fns, |r| {
                r.bures_squared.is_finite()
            });
        }
        1 => {
            let mut p: otc_gaussian_w2_problem_f64 = abi();
            (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), v1, m2.as_ptr(), v2);
            let mut r: otc_gaussian_w2_outputs_f64 = abi();
            let o = options(rng, otc_gaussian_w2_options_default);
            let fns = Fns {
                size: otc_gaussian_w2_workspace_size_f64,
                run: otc_gaussian_w2_f64,
            };
            call(rng, "otc_gaussian_w2_f64", &p, &mut r, &o, fns, |r| {
                r.w2_squared.is_finite()
            });
        }
        2 => {
            let mut p: otc_gaussian_entropic_w2_problem_f64 = abi();
            (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), v1, m2.as_ptr(), v2);
            p.epsilon = rng.pick(&[1e-3, 0.1, 1.0, 10.0]);
            let mut r: otc_gaussian_entropic_w2_outputs_f64 = abi();
            let o = options(rng, otc_gaussian_entropic_w2_options_default);
            let fns = Fns {
                size: otc_gaussian_entropic_w2_workspace_size_f64,
                run: otc_gaussian_entropic_w2_f64,
            };
            call(
                rng,
                "otc_gaussian_entropic_w2_f64",
                &p,
                &mut r,
                &o,
                fns,
                |r| r.cost.is_finite(),
            );
        }
        3 => {
            let mut p: otc_gaussian_map_problem_f64 = abi();
            (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), v1, m2.as_ptr(), v2);
            let mut r: otc_gaussian_map_outputs_f64 = abi();
            (r.a, r.b) = (out(&mut mat), vec_d.as_mut_ptr());
            let o = options(rng, otc_gaussian_map_options_default);
            let fns = Fns {
                size: otc_gaussian_map_workspace_size_f64,
                run: otc_gaussian_map_f64,
            };
            call(rng, "otc_gaussian_map_f64", &p, &mut r, &o, fns, |_| {
                all_finite(&mat) && all_finite(&vec_d)
            });
        }
        4 => {
            let n = 1 + rng.below(300);
            let x = points(rng, n * d);
            let mut y = vec![0.0; n * d];
            let mut p: otc_gaussian_map_apply_problem_f64 = abi();
            (p.a, p.b, p.x) = (v1, m1.as_ptr(), view(&x, n, d));
            let mut r: otc_gaussian_map_apply_outputs_f64 = abi();
            r.y = view_mut(&mut y, n, d);
            let o = options(rng, otc_gaussian_map_apply_options_default);
            let fns = Fns {
                size: otc_gaussian_map_apply_workspace_size_f64,
                run: otc_gaussian_map_apply_f64,
            };
            call(
                rng,
                "otc_gaussian_map_apply_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&y),
            );
        }
        5 => {
            let mut p: otc_gaussian_geodesic_problem_f64 = abi();
            (p.m1, p.sigma1, p.m2, p.sigma2) = (m1.as_ptr(), v1, m2.as_ptr(), v2);
            p.t = rng.unit();
            let mut r: otc_gaussian_geodesic_outputs_f64 = abi();
            (r.mean, r.cov) = (vec_d.as_mut_ptr(), out(&mut mat));
            let o = options(rng, otc_gaussian_geodesic_options_default);
            let fns = Fns {
                size: otc_gaussian_geodesic_workspace_size_f64,
                run: otc_gaussian_geodesic_f64,
            };
            call(
                rng,
                "otc_gaussian_geodesic_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&mat) && all_finite(&vec_d),
            );
        }
        6 => {
            let k = 1 + rng.below(3);
            let gs: Vec<(Vec<f64>, Vec<f64>)> = (0..k).map(|_| gaussian(rng, d)).collect();
            let means: Vec<f64> = gs.iter().flat_map(|g| g.0.clone()).collect();
            let covs: Vec<otc_matrix_f64> = gs.iter().map(|g| view(&g.1, d, d)).collect();
            let w = simplex(rng, k);
            let mut p: otc_gaussian_barycenter_problem_f64 = abi();
            (p.means, p.covs, p.weights) = (view(&means, k, d), covs.as_ptr(), w.as_ptr());
            let mut r: otc_gaussian_barycenter_outputs_f64 = abi();
            (r.mean, r.cov) = (vec_d.as_mut_ptr(), out(&mut mat));
            let o = options(rng, otc_gaussian_barycenter_options_default);
            let fns = Fns {
                size: otc_gaussian_barycenter_workspace_size_f64,
                run: otc_gaussian_barycenter_f64,
            };
            call(
                rng,
                "otc_gaussian_barycenter_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&mat) && all_finite(&vec_d),
            );
        }
        7 => {
            let (k1, k2) = (1 + rng.below(3), 1 + rng.below(3));
            let g1: Vec<(Vec<f64>, Vec<f64>)> = (0..k1).map(|_| gaussian(rng, d)).collect();
            let g2: Vec<(Vec<f64>, Vec<f64>)> = (0..k2).map(|_| gaussian(rng, d)).collect();
            let mean1: Vec<f64> = g1.iter().flat_map(|g| g.0.clone()).collect();
            let mean2: Vec<f64> = g2.iter().flat_map(|g| g.0.clone()).collect();
            let c1: Vec<otc_matrix_f64> = g1.iter().map(|g| view(&g.1, d, d)).collect();
            let c2: Vec<otc_matrix_f64> = g2.iter().map(|g| view(&g.1, d, d)).collect();
            let mut w2 = vec![0.0; k1 * k2];
            let mut p: otc_gaussian_w2_pairwise_problem_f64 = abi();
            (p.means1, p.covs1) = (view(&mean1, k1, d), c1.as_ptr());
            (p.means2, p.covs2) = (view(&mean2, k2, d), c2.as_ptr());
            let mut r: otc_gaussian_w2_pairwise_outputs_f64 = abi();
            r.w2_squared = view_mut(&mut w2, k1, k2);
            let o = options(rng, otc_gaussian_w2_pairwise_options_default);
            let fns = Fns {
                size: otc_gaussian_w2_pairwise_workspace_size_f64,
                run: otc_gaussian_w2_pairwise_f64,
            };
            call(
                rng,
                "otc_gaussian_w2_pairwise_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&w2),
            );
        }
        8 => {
            let n = 1 + rng.below(300);
            let x = points(rng, n * d);
            let w = simplex(rng, n);
            let mut p: otc_gaussian_moments_problem_f64 = abi();
            p.x = view(&x, n, d);
            if rng.below(2) == 0 {
                p.weights = w.as_ptr();
            }
            let mut r: otc_gaussian_moments_outputs_f64 = abi();
            (r.mean, r.cov) = (vec_d.as_mut_ptr(), out(&mut mat));
            let o = options(rng, otc_gaussian_moments_options_default);
            let fns = Fns {
                size: otc_gaussian_moments_workspace_size_f64,
                run: otc_gaussian_moments_f64,
            };
            call(rng, "otc_gaussian_moments_f64", &p, &mut r, &o, fns, |_| {
                all_finite(&mat) && all_finite(&vec_d)
            });
        }
        _ => {
            let mut inv = vec![0.0; d * d];
            let mut p: otc_psd_sqrt_problem_f64 = abi();
            p.a = v1;
            let mut r: otc_psd_sqrt_outputs_f64 = abi();
            (r.sqrt, r.inv_sqrt) = (out(&mut mat), view_mut(&mut inv, d, d));
            let o = options(rng, otc_psd_sqrt_options_default);
            let fns = Fns {
                size: otc_psd_sqrt_workspace_size_f64,
                run: otc_psd_sqrt_f64,
            };
            call(rng, "otc_psd_sqrt_f64", &p, &mut r, &o, fns, |_| {
                all_finite(&mat) && all_finite(&inv)
            });
        }
    }
}

/// A precision of the C ABI: its element type's views and conversion from f64.
trait Elem: Copy + Into<f64> {
    type View;
    type ViewMut;
    fn of(v: &[f64]) -> Vec<Self>;
    fn view(data: &[Self], rows: usize, cols: usize) -> Self::View;
    fn view_mut(data: &mut [Self], rows: usize, cols: usize) -> Self::ViewMut;
    /// The column-major view of k columns of `rows` values each, stored one after the other.
    fn columns(data: &[Self], rows: usize, k: usize) -> Self::View;
}

macro_rules! elem {
    ($t:ty, $v:ident, $vm:ident) => {
        impl Elem for $t {
            type View = $v;
            type ViewMut = $vm;
            fn of(v: &[f64]) -> Vec<$t> {
                v.iter().map(|&x| x as $t).collect()
            }
            fn view(data: &[$t], rows: usize, cols: usize) -> $v {
                $v {
                    data: data.as_ptr(),
                    rows,
                    cols,
                    row_stride: cols as isize,
                    col_stride: 1,
                }
            }
            fn view_mut(data: &mut [$t], rows: usize, cols: usize) -> $vm {
                $vm {
                    data: data.as_mut_ptr(),
                    rows,
                    cols,
                    row_stride: cols as isize,
                    col_stride: 1,
                }
            }
            fn columns(data: &[$t], rows: usize, k: usize) -> $v {
                $v {
                    data: data.as_ptr(),
                    rows,
                    cols: k,
                    row_stride: 1,
                    col_stride: rows as isize,
                }
            }
        }
    };
}
elem!(f64, otc_matrix_f64, otc_matrix_mut_f64);
elem!(f32, otc_matrix_f32, otc_matrix_mut_f32);

/// The semi-discrete operations in one precision: Laguerre cells, Lloyd, the semi-discrete
/// solve and its SGD.
macro_rules! semidiscrete_ops {
    ($fname:ident, $t:ty,
     [$lap:ident, $lao:ident, $las:ident, $la:ident],
     [$llp:ident, $llo:ident, $lls:ident, $ll:ident],
     [$sdp:ident, $sdo:ident, $sds:ident, $sd:ident],
     [$sgp:ident, $sgo:ident, $sgs:ident, $sg:ident]) => {
        fn $fname(rng: &mut Rng) {
            let (n, m, d) = (1 + rng.below(60), 1 + rng.below(6), 1 + rng.below(3));
            let (x, sites) = (<$t>::of(&points(rng, n * d)), <$t>::of(&points(rng, m * d)));
            let (w, b) = (<$t>::of(&simplex(rng, n)), <$t>::of(&simplex(rng, m)));
            let mut g: Vec<$t> = vec![0.0; m];
            match rng.below(4) {
                0 => {
                    let gi = <$t>::of(&points(rng, m));
                    let mut cells = vec![0u32; n];
                    let mut masses = vec![0.0; m];
                    let mut p: $lap = abi();
                    (p.points, p.point_weights) = (<$t>::view(&x, n, d), w.as_ptr());
                    (p.sites, p.g) = (<$t>::view(&sites, m, d), gi.as_ptr());
                    let mut r: $lao = abi();
                    (r.cells, r.masses) = (cells.as_mut_ptr(), masses.as_mut_ptr());
                    let o = options(rng, otc_laguerre_assign_options_default);
                    let fns = Fns {
                        size: $las,
                        run: $la,
                    };
                    call(rng, stringify!($la), &p, &mut r, &o, fns, |_| {
                        all_finite(&masses) && cells.iter().all(|&c| (c as usize) < m)
                    });
                }
                1 => {
                    let mut moved: Vec<$t> = vec![0.0; m * d];
                    let mut p: $llp = abi();
                    (p.points, p.sites) = (<$t>::view(&x, n, d), <$t>::view(&sites, m, d));
                    let mut r: $llo = abi();
                    r.sites = <$t>::view_mut(&mut moved, m, d);
                    let mut o = options(rng, otc_lloyd_options_default);
                    o.max_iter = 1 + rng.below(20) as u64;
                    let fns = Fns {
                        size: $lls,
                        run: $ll,
                    };
                    call(rng, stringify!($ll), &p, &mut r, &o, fns, |r| {
                        r.distortion.is_finite() && all_finite(&moved)
                    });
                }
                2 => {
                    let mut p: $sdp = abi();
                    (p.points, p.point_weights) = (<$t>::view(&x, n, d), w.as_ptr());
                    (p.sites, p.b) = (<$t>::view(&sites, m, d), b.as_ptr());
                    let mut cell_masses = vec![0.0; m];
                    let mut r: $sdo = abi();
                    (r.g, r.masses) = (g.as_mut_ptr(), cell_masses.as_mut_ptr());
                    let mut o = options(rng, otc_semidiscrete_options_default);
                    o.max_iter = 1 + rng.below(50) as u64;
                    let fns = Fns {
                        size: $sds,
                        run: $sd,
                    };
                    call(rng, stringify!($sd), &p, &mut r, &o, fns, |r| {
                        all_finite(&[r.mass_error, r.epsilon, r.step]) && all_finite(&g)
                    });
                }
                _ => {
                    let mut p: $sgp = abi();
                    (p.sites, p.b) = (<$t>::view(&sites, m, d), b.as_ptr());
                    (p.points, p.point_weights) = (<$t>::view(&x, n, d), w.as_ptr());
                    let mut r: $sgo = abi();
                    r.g = g.as_mut_ptr();
                    let mut o = options(rng, otc_semidiscrete_sgd_options_default);
                    (o.iterations, o.batch, o.seed) =
                        (1 + rng.below(50) as u64, 1 + rng.below(8), rng.next());
                    let fns = Fns {
                        size: $sgs,
                        run: $sg,
                    };
                    call(rng, stringify!($sg), &p, &mut r, &o, fns, |r| {
                        r.step.is_finite() && all_finite(&g)
                    });
                }
            }
        }
    };
}

semidiscrete_ops!(
    semidiscrete_ops_f64,
    f64,
    [
        otc_laguerre_assign_problem_f64,
        otc_laguerre_assign_outputs_f64,
        otc_laguerre_assign_workspace_size_f64,
        otc_laguerre_assign_f64
    ],
    [
        otc_lloyd_problem_f64,
        otc_lloyd_outputs_f64,
        otc_lloyd_workspace_size_f64,
        otc_lloyd_f64
    ],
    [
        otc_semidiscrete_problem_f64,
        otc_semidiscrete_outputs_f64,
        otc_semidiscrete_workspace_size_f64,
        otc_semidiscrete_f64
    ],
    [
        otc_semidiscrete_sgd_problem_f64,
        otc_semidiscrete_sgd_outputs_f64,
        otc_semidiscrete_sgd_workspace_size_f64,
        otc_semidiscrete_sgd_f64
    ]
);
semidiscrete_ops!(
    semidiscrete_ops_f32,
    f32,
    [
        otc_laguerre_assign_problem_f32,
        otc_laguerre_assign_outputs_f32,
        otc_laguerre_assign_workspace_size_f32,
        otc_laguerre_assign_f32
    ],
    [
        otc_lloyd_problem_f32,
        otc_lloyd_outputs_f32,
        otc_lloyd_workspace_size_f32,
        otc_lloyd_f32
    ],
    [
        otc_semidiscrete_problem_f32,
        otc_semidiscrete_outputs_f32,
        otc_semidiscrete_workspace_size_f32,
        otc_semidiscrete_f32
    ],
    [
        otc_semidiscrete_sgd_problem_f32,
        otc_semidiscrete_sgd_outputs_f32,
        otc_semidiscrete_sgd_workspace_size_f32,
        otc_semidiscrete_sgd_f32
    ]
);

/// The entropic operations and the two histogram barycenters in one precision: the Sinkhorn
/// divergence, the row-block Sinkhorn step, the fixed-support and convolutional barycenters.
macro_rules! entropic_ops {
    ($fname:ident, $t:ty,
     [$dvp:ident, $dvo:ident, $dvs:ident, $dv:ident],
     [$bsp:ident, $bso:ident, $bss:ident, $bs:ident],
     [$byp:ident, $byo:ident, $bys:ident, $by:ident],
     [$cvp:ident, $cvo:ident, $cvs:ident, $cv:ident]) => {
        fn $fname(rng: &mut Rng) {
            let (n, m) = (1 + rng.below(6), 1 + rng.below(6));
            let (a, b) = (<$t>::of(&simplex(rng, n)), <$t>::of(&simplex(rng, m)));
            match rng.below(4) {
                0 => {
                    let (cxy, cxx, cyy) = (
                        <$t>::of(&costs(rng, n, m)),
                        <$t>::of(&costs(rng, n, n)),
                        <$t>::of(&costs(rng, m, m)),
                    );
                    let mut p: $dvp = abi();
                    (p.a, p.n, p.b, p.m) = (a.as_ptr(), n, b.as_ptr(), m);
                    (p.cost_xy, p.cost_xx, p.cost_yy) = (
                        <$t>::view(&cxy, n, m),
                        <$t>::view(&cxx, n, n),
                        <$t>::view(&cyy, m, m),
                    );
                    let mut r: $dvo = abi();
                    let mut o = options(rng, otc_sinkhorn_divergence_options_default);
                    o.epsilon = rng.pick(&[0.05, 0.5, 2.0]);
                    let fns = Fns {
                        size: $dvs,
                        run: $dv,
                    };
                    call(rng, stringify!($dv), &p, &mut r, &o, fns, |r| {
                        all_finite(&[
                            r.divergence,
                            r.entropic_ot_xy,
                            r.entropic_ot_xx,
                            r.entropic_ot_yy,
                        ])
                    });
                }
                1 => {
                    let c = <$t>::of(&costs(rng, n, m));
                    let (g, fb) = (points(rng, m), points(rng, n));
                    let mut f = vec![0.0; n];
                    let mut pairs = vec![otc_lse_pair { max: 0.0, sum: 0.0 }; m];
                    let mut p: $bsp = abi();
                    (p.cost_block, p.a_block, p.b) = (<$t>::view(&c, n, m), a.as_ptr(), b.as_ptr());
                    (p.g, p.f_block) = (g.as_ptr(), fb.as_ptr());
                    let mut r: $bso = abi();
                    (r.f_block, r.pairs) = (f.as_mut_ptr(), pairs.as_mut_ptr());
                    let mut o = options(rng, otc_sinkhorn_block_step_options_default);
                    o.epsilon = rng.pick(&[0.05, 0.5, 2.0]);
                    let fns = Fns {
                        size: $bss,
                        run: $bs,
                    };
                    call(rng, stringify!($bs), &p, &mut r, &o, fns, |r| {
                        r.marginal_error.is_finite()
                            && all_finite(&f)
                            && pairs.iter().all(|q| q.max.is_finite() && q.sum.is_finite())
                    });
                }
                2 => {
                    let k = 1 + rng.below(3);
                    // k histograms, one after the other: a column-major n × k matrix.
                    let hists = <$t>::of(&(0..k).flat_map(|_| simplex(rng, n)).collect::<Vec<_>>());
                    let c = <$t>::of(&costs(rng, n, n));
                    let w = <$t>::of(&simplex(rng, k));
                    let mut bary: Vec<$t> = vec![0.0; n];
                    let mut p: $byp = abi();
                    p.hists = <$t>::columns(&hists, n, k);
                    (p.cost, p.weights) = (<$t>::view(&c, n, n), w.as_ptr());
                    let mut r: $byo = abi();
                    r.barycenter = bary.as_mut_ptr();
                    let mut o = options(rng, otc_barycenter_options_default);
                    (o.epsilon, o.max_iter) = (rng.pick(&[0.05, 0.5]), 1 + rng.below(200) as u64);
                    let fns = Fns {
                        size: $bys,
                        run: $by,
                    };
                    call(rng, stringify!($by), &p, &mut r, &o, fns, |_| {
                        all_finite(&bary)
                    });
                }
                _ => {
                    let (h, w) = (1 + rng.below(8), 1 + rng.below(8));
                    let k = 1 + rng.below(3);
                    let images =
                        <$t>::of(&(0..k).flat_map(|_| simplex(rng, h * w)).collect::<Vec<_>>());
                    let mut bary: Vec<$t> = vec![0.0; h * w];
                    let mut p: $cvp = abi();
                    p.images = <$t>::columns(&images, h * w, k);
                    (p.height, p.width) = (h, w);
                    let mut r: $cvo = abi();
                    r.barycenter = bary.as_mut_ptr();
                    let mut o = options(rng, otc_convolutional_barycenter_options_default);
                    (o.epsilon, o.max_iter) = (rng.pick(&[0.01, 0.1]), 1 + rng.below(100) as u64);
                    let fns = Fns {
                        size: $cvs,
                        run: $cv,
                    };
                    call(rng, stringify!($cv), &p, &mut r, &o, fns, |_| {
                        all_finite(&bary)
                    });
                }
            }
        }
    };
}

entropic_ops!(
    entropic_ops_f64,
    f64,
    [
        otc_sinkhorn_divergence_problem_f64,
        otc_sinkhorn_divergence_outputs_f64,
        otc_sinkhorn_divergence_workspace_size_f64,
        otc_sinkhorn_divergence_f64
    ],
    [
        otc_sinkhorn_block_step_problem_f64,
        otc_sinkhorn_block_step_outputs_f64,
        otc_sinkhorn_block_step_workspace_size_f64,
        otc_sinkhorn_block_step_f64
    ],
    [
        otc_barycenter_problem_f64,
        otc_barycenter_outputs_f64,
        otc_barycenter_workspace_size_f64,
        otc_barycenter_f64
    ],
    [
        otc_convolutional_barycenter_problem_f64,
        otc_convolutional_barycenter_outputs_f64,
        otc_convolutional_barycenter_workspace_size_f64,
        otc_convolutional_barycenter_f64
    ]
);
entropic_ops!(
    entropic_ops_f32,
    f32,
    [
        otc_sinkhorn_divergence_problem_f32,
        otc_sinkhorn_divergence_outputs_f32,
        otc_sinkhorn_divergence_workspace_size_f32,
        otc_sinkhorn_divergence_f32
    ],
    [
        otc_sinkhorn_block_step_problem_f32,
        otc_sinkhorn_block_step_outputs_f32,
        otc_sinkhorn_block_step_workspace_size_f32,
        otc_sinkhorn_block_step_f32
    ],
    [
        otc_barycenter_problem_f32,
        otc_barycenter_outputs_f32,
        otc_barycenter_workspace_size_f32,
        otc_barycenter_f32
    ],
    [
        otc_convolutional_barycenter_problem_f32,
        otc_convolutional_barycenter_outputs_f32,
        otc_convolutional_barycenter_workspace_size_f32,
        otc_convolutional_barycenter_f32
    ]
);

fn block_column_update_and_free_support_ops(rng: &mut Rng) {
    let (n, m) = (1 + rng.below(6), 1 + rng.below(6));
    let a = simplex(rng, n);
    match rng.below(2) {
        0 => {
            let pairs: Vec<otc_lse_pair> = (0..m)
                .map(|_| otc_lse_pair {
                    max: rng.unit() * 4.0 - 2.0,
                    sum: 0.1 + rng.unit(),
                })
                .collect();
            let mut g = vec![0.0; m];
            let mut p: otc_sinkhorn_block_column_update_problem_f64 = abi();
            (p.pairs, p.m) = (pairs.as_ptr(), m);
            let mut r: otc_sinkhorn_block_column_update_outputs_f64 = abi();
            r.g = g.as_mut_ptr();
            let mut o = options(rng, otc_sinkhorn_block_column_update_options_default);
            o.epsilon = rng.pick(&[0.05, 0.5, 2.0]);
            let fns = Fns {
                size: otc_sinkhorn_block_column_update_workspace_size_f64,
                run: otc_sinkhorn_block_column_update_f64,
            };
            call(
                rng,
                "otc_sinkhorn_block_column_update_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&g),
            );
        }
        _ => {
            let (k, d) = (1 + rng.below(3), 1 + rng.below(3));
            let sizes: Vec<usize> = (0..k).map(|_| 1 + rng.below(5)).collect();
            let total: usize = sizes.iter().sum();
            let y = points(rng, total * d);
            let wb: Vec<f64> = sizes.iter().flat_map(|&s| simplex(rng, s)).collect();
            let lambda = simplex(rng, k);
            let x0 = points(rng, n * d);
            let mut x = vec![0.0; n * d];
            let mut p: otc_free_support_barycenter_problem_f64 = abi();
            (p.y, p.b, p.sizes, p.k) = (view(&y, total, d), wb.as_ptr(), sizes.as_ptr(), k);
            (p.lambda, p.x0, p.a) = (lambda.as_ptr(), view(&x0, n, d), a.as_ptr());
            let mut r: otc_free_support_barycenter_outputs_f64 = abi();
            r.x = view_mut(&mut x, n, d);
            let mut o = options(rng, otc_free_support_barycenter_options_default);
            o.max_iter = 1 + rng.below(20) as u64;
            let fns = Fns {
                size: otc_free_support_barycenter_workspace_size_f64,
                run: otc_free_support_barycenter_f64,
            };
            call(
                rng,
                "otc_free_support_barycenter_f64",
                &p,
                &mut r,
                &o,
                fns,
                |r| r.objective.is_finite() && all_finite(&x),
            );
        }
    }
}

fn cloud_flow_and_plan_ops(rng: &mut Rng) {
    let (n, m, d) = (1 + rng.below(6), 1 + rng.below(6), 1 + rng.below(3));
    let (x, y) = (points(rng, n * d), points(rng, m * d));
    let (a, b) = (simplex(rng, n), simplex(rng, m));
    // A sparse plan of random entries (the plan operations need no optimality).
    let nnz = 1 + rng.below(n + m);
    let rows: Vec<usize> = (0..nnz).map(|_| rng.below(n)).collect();
    let cols: Vec<usize> = (0..nnz).map(|_| rng.below(m)).collect();
    let mass: Vec<f64> = simplex(rng, nnz);
    let mut moved = vec![0.0; n * d];
    match rng.below(6) {
        0 => {
            let (mut f, mut g, mut plan) = (vec![0.0; n], vec![0.0; m], Sparse::new(n + m - 1));
            let mut p: otc_emd_points_problem_f64 = abi();
            (p.a, p.b, p.x, p.y) = (a.as_ptr(), b.as_ptr(), view(&x, n, d), view(&y, m, d));
            let mut r: otc_emd_points_outputs_f64 = abi();
            (r.f, r.g) = (f.as_mut_ptr(), g.as_mut_ptr());
            (r.plan_rows, r.plan_cols, r.plan_mass) = plan.outputs();
            let mut o = options(rng, otc_emd_points_options_default);
            (o.metric, o.p) = (rng.below(3) as i32, rng.pick(&[1.0, 1.5, 3.0]));
            let fns = Fns {
                size: otc_emd_points_workspace_size_f64,
                run: otc_emd_points_f64,
            };
            call(rng, "otc_emd_points_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.cost, r.gap]) && all_finite(&f) && all_finite(&g)
            });
        }
        1 => {
            let mut gy = vec![0.0; m * d];
            let mut p: otc_plan_position_gradient_problem_f64 = abi();
            (p.x, p.y, p.plan_nnz) = (view(&x, n, d), view(&y, m, d), nnz);
            (p.plan_rows, p.plan_cols, p.plan_mass) = (rows.as_ptr(), cols.as_ptr(), mass.as_ptr());
            let mut r: otc_plan_position_gradient_outputs_f64 = abi();
            (r.gx, r.gy) = (view_mut(&mut moved, n, d), view_mut(&mut gy, m, d));
            let o = options(rng, otc_plan_position_gradient_options_default);
            let fns = Fns {
                size: otc_plan_position_gradient_workspace_size_f64,
                run: otc_plan_position_gradient_f64,
            };
            call(
                rng,
                "otc_plan_position_gradient_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&moved) && all_finite(&gy),
            );
        }
        2 => {
            let (mut at, mut weights) = (vec![0.0; nnz * d], vec![0.0; nnz]);
            let mut p: otc_displacement_interpolation_problem_f64 = abi();
            (p.x, p.y, p.plan_nnz) = (view(&x, n, d), view(&y, m, d), nnz);
            (p.plan_rows, p.plan_cols, p.plan_mass) = (rows.as_ptr(), cols.as_ptr(), mass.as_ptr());
            p.t = rng.unit();
            let mut r: otc_displacement_interpolation_outputs_f64 = abi();
            (r.points, r.weights) = (view_mut(&mut at, nnz, d), weights.as_mut_ptr());
            let o = options(rng, otc_displacement_interpolation_options_default);
            let fns = Fns {
                size: otc_displacement_interpolation_workspace_size_f64,
                run: otc_displacement_interpolation_f64,
            };
            call(
                rng,
                "otc_displacement_interpolation_f64",
                &p,
                &mut r,
                &o,
                fns,
                |_| all_finite(&at) && all_finite(&weights),
            );
        }
        3 => {
            let mut p: otc_mmd_flow_step_problem_f64 = abi();
            (p.x, p.a, p.y, p.b) = (view(&x, n, d), a.as_ptr(), view(&y, m, d), b.as_ptr());
            let mut r: otc_mmd_flow_step_outputs_f64 = abi();
            r.x = view_mut(&mut moved, n, d);
            let mut o = options(rng, otc_mmd_flow_step_options_default);
            (o.kernel, o.step) = (rng.below(2) as i32, rng.pick(&[0.01, 0.5]));
            let fns = Fns {
                size: otc_mmd_flow_step_workspace_size_f64,
                run: otc_mmd_flow_step_f64,
            };
            call(rng, "otc_mmd_flow_step_f64", &p, &mut r, &o, fns, |r| {
                all_finite(&[r.mmd_squared, r.target_term]) && all_finite(&moved)
            });
        }
        4 => {
            let mut potentials = vec![0.0; 3 * (n + m)];
            let mut p: otc_wasserstein_flow_step_problem_f64 = abi();
            (p.x, p.a, p.y, p.b) = (view(&x, n, d), a.as_ptr(), view(&y, m, d), b.as_ptr());
            let mut r: otc_wasserstein_flow_step_outputs_f64 = abi();
            (r.x, r.potentials) = (view_mut(&mut moved, n, d), potentials.as_mut_ptr());
            let mut o = options(rng, otc_wasserstein_flow_step_options_default);
            (o.epsilon, o.max_iter) = (rng.pick(&[0.1, 1.0]), 1 + rng.below(200) as u64);
            let fns = Fns {
                size: otc_wasserstein_flow_step_workspace_size_f64,
                run: otc_wasserstein_flow_step_f64,
            };
            call(
                rng,
                "otc_wasserstein_flow_step_f64",
                &p,
                &mut r,
                &o,
                fns,
                |r| r.divergence.is_finite() && all_finite(&moved) && all_finite(&potentials),
            );
        }
        _ => {
            let (h, w) = (1 + rng.below(6), 1 + rng.below(6));
            let (rho, potential) = (simplex(rng, h * w), points(rng, h * w));
            let (mut rho_next, mut dual) = (vec![0.0; h * w], vec![0.0; h * w]);
            let init_dual = points(rng, h * w);
            let mut p: otc_jko_step_problem_f64 = abi();
            (p.rho, p.height, p.width, p.potential) = (rho.as_ptr(), h, w, potential.as_ptr());
            if rng.below(2) == 0 {
                p.init_dual = init_dual.as_ptr();
            }
            let mut r: otc_jko_step_outputs_f64 = abi();
            (r.rho_next, r.dual) = (rho_next.as_mut_ptr(), dual.as_mut_ptr());
            let mut o = options(rng, otc_jko_step_options_default);
            (o.epsilon, o.max_iter) = (rng.pick(&[0.05, 0.5]), 1 + rng.below(100) as u64);
            let fns = Fns {
                size: otc_jko_step_workspace_size_f64,
                run: otc_jko_step_f64,
            };
            call(rng, "otc_jko_step_f64", &p, &mut r, &o, fns, |_| {
                all_finite(&rho_next) && all_finite(&dual)
            });
        }
    }
}

/// One random valid call of an operation other than emd, Sinkhorn and the cost matrix.
pub fn fuzz_valid(rng: &mut Rng) {
    match rng.below(9) {
        0 => exact_ops(rng),
        1 => one_d_ops(rng),
        2 => gaussian_ops(rng),
        3 => semidiscrete_ops_f64(rng),
        4 => semidiscrete_ops_f32(rng),
        5 => cloud_flow_and_plan_ops(rng),
        6 => entropic_ops_f64(rng),
        7 => entropic_ops_f32(rng),
        _ => block_column_update_and_free_support_ops(rng),
    }
}
