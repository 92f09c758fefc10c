//! C entry points of [`crate::sinkhorn`]: entropic OT by log-domain Sinkhorn on a dense cost
//! (`otc_sinkhorn_f64/_f32`) or on point clouds with the squared Euclidean cost computed on
//! the fly (`otc_sinkhorn_points_f64/_f32`), and the Sinkhorn divergence
//! (`otc_sinkhorn_divergence_f64/_f32`, `otc_sinkhorn_divergence_points_f64/_f32`).

use super::args::{
    check_disjoint, matrix, matrix_mut, opt_out, opt_slice, opt_slice_mut, options, slice,
    slice_mut, threads, with_workspace, write_defaults, write_workspace_size, AbiOptions, Region,
};
use super::boundary::{ffi_boundary, Report};
use super::status::{otc_status, OTC_WARN_MAX_ITER};
use super::view::{
    otc_matrix_f32, otc_matrix_f64, otc_matrix_mut_f32, otc_matrix_mut_f64, MatrixView,
};
use crate::sinkhorn::{self, Cost, Info, Params, Scaling};
use crate::workspace::{take, vec_req};
use crate::{bail, MatMut, Real, Result, StackReq};
use std::ffi::c_void;

/// Options of the Sinkhorn solvers. Fill with `otc_sinkhorn_options_default`, then change
/// fields. ε and the penalties are in cost units.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_options {
    /// `sizeof(otc_sinkhorn_options)`.
    pub struct_size: usize,
    /// Entropic regularisation ε > 0 (absolute, in cost units). Default 0.01.
    pub epsilon: f64,
    /// KL penalty ρ_a > 0 on the row marginal; `INFINITY` (the default) = balanced.
    pub rho_a: f64,
    /// KL penalty ρ_b > 0 on the column marginal; `INFINITY` (the default) = balanced.
    pub rho_b: f64,
    /// Stop when the L1 marginal error is at most this (0 = run to max_iter). Default 1e-9.
    pub tolerance: f64,
    /// First ε of the ε-scaling schedule; <= 0 (the default) = the cost's largest value.
    pub eps_scaling_start: f64,
    /// Worker threads: 0 = default, 1 = calling thread only, k = k workers.
    pub num_threads: u32,
    /// Iteration cap of the whole solve, ε-scaling iterations included (they are run first,
    /// the target ε gets what they leave); default 1000. Reaching it gives OTC_WARN_MAX_ITER.
    pub max_iter: u32,
    /// Check the marginal error every this many iterations (>= 1, default 10).
    pub check_every: u32,
    /// Number of intermediate ε values of the geometric ε-scaling schedule (0 = off, default).
    pub eps_scaling_steps: u32,
    /// Iterations at each intermediate ε (default 10).
    pub eps_scaling_iters: u32,
    /// 1 = symmetric (averaged) updates, 0 = alternating (default).
    pub symmetric: u32,
    /// 1 = compute `otc_sinkhorn_info.transport_cost` (one more pass over the cost; default),
    /// 0 = leave it NaN.
    pub compute_transport_cost: u32,
    /// Balanced problems: largest accepted relative mass gap |Σa − Σb| / max(Σa, Σb), finite
    /// and not negative (default 1e-6); beyond it OTC_ERR_MASS_MISMATCH, within it b is
    /// rescaled to a's mass (the plan's column sums are (Σa/Σb)·b).
    pub mass_tolerance: f64,
}

impl AbiOptions for otc_sinkhorn_options {
    const NAME: &'static str = "otc_sinkhorn_options";
    fn defaults() -> Self {
        let p = Params::default();
        otc_sinkhorn_options {
            struct_size: std::mem::size_of::<Self>(),
            epsilon: p.epsilon,
            rho_a: p.rho_a,
            rho_b: p.rho_b,
            tolerance: p.tolerance,
            eps_scaling_start: p.scaling.start,
            num_threads: 0,
            max_iter: p.max_iter as u32,
            check_every: p.check_every as u32,
            eps_scaling_steps: p.scaling.steps as u32,
            eps_scaling_iters: p.scaling.iters_per_step as u32,
            symmetric: 0,
            compute_transport_cost: 1,
            mass_tolerance: p.mass_tolerance,
        }
    }
}

