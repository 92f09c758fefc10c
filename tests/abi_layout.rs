//! `sizeof`/`offsetof` of every ABI struct, printed by a C program compiled against
//! `include/otcore.h`, equal Rust's `size_of`/`offset_of!`.
//!
//! To add a struct: one `layout!` line in `structs()`.

mod common;
use std::mem::{offset_of, size_of};

/// `(C expression, Rust value)` pairs for one struct: its size and every field's offset.
macro_rules! layout {
    ($t:ident { $($f:ident),* $(,)? }) => {{
        let mut v = vec![(format!("sizeof({})", stringify!($t)), size_of::<$t>())];
        $( v.push((format!("offsetof({}, {})", stringify!($t), stringify!($f)), offset_of!($t, $f))); )*
        v
    }};
}

fn structs() -> Vec<(String, usize)> {
    use otcore::ffi::{
        barycenter::*, cost::*, exact::*, gaussian::*, semidiscrete::*, shape::*, sinkhorn::*,
        sinkhorn_blocks::*, view::*,
    };
    let mut all: Vec<(String, usize)> = Vec::new();
    all.extend(layout!(otc_matrix_f64 {
        data,
        rows,
        cols,
        row_stride,
        col_stride
    }));
    all.extend(layout!(otc_matrix_mut_f64 {
        data,
        rows,
        cols,
        row_stride,
        col_stride
    }));
    all.extend(layout!(otc_matrix_f32 {
        data,
        rows,
        cols,
        row_stride,
        col_stride
    }));
    all.extend(layout!(otc_matrix_mut_f32 {
        data,
        rows,
        cols,
        row_stride,
        col_stride
    }));
    all.extend(layout!(otc_cost_matrix_options {
        struct_size,
        num_threads,
        metric,
        p
    }));
    all.extend(layout!(otc_sinkhorn_options {
        struct_size,
        num_threads,
        symmetric,
        epsilon,
        tolerance,
        max_iter,
        check_every,
        path,
        penalty,
        rho_a,
        rho_b,
        mass_tolerance,
        over_relaxation,
        kernel_memory_cap,
        eps_scaling_steps,
        eps_scaling_iters,
        eps_scaling_start,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_sinkhorn_divergence_options {
        struct_size,
        num_threads,
        symmetric,
        epsilon,
        tolerance,
        max_iter,
        check_every,
        path,
        penalty,
        rho_a,
        rho_b,
        mass_tolerance,
        over_relaxation,
        kernel_memory_cap,
        eps_scaling_steps,
        eps_scaling_iters,
        eps_scaling_start,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_sinkhorn_problem_f64 {
        struct_size,
        a,
        n,
        b,
        m,
        cost,
        x,
        y,
        metric,
        init_f,
        init_g
    }));
    all.extend(layout!(otc_sinkhorn_outputs_f64 {
        struct_size,
        report,
        entropic_ot,
        transport_cost,
        mass,
        f,
        g,
        plan,
        map,
        grad_x,
        grad_y,
        grad_a,
        grad_b
    }));
    all.extend(layout!(otc_sinkhorn_divergence_problem_f64 {
        struct_size,
        a,
        n,
        b,
        m,
        cost_xy,
        cost_xx,
        cost_yy,
        x,
        y,
        metric
    }));
    all.extend(layout!(otc_sinkhorn_divergence_outputs_f64 {
        struct_size,
        report,
        divergence,
        entropic_ot_xy,
        entropic_ot_xx,
        entropic_ot_yy,
        grad_x,
        grad_y,
        grad_a,
        grad_b
    }));
    all.extend(layout!(otc_sinkhorn_problem_f32 {
        struct_size,
        a,
        n,
        b,
        m,
        cost,
        x,
        y,
        metric,
        init_f,
        init_g
    }));
    all.extend(layout!(otc_sinkhorn_outputs_f32 {
        struct_size,
        report,
        entropic_ot,
        transport_cost,
        mass,
        f,
        g,
        plan,
        map,
        grad_x,
        grad_y,
        grad_a,
        grad_b
    }));
    all.extend(layout!(otc_sinkhorn_divergence_problem_f32 {
        struct_size,
        a,
        n,
        b,
        m,
        cost_xy,
        cost_xx,
        cost_yy,
        x,
        y,
        metric
    }));
    all.extend(layout!(otc_sinkhorn_divergence_outputs_f32 {
        struct_size,
        report,
        divergence,
        entropic_ot_xy,
        entropic_ot_xx,
        entropic_ot_yy,
        grad_x,
        grad_y,
        grad_a,
        grad_b
    }));
    all.extend(layout!(otc_laguerre_assign_options {
        struct_size,
        num_threads
    }));
    all.extend(layout!(otc_laguerre_assign_problem_f64 {
        struct_size,
        points,
        point_weights,
        sites,
        g
    }));
    all.extend(layout!(otc_laguerre_assign_problem_f32 {
        struct_size,
        points,
        point_weights,
        sites,
        g
    }));
    all.extend(layout!(otc_laguerre_assign_outputs_f64 {
        struct_size,
        report,
        empty_cells,
        cells,
        masses
    }));
    all.extend(layout!(otc_laguerre_assign_outputs_f32 {
        struct_size,
        report,
        empty_cells,
        cells,
        masses
    }));
    all.extend(layout!(otc_semidiscrete_options {
        struct_size,
        num_threads,
        method,
        max_iter,
        tol,
        step,
        epsilon,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_semidiscrete_problem_f64 {
        struct_size,
        points,
        point_weights,
        sites,
        b,
        initial_g
    }));
    all.extend(layout!(otc_semidiscrete_problem_f32 {
        struct_size,
        points,
        point_weights,
        sites,
        b,
        initial_g
    }));
    all.extend(layout!(otc_semidiscrete_outputs_f64 {
        struct_size,
        report,
        mass_error,
        epsilon,
        step,
        g,
        masses
    }));
    all.extend(layout!(otc_semidiscrete_outputs_f32 {
        struct_size,
        report,
        mass_error,
        epsilon,
        step,
        g,
        masses
    }));
    all.extend(layout!(otc_semidiscrete_sgd_options {
        struct_size,
        num_threads,
        iterations,
        batch,
        step,
        seed,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_semidiscrete_sgd_problem_f64 {
        struct_size,
        sites,
        b,
        sample,
        sample_data,
        points,
        point_weights
    }));
    all.extend(layout!(otc_semidiscrete_sgd_problem_f32 {
        struct_size,
        sites,
        b,
        sample,
        sample_data,
        points,
        point_weights
    }));
    all.extend(layout!(otc_semidiscrete_sgd_outputs_f64 {
        struct_size,
        report,
        step,
        g
    }));
    all.extend(layout!(otc_semidiscrete_sgd_outputs_f32 {
        struct_size,
        report,
        step,
        g
    }));
    all.extend(layout!(otc_lloyd_options {
        struct_size,
        num_threads,
        max_iter,
        tol,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_lloyd_problem_f64 {
        struct_size,
        points,
        point_weights,
        sites
    }));
    all.extend(layout!(otc_lloyd_problem_f32 {
        struct_size,
        points,
        point_weights,
        sites
    }));
    all.extend(layout!(otc_lloyd_outputs_f64 {
        struct_size,
        report,
        distortion,
        sites
    }));
    all.extend(layout!(otc_lloyd_outputs_f32 {
        struct_size,
        report,
        distortion,
        sites
    }));
    all.extend(layout!(otc_barycenter_options {
        struct_size,
        num_threads,
        max_iter,
        epsilon,
        tol,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_convolutional_barycenter_options {
        struct_size,
        num_threads,
        max_iter,
        epsilon,
        tol,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_cost_matrix_problem_f64 { struct_size, x, y }));
    all.extend(layout!(otc_cost_matrix_problem_f32 { struct_size, x, y }));
    all.extend(layout!(otc_cost_matrix_outputs_f64 {
        struct_size,
        report,
        cost
    }));
    all.extend(layout!(otc_cost_matrix_outputs_f32 {
        struct_size,
        report,
        cost
    }));
    all.extend(layout!(otc_barycenter_problem_f64 {
        struct_size,
        hists,
        cost,
        weights
    }));
    all.extend(layout!(otc_barycenter_problem_f32 {
        struct_size,
        hists,
        cost,
        weights
    }));
    all.extend(layout!(otc_barycenter_outputs_f64 {
        struct_size,
        report,
        barycenter
    }));
    all.extend(layout!(otc_barycenter_outputs_f32 {
        struct_size,
        report,
        barycenter
    }));
    all.extend(layout!(otc_convolutional_barycenter_problem_f64 {
        struct_size,
        images,
        height,
        width,
        weights
    }));
    all.extend(layout!(otc_convolutional_barycenter_problem_f32 {
        struct_size,
        images,
        height,
        width,
        weights
    }));
    all.extend(layout!(otc_convolutional_barycenter_outputs_f64 {
        struct_size,
        report,
        barycenter
    }));
    all.extend(layout!(otc_convolutional_barycenter_outputs_f32 {
        struct_size,
        report,
        barycenter
    }));
    all.extend(layout!(otc_emd_options {
        struct_size,
        num_threads,
        max_iter,
        mass_tolerance,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_emd_problem_f64 {
        struct_size,
        a,
        n,
        b,
        m,
        cost,
        warm_f,
        warm_g
    }));
    all.extend(layout!(otc_emd_outputs_f64 {
        struct_size,
        report,
        cost,
        gap,
        nnz,
        f,
        g,
        plan_rows,
        plan_cols,
        plan_mass,
        plan
    }));
    all.extend(layout!(otc_emd_batch_options {
        struct_size,
        num_threads,
        max_iter,
        mass_tolerance,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_emd_batch_problem_f64 {
        struct_size,
        count,
        n,
        m,
        a,
        b,
        costs
    }));
    all.extend(layout!(otc_emd_batch_outputs_f64 {
        struct_size,
        report,
        cost,
        gap,
        capped,
        problem_costs,
        problem_gaps,
        problem_iterations,
        plan_nnz,
        f,
        g,
        plan_rows,
        plan_cols,
        plan_mass
    }));
    all.extend(layout!(otc_wasserstein_1d_options {
        struct_size,
        num_threads,
        mass_tolerance
    }));
    all.extend(layout!(otc_wasserstein_1d_problem_f64 {
        struct_size,
        x,
        a,
        n,
        y,
        b,
        m,
        p
    }));
    all.extend(layout!(otc_wasserstein_1d_outputs_f64 {
        struct_size,
        report,
        wp_p,
        nnz,
        plan_rows,
        plan_cols,
        plan_mass
    }));
    all.extend(layout!(otc_sliced_wasserstein_options {
        struct_size,
        num_threads,
        mass_tolerance,
        num_directions,
        seed
    }));
    all.extend(layout!(otc_sliced_wasserstein_problem_f64 {
        struct_size,
        x,
        a,
        y,
        b,
        p,
        directions
    }));
    all.extend(layout!(otc_sliced_wasserstein_outputs_f64 {
        struct_size,
        report,
        swp_p
    }));
    all.extend(layout!(otc_lse_pair { max, sum }));
    all.extend(layout!(otc_sinkhorn_block_step_options {
        struct_size,
        num_threads,
        epsilon,
        rho_a,
        rho_b
    }));
    all.extend(layout!(otc_sinkhorn_block_step_problem_f64 {
        struct_size,
        cost_block,
        x_block,
        y,
        a_block,
        b,
        g,
        f_block
    }));
    all.extend(layout!(otc_sinkhorn_block_step_problem_f32 {
        struct_size,
        cost_block,
        x_block,
        y,
        a_block,
        b,
        g,
        f_block
    }));
    all.extend(layout!(otc_sinkhorn_block_step_outputs_f64 {
        struct_size,
        report,
        marginal_error,
        f_block,
        pairs
    }));
    all.extend(layout!(otc_sinkhorn_block_step_outputs_f32 {
        struct_size,
        report,
        marginal_error,
        f_block,
        pairs
    }));
    all.extend(layout!(otc_sinkhorn_block_column_update_options {
        struct_size,
        num_threads,
        epsilon,
        rho_b
    }));
    all.extend(layout!(otc_sinkhorn_block_column_update_problem_f64 {
        struct_size,
        pairs,
        m
    }));
    all.extend(layout!(otc_sinkhorn_block_column_update_outputs_f64 {
        struct_size,
        report,
        g
    }));
    all.extend(layout!(otc_report {
        status,
        path,
        iterations,
        error,
        seconds
    }));
    all.extend(layout!(otc_workspace { data, bytes }));
    all.extend(layout!(otc_bures_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
    }));
    all.extend(layout!(otc_bures_problem_f64 {
        struct_size,
        sigma1,
        sigma2,
    }));
    all.extend(layout!(otc_bures_outputs_f64 {
        struct_size,
        report,
        bures_squared,
    }));
    all.extend(layout!(otc_gaussian_w2_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
    }));
    all.extend(layout!(otc_gaussian_w2_problem_f64 {
        struct_size,
        m1,
        sigma1,
        m2,
        sigma2,
    }));
    all.extend(layout!(otc_gaussian_w2_outputs_f64 {
        struct_size,
        report,
        w2_squared,
    }));
    all.extend(layout!(otc_gaussian_entropic_w2_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
    }));
    all.extend(layout!(otc_gaussian_entropic_w2_problem_f64 {
        struct_size,
        m1,
        sigma1,
        m2,
        sigma2,
        epsilon,
    }));
    all.extend(layout!(otc_gaussian_entropic_w2_outputs_f64 {
        struct_size,
        report,
        cost,
    }));
    all.extend(layout!(otc_gaussian_w2_pairwise_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
    }));
    all.extend(layout!(otc_gaussian_w2_pairwise_problem_f64 {
        struct_size,
        means1,
        covs1,
        means2,
        covs2,
    }));
    all.extend(layout!(otc_gaussian_w2_pairwise_outputs_f64 {
        struct_size,
        report,
        w2_squared,
    }));
    all.extend(layout!(otc_gaussian_map_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
        rank_tol,
    }));
    all.extend(layout!(otc_gaussian_map_problem_f64 {
        struct_size,
        m1,
        sigma1,
        m2,
        sigma2,
    }));
    all.extend(layout!(otc_gaussian_map_outputs_f64 {
        struct_size,
        report,
        rank,
        a,
        b,
    }));
    all.extend(layout!(otc_gaussian_map_apply_options {
        struct_size,
        num_threads,
    }));
    all.extend(layout!(otc_gaussian_map_apply_problem_f64 {
        struct_size,
        a,
        b,
        x,
    }));
    all.extend(layout!(otc_gaussian_map_apply_outputs_f64 {
        struct_size,
        report,
        y,
    }));
    all.extend(layout!(otc_gaussian_geodesic_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
        rank_tol,
    }));
    all.extend(layout!(otc_gaussian_geodesic_problem_f64 {
        struct_size,
        m1,
        sigma1,
        m2,
        sigma2,
        t,
    }));
    all.extend(layout!(otc_gaussian_geodesic_outputs_f64 {
        struct_size,
        report,
        rank,
        mean,
        cov,
    }));
    all.extend(layout!(otc_gaussian_barycenter_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
        rank_tol,
        tol,
        max_iter,
        callback_every,
        callback,
        callback_data,
    }));
    all.extend(layout!(otc_gaussian_barycenter_problem_f64 {
        struct_size,
        means,
        covs,
        weights,
    }));
    all.extend(layout!(otc_gaussian_barycenter_outputs_f64 {
        struct_size,
        report,
        rank,
        mean,
        cov,
    }));
    all.extend(layout!(otc_gaussian_moments_options {
        struct_size,
        num_threads,
    }));
    all.extend(layout!(otc_gaussian_moments_problem_f64 {
        struct_size,
        x,
        weights,
    }));
    all.extend(layout!(otc_gaussian_moments_outputs_f64 {
        struct_size,
        report,
        mean,
        cov,
    }));
    all.extend(layout!(otc_psd_sqrt_options {
        struct_size,
        num_threads,
        symmetry_tol,
        psd_tol,
        rank_tol,
    }));
    all.extend(layout!(otc_psd_sqrt_problem_f64 { struct_size, a }));
    all.extend(layout!(otc_psd_sqrt_outputs_f64 {
        struct_size,
        report,
        rank,
        sqrt,
        inv_sqrt,
    }));
    all.extend(newexact_structs());
    all
}

/// The exact solvers of the ABI 1 shape: assignment, grids, partial and TV-unbalanced.
fn newexact_structs() -> Vec<(String, usize)> {
    use otcore::ffi::{assignment::*, emd_grid::*, emd_partial::*};
    let mut all: Vec<(String, usize)> = Vec::new();
    all.extend(layout!(otc_assignment_options {
        struct_size,
        num_threads,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_assignment_problem_f64 {
        struct_size,
        count,
        costs
    }));
    all.extend(layout!(otc_assignment_outputs_f64 {
        struct_size,
        report,
        cost,
        gap,
        perm,
        u,
        v,
        problem_costs
    }));
    all.extend(layout!(otc_emd_grid_options {
        struct_size,
        num_threads,
        mass_tolerance,
        arcs_per_node,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_emd_grid_problem_f64 {
        struct_size,
        ndim,
        shape,
        spacing,
        a,
        b
    }));
    all.extend(layout!(otc_emd_grid_outputs_f64 {
        struct_size,
        report,
        cost,
        gap,
        plan_nnz,
        rounds,
        levels,
        f,
        g,
        plan_rows,
        plan_cols,
        plan_mass
    }));
    all.extend(layout!(otc_emd_partial_options {
        struct_size,
        num_threads,
        max_iter,
        mass_tolerance,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_emd_unbalanced_tv_options {
        struct_size,
        num_threads,
        max_iter,
        callback_every,
        callback,
        callback_data
    }));
    all.extend(layout!(otc_emd_partial_problem_f64 {
        struct_size,
        a,
        n,
        b,
        m,
        cost,
        mass
    }));
    all.extend(layout!(otc_emd_unbalanced_tv_problem_f64 {
        struct_size,
        a,
        n,
        b,
        m,
        cost,
        rho
    }));
    all.extend(layout!(otc_emd_partial_outputs_f64 {
        struct_size,
        report,
        cost,
        transported_mass,
        mass_price,
        gap,
        plan_nnz,
        f,
        g,
        plan_rows,
        plan_cols,
        plan_mass,
        plan
    }));
    all.extend(layout!(otc_emd_unbalanced_tv_outputs_f64 {
        struct_size,
        report,
        cost,
        objective,
        transported_mass,
        gap,
        plan_nnz,
        f,
        g,
        plan_rows,
        plan_cols,
        plan_mass,
        plan
    }));
    all
}

#[test]
fn c_and_rust_agree_on_every_abi_struct() {
    let entries = structs();
    if entries.is_empty() {
        return;
    }
    let mut c = String::from(
        "#include <stddef.h>\n#include <stdio.h>\n#include \"otcore.h\"\nint main(void) {\n",
    );
    for (expr, _) in &entries {
        c.push_str(&format!("    printf(\"%zu\\n\", (size_t){expr});\n"));
    }
    c.push_str("    return 0;\n}\n");
    let dir = std::env::temp_dir().join(format!("otcore-abi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("abi_layout.c");
    std::fs::write(&src, c).unwrap();
    let flags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];
    let exe = common::build("cc", &flags, &[src], common::Link::Shared, "abi_layout");
    let out = common::run(&[], &exe);
    let c_values: Vec<usize> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(c_values.len(), entries.len());
    for ((expr, rust), c) in entries.iter().zip(c_values) {
        assert_eq!(*rust, c, "{expr}: Rust says {rust}, C says {c}");
    }
}