impl otc_sinkhorn_options {
    pub(super) fn params(&self) -> Result<Params> {
        for (name, v) in [
            ("symmetric", self.symmetric),
            ("compute_transport_cost", self.compute_transport_cost),
        ] {
            if v > 1 {
                bail!(InvalidArgument, "{name} = {v}: a flag must be 0 or 1");
            }
        }
        Ok(Params {
            epsilon: self.epsilon,
            rho_a: self.rho_a,
            rho_b: self.rho_b,
            max_iter: self.max_iter as usize,
            tolerance: self.tolerance,
            check_every: self.check_every as usize,
            scaling: Scaling {
                steps: self.eps_scaling_steps as usize,
                start: self.eps_scaling_start,
                iters_per_step: self.eps_scaling_iters as usize,
            },
            symmetric: self.symmetric == 1,
            num_threads: threads(self.num_threads),
            mass_tolerance: self.mass_tolerance,
            ..Params::default()
        })
    }
}

/// What a Sinkhorn solve reports (an output: set `struct_size` before the call).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct otc_sinkhorn_info {
    /// `sizeof(otc_sinkhorn_info)`, set by the caller.
    pub struct_size: usize,
    /// ⟨P, C⟩ (NaN when `compute_transport_cost` is 0).
    pub transport_cost: f64,
    /// Dual objective Σ a φ_a(f) + Σ b φ_b(g) − ε(ΣP − Σa·Σb) (φ(x) = x on a balanced side,
    /// ρ(1 − e^{−x/ρ}) otherwise): the entropic OT value at convergence.
    pub dual: f64,
    /// L1 marginal error of the returned potentials (see the README).
    pub marginal_error: f64,
    /// Total mass of the plan.
    pub mass: f64,
    /// First ε of the ε-scaling schedule (the target ε without scaling).
    pub eps_start: f64,
    /// Iterations at the target ε.
    pub iterations: u32,
    /// Iterations at the intermediate ε values.
    pub scaling_iterations: u32,
    /// Number of intermediate ε values used.
    pub eps_steps: u32,
    /// 1 when the tolerance was met, 0 when the cap was reached.
    pub converged: u32,
}

/// Refuses results that overflowed from finite inputs (costs near the largest double, or a
/// tiny ε): the potentials, the info values and, when computed (not NaN), ⟨P, C⟩ must be
/// finite before any output is written.
fn check_overflow(f: &[f64], g: &[f64], i: &Info, transport_cost: f64) -> Result<()> {
    let tc = if transport_cost.is_nan() {
        0.0
    } else {
        transport_cost
    };
    let values = [i.dual, i.marginal_error, i.mass, tc];
    if !f.iter().chain(g).chain(&values).all(|x| x.is_finite()) {
        bail!(
            Numerical,
            "the potentials or the transport cost overflowed (epsilon = {:e}): rescale the costs or raise epsilon",
            i.eps_start.min(f64::MAX)
        );
    }
    Ok(())
}

fn info_of(i: &Info, transport_cost: f64) -> otc_sinkhorn_info {
    otc_sinkhorn_info {
        struct_size: std::mem::size_of::<otc_sinkhorn_info>(),
        transport_cost,
        dual: i.dual,
        marginal_error: i.marginal_error,
        mass: i.mass,
        eps_start: i.eps_start,
        iterations: i.iterations as u32,
        scaling_iterations: i.scaling_iterations as u32,
        eps_steps: i.eps_steps as u32,
        converged: i.converged as u32,
    }
}

fn report(info: &Info) -> Report {
    if info.converged || info.marginal_error <= 0.0 {
        Report::ok()
    } else {
        Report::warn(
            OTC_WARN_MAX_ITER,
            format!(
                "{} iterations without reaching the tolerance: marginal error {:e}",
                info.iterations, info.marginal_error
            ),
        )
    }
}

/// Fills `*opts` with the defaults (ε = 0.01, balanced, 1000 iterations, tolerance 1e-9
/// checked every 10, no ε-scaling, alternating updates, all threads).
///
/// # Safety
/// `opts` must be valid for writes of one `otc_sinkhorn_options`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_options_default(
    opts: *mut otc_sinkhorn_options,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_options_default", || {
        // SAFETY: forwarded contract.
        unsafe { write_defaults(opts) }?;
        Ok(Report::ok())
    })
}

/// Workspace of one solve with its outputs (both element types: the f64 need covers f32).
fn solve_req(n: usize, m: usize, d: usize, p: &Params) -> StackReq {
    StackReq::all_of(&[
        vec_req::<f64>(n),
        vec_req::<f64>(m),
        StackReq::any_of(&[
            sinkhorn::sinkhorn_scratch::<f64>(n, m, d, p),
            sinkhorn::line_sums_scratch::<f64>(n, m, d),
        ]),
    ])
}

/// Bytes of workspace `otc_sinkhorn_*` (and `_points_*`) need for n sources, m targets and
/// points of dimension d (0 for a dense cost), for either element type.
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_workspace_size(
    n: usize,
    m: usize,
    d: usize,
    opts: *const otc_sinkhorn_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_workspace_size", || {
        // SAFETY: forwarded contract.
        let p = unsafe { options(opts) }?.params()?;
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(solve_req(n, m, d, &p), out_bytes) }?;
        Ok(Report::ok())
    })
}

/// The checked arguments shared by the solve entry points.
struct SolveArgs<'a, T> {
    cost: Cost<'a, T>,
    cost_regions: [(&'static str, Region); 2],
    a: &'a [T],
    b: &'a [T],
    init_f: Option<&'a [f64]>,
    init_g: Option<&'a [f64]>,
    f: Option<&'a mut [f64]>,
    g: Option<&'a mut [f64]>,
    plan: Option<MatMut<'a, T>>,
    map: Option<MatMut<'a, T>>,
    info: Option<&'a mut otc_sinkhorn_info>,
}

/// Reads the optional outputs and inputs around an already-checked cost, checks aliasing.
///
/// # Safety
/// Each non-NULL pointer must be valid for its documented length.
#[allow(clippy::too_many_arguments)]
unsafe fn solve_args<'a, T: Real, PM: MatrixView<T = T>>(
    cost: Cost<'a, T>,
    cost_regions: [(&'static str, Region); 2],
    a: *const T,
    b: *const T,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const PM,
    map: *const PM,
    info: *mut otc_sinkhorn_info,
) -> Result<SolveArgs<'a, T>> {
    let (n, m) = cost.dims();
    // SAFETY (all calls below): forwarded contract; lengths are the documented ones.
    let (a, ra) = unsafe { slice("a", a, n) }?;
    let (b, rb) = unsafe { slice("b", b, m) }?;
    let init_f = unsafe { opt_slice("init_f", init_f, n) }?;
    let init_g = unsafe { opt_slice("init_g", init_g, m) }?;
    let f = unsafe { opt_slice_mut("f", f, n) }?;
    let g = unsafe { opt_slice_mut("g", g, m) }?;
    let plan = match unsafe { opt_out("plan", plan as *mut PM) }? {
        Some((v, _)) => Some(unsafe { matrix_mut("plan", &*v) }?),
        None => None,
    };
    let map = match unsafe { opt_out("map", map as *mut PM) }? {
        Some((v, _)) => Some(unsafe { matrix_mut("map", &*v) }?),
        None => None,
    };
    let info = unsafe { opt_slice_mut("info", info, 1) }?;
    if let Some((i, _)) = &info {
        if i[0].struct_size != std::mem::size_of::<otc_sinkhorn_info>() {
            bail!(
                AbiMismatch,
                "otc_sinkhorn_info.struct_size is {}, this library's is {}",
                i[0].struct_size,
                std::mem::size_of::<otc_sinkhorn_info>()
            );
        }
    }
    let mut outs = vec![];
    for (name, r) in [
        ("f", f.as_ref().map(|x| x.1)),
        ("g", g.as_ref().map(|x| x.1)),
        ("plan", plan.as_ref().map(|x| x.1)),
        ("map", map.as_ref().map(|x| x.1)),
        ("info", info.as_ref().map(|x| x.1)),
    ] {
        if let Some(r) = r {
            outs.push((name, r));
        }
    }
    let mut ins = vec![("a", ra), ("b", rb)];
    ins.extend(cost_regions);
    for (name, r) in [
        ("init_f", init_f.as_ref().map(|x| x.1)),
        ("init_g", init_g.as_ref().map(|x| x.1)),
    ] {
        if let Some(r) = r {
            ins.push((name, r));
        }
    }
    check_disjoint(&outs, &ins)?;
    Ok(SolveArgs {
        cost,
        cost_regions,
        a,
        b,
        init_f: init_f.map(|x| x.0),
        init_g: init_g.map(|x| x.0),
        f: f.map(|x| x.0),
        g: g.map(|x| x.0),
        plan: plan.map(|x| x.0),
        map: map.map(|x| x.0),
        info: info.map(|x| &mut x.0[0]),
    })
}

/// Runs a solve on checked arguments: iterates in the workspace, then writes the outputs.
///
/// # Safety
/// `work` is NULL or valid for `work_bytes` bytes and disjoint from every other argument.
unsafe fn solve<T: Real>(
    args: SolveArgs<'_, T>,
    opts: &otc_sinkhorn_options,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    let _ = args.cost_regions;
    let p = opts.params()?;
    let (n, m) = args.cost.dims();
    if let Some(map) = &args.map {
        if map.nrows() != n || map.ncols() != args.cost.point_dim() {
            bail!(
                InvalidDimension,
                "map is {}x{}: expected {n}x{}",
                map.nrows(),
                map.ncols(),
                args.cost.point_dim()
            );
        }
    }
    if let Some(plan) = &args.plan {
        if plan.nrows() != n || plan.ncols() != m {
            bail!(
                InvalidDimension,
                "plan is {}x{}: expected {n}x{m}",
                plan.nrows(),
                plan.ncols()
            );
        }
    }
    let req = solve_req(n, m, args.cost.point_dim(), &p);
    let SolveArgs {
        cost,
        a,
        b,
        init_f,
        init_g,
        f,
        g,
        plan,
        map,
        info,
        ..
    } = args;
    // SAFETY: forwarded contract.
    unsafe {
        with_workspace(work, work_bytes, req, |stack| {
            crate::par::with_threads(p.num_threads, |par| {
                let (mut fw, stack) = take(stack, n, 0.0f64);
                let (mut gw, stack) = take(stack, m, 0.0f64);
                if let Some(x) = init_f {
                    fw.copy_from_slice(x);
                }
                if let Some(x) = init_g {
                    gw.copy_from_slice(x);
                }
                let i = sinkhorn::sinkhorn_in_place(cost, a, b, &mut fw, &mut gw, &p, par, stack)?;
                check_overflow(&fw, &gw, &i, f64::NAN)?;
                let eps = p.epsilon;
                let tc = if info.is_some() && opts.compute_transport_cost == 1 {
                    sinkhorn::transport_cost_in_place(cost, a, b, &fw, &gw, eps, par, stack)?
                } else {
                    f64::NAN
                };
                check_overflow(&[], &[], &i, tc)?;
                if let Some(map) = map {
                    sinkhorn::barycentric_map_in_place(cost, a, b, &fw, &gw, eps, map, par, stack)?;
                }
                if let Some(plan) = plan {
                    sinkhorn::plan_in_place(cost, a, b, &fw, &gw, eps, plan, stack)?;
                }
                if let Some(f) = f {
                    f.copy_from_slice(&fw);
                }
                if let Some(g) = g {
                    g.copy_from_slice(&gw);
                }
                if let Some(out) = info {
                    *out = info_of(&i, tc);
                }
                Ok(report(&i))
            })?
        })
    }
}

/// Body of the dense entry points.
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn dense_c<V: MatrixView, PM: MatrixView<T = V::T>>(
    cost: V,
    a: *const V::T,
    b: *const V::T,
    opts: *const otc_sinkhorn_options,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const PM,
    info: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (all calls below): forwarded contract.
    let opts = unsafe { options(opts) }?;
    let (c, rc) = unsafe { matrix("cost", &cost) }?;
    let args = unsafe {
        solve_args(
            Cost::Dense(c),
            [("cost", rc), ("cost", rc)],
            a,
            b,
            init_f,
            init_g,
            f,
            g,
            plan,
            std::ptr::null::<PM>(),
            info,
        )
    }?;
    unsafe { solve(args, &opts, work, work_bytes) }
}

/// Body of the point-cloud entry points.
///
/// # Safety
/// As `otc_sinkhorn_points_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn points_c<V: MatrixView, PM: MatrixView<T = V::T>>(
    x: V,
    y: V,
    a: *const V::T,
    b: *const V::T,
    opts: *const otc_sinkhorn_options,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const PM,
    map: *const PM,
    info: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (all calls below): forwarded contract.
    let opts = unsafe { options(opts) }?;
    let (xr, rx) = unsafe { matrix("x", &x) }?;
    let (yr, ry) = unsafe { matrix("y", &y) }?;
    let cost = Cost::SqEuclidean { x: xr, y: yr };
    let args = unsafe {
        solve_args(
            cost,
            [("x", rx), ("y", ry)],
            a,
            b,
            init_f,
            init_g,
            f,
            g,
            plan,
            map,
            info,
        )
    }?;
    unsafe { solve(args, &opts, work, work_bytes) }
}

/// Entropic OT by log-domain Sinkhorn on a dense n×m cost of doubles (any strides). `a` (n)
/// and `b` (m) are non-negative weights (zeros allowed; when both sides are balanced, equal
/// masses within `mass_tolerance`, b rescaled to a's mass). Optional, NULL when not wanted: `init_f` (n) / `init_g` (m) warm-start
/// potentials; outputs `f` (n), `g` (m) potentials in cost units, `plan` (a view of an n×m
/// output), `info`. Outputs are written only on success; OTC_WARN_MAX_ITER when the cap was
/// reached (outputs valid).
///
/// # Safety
/// Every non-NULL pointer must be valid for its documented length; `work` is NULL or
/// `work_bytes` writable bytes disjoint from the other arguments.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_f64(
    cost: otc_matrix_f64,
    a: *const f64,
    b: *const f64,
    opts: *const otc_sinkhorn_options,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const otc_matrix_mut_f64,
    info: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            dense_c(
                cost, a, b, opts, init_f, init_g, f, g, plan, info, work, work_bytes,
            )
        }
    })
}

/// `otc_sinkhorn_f64` on a cost, weights and plan of floats (potentials stay double; the
/// marginal sums are accumulated in double).
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_f32(
    cost: otc_matrix_f32,
    a: *const f32,
    b: *const f32,
    opts: *const otc_sinkhorn_options,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const otc_matrix_mut_f32,
    info: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            dense_c(
                cost, a, b, opts, init_f, init_g, f, g, plan, info, work, work_bytes,
            )
        }
    })
}

/// Entropic OT by log-domain Sinkhorn between point clouds `x` (n×d) and `y` (m×d) with the
/// squared Euclidean cost computed on the fly (memory O((n+m)·d), never n×m). Arguments as
/// `otc_sinkhorn_f64`, plus the optional output `map` (a view of an n×d output): the
/// barycentric projection Σ_j P_ij y_j / Σ_j P_ij of every x_i.
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_points_f64(
    x: otc_matrix_f64,
    y: otc_matrix_f64,
    a: *const f64,
    b: *const f64,
    opts: *const otc_sinkhorn_options,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const otc_matrix_mut_f64,
    map: *const otc_matrix_mut_f64,
    info: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_points_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            points_c(
                x, y, a, b, opts, init_f, init_g, f, g, plan, map, info, work, work_bytes,
            )
        }
    })
}

/// `otc_sinkhorn_points_f64` on points, weights, plan and map of floats.
///
/// # Safety
/// As `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_points_f32(
    x: otc_matrix_f32,
    y: otc_matrix_f32,
    a: *const f32,
    b: *const f32,
    opts: *const otc_sinkhorn_options,
    init_f: *const f64,
    init_g: *const f64,
    f: *mut f64,
    g: *mut f64,
    plan: *const otc_matrix_mut_f32,
    map: *const otc_matrix_mut_f32,
    info: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_points_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            points_c(
                x, y, a, b, opts, init_f, init_g, f, g, plan, map, info, work, work_bytes,
            )
        }
    })
}

/// Bytes of workspace the divergence entry points need for n sources, m targets and
/// dimension d (0 for dense costs), for either element type.
///
/// # Safety
/// `opts` is NULL or a valid options struct; `out_bytes` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_workspace_size(
    n: usize,
    m: usize,
    d: usize,
    opts: *const otc_sinkhorn_options,
    out_bytes: *mut usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_workspace_size", || {
        // SAFETY: forwarded contract.
        let p = unsafe { options(opts) }?.params()?;
        let req = sinkhorn::divergence_scratch::<f64>(n, m, d, &p);
        // SAFETY: forwarded contract.
        unsafe { write_workspace_size(req, out_bytes) }?;
        Ok(Report::ok())
    })
}

/// Runs a divergence on checked costs and writes `value` (and `infos`, 3 entries) at the end.
///
/// # Safety
/// `value`, `infos` (3 structs or NULL) and `work` as documented, disjoint from the inputs.
#[allow(clippy::too_many_arguments)]
unsafe fn divergence_c<T: Real>(
    costs: [Cost<'_, T>; 3],
    regions: Vec<(&'static str, Region)>,
    a: *const T,
    b: *const T,
    opts: &otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    let p = opts.params()?;
    let (n, m) = costs[0].dims();
    // SAFETY (all calls below): forwarded contract.
    let (a, ra) = unsafe { slice("a", a, n) }?;
    let (b, rb) = unsafe { slice("b", b, m) }?;
    let (value, rv) = unsafe { slice_mut("value", value, 1) }?;
    let infos = unsafe { opt_slice_mut("infos", infos, 3) }?;
    let mut outs = vec![("value", rv)];
    if let Some((i, r)) = &infos {
        if i.iter()
            .any(|i| i.struct_size != std::mem::size_of::<otc_sinkhorn_info>())
        {
            bail!(
                AbiMismatch,
                "otc_sinkhorn_info.struct_size differs from this library's {}",
                std::mem::size_of::<otc_sinkhorn_info>()
            );
        }
        outs.push(("infos", *r));
    }
    let mut ins = vec![("a", ra), ("b", rb)];
    ins.extend(regions);
    check_disjoint(&outs, &ins)?;
    let req = sinkhorn::divergence_scratch::<f64>(n, m, costs[0].point_dim(), &p);
    // SAFETY: forwarded contract.
    unsafe {
        with_workspace(work, work_bytes, req, |stack| {
            crate::par::with_threads(p.num_threads, |par| {
                let dv = sinkhorn::divergence_in_place(costs, a, b, &p, par, stack)?;
                value[0] = dv.value;
                if let Some((out, _)) = infos {
                    for (o, i) in out.iter_mut().zip(&dv.infos) {
                        *o = info_of(i, f64::NAN);
                    }
                }
                let worst = dv
                    .infos
                    .iter()
                    .find(|i| !i.converged && i.marginal_error > 0.0)
                    .copied()
                    .unwrap_or(dv.infos[0]);
                Ok(report(&worst))
            })?
        })
    }
}

/// Body of the dense divergence entry points.
///
/// # Safety
/// As `otc_sinkhorn_divergence_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn divergence_dense_c<V: MatrixView>(
    cost_xy: V,
    cost_xx: V,
    cost_yy: V,
    a: *const V::T,
    b: *const V::T,
    opts: *const otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (all calls below): forwarded contract.
    let opts = unsafe { options(opts) }?;
    let (cxy, r1) = unsafe { matrix("cost_xy", &cost_xy) }?;
    let (cxx, r2) = unsafe { matrix("cost_xx", &cost_xx) }?;
    let (cyy, r3) = unsafe { matrix("cost_yy", &cost_yy) }?;
    let costs = [Cost::Dense(cxy), Cost::Dense(cxx), Cost::Dense(cyy)];
    let regions = vec![("cost_xy", r1), ("cost_xx", r2), ("cost_yy", r3)];
    unsafe { divergence_c(costs, regions, a, b, &opts, value, infos, work, work_bytes) }
}

/// Body of the point-cloud divergence entry points.
///
/// # Safety
/// As `otc_sinkhorn_divergence_points_f64`.
#[allow(clippy::too_many_arguments)]
unsafe fn divergence_points_c<V: MatrixView>(
    x: V,
    y: V,
    a: *const V::T,
    b: *const V::T,
    opts: *const otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> Result<Report> {
    // SAFETY (all calls below): forwarded contract.
    let opts = unsafe { options(opts) }?;
    let (xr, rx) = unsafe { matrix("x", &x) }?;
    let (yr, ry) = unsafe { matrix("y", &y) }?;
    let costs = [
        Cost::SqEuclidean { x: xr, y: yr },
        Cost::SqEuclidean { x: xr, y: xr },
        Cost::SqEuclidean { x: yr, y: yr },
    ];
    let regions = vec![("x", rx), ("y", ry)];
    unsafe { divergence_c(costs, regions, a, b, &opts, value, infos, work, work_bytes) }
}

/// Sinkhorn divergence S(a,b) = OT_ε(a,b) − ½OT_ε(a,a) − ½OT_ε(b,b) from the three dense
/// costs C(x,y) (n×m), C(x,x) (n×n), C(y,y) (m×m) of doubles, each OT_ε the dual value of a
/// solve with `opts` (see `otc_sinkhorn_info.dual`). Writes `*value`, and `infos[0..3]` (the
/// three solves; set their struct_size) when not NULL. OTC_WARN_MAX_ITER when a solve reached
/// the cap.
///
/// # Safety
/// Every non-NULL pointer must be valid for its documented length; `work` as in
/// `otc_sinkhorn_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_f64(
    cost_xy: otc_matrix_f64,
    cost_xx: otc_matrix_f64,
    cost_yy: otc_matrix_f64,
    a: *const f64,
    b: *const f64,
    opts: *const otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_f64", || {
        // SAFETY: forwarded contract.
        unsafe {
            divergence_dense_c(
                cost_xy, cost_xx, cost_yy, a, b, opts, value, infos, work, work_bytes,
            )
        }
    })
}

/// `otc_sinkhorn_divergence_f64` on costs and weights of floats.
///
/// # Safety
/// As `otc_sinkhorn_divergence_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_f32(
    cost_xy: otc_matrix_f32,
    cost_xx: otc_matrix_f32,
    cost_yy: otc_matrix_f32,
    a: *const f32,
    b: *const f32,
    opts: *const otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_f32", || {
        // SAFETY: forwarded contract.
        unsafe {
            divergence_dense_c(
                cost_xy, cost_xx, cost_yy, a, b, opts, value, infos, work, work_bytes,
            )
        }
    })
}

/// Sinkhorn divergence between point clouds `x` (n×d) and `y` (m×d) of doubles with the
/// squared Euclidean cost computed on the fly; otherwise as `otc_sinkhorn_divergence_f64`.
///
/// # Safety
/// As `otc_sinkhorn_divergence_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_points_f64(
    x: otc_matrix_f64,
    y: otc_matrix_f64,
    a: *const f64,
    b: *const f64,
    opts: *const otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_points_f64", || {
        // SAFETY: forwarded contract.
        unsafe { divergence_points_c(x, y, a, b, opts, value, infos, work, work_bytes) }
    })
}

/// `otc_sinkhorn_divergence_points_f64` on points and weights of floats.
///
/// # Safety
/// As `otc_sinkhorn_divergence_f64`.
#[no_mangle]
pub unsafe extern "C" fn otc_sinkhorn_divergence_points_f32(
    x: otc_matrix_f32,
    y: otc_matrix_f32,
    a: *const f32,
    b: *const f32,
    opts: *const otc_sinkhorn_options,
    value: *mut f64,
    infos: *mut otc_sinkhorn_info,
    work: *mut c_void,
    work_bytes: usize,
) -> otc_status {
    ffi_boundary("otc_sinkhorn_divergence_points_f32", || {
        // SAFETY: forwarded contract.
        unsafe { divergence_points_c(x, y, a, b, opts, value, infos, work, work_bytes) }
    })
}
