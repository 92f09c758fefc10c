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
    all.extend(layout!(otc_cost_options {
        struct_size,
        num_threads,
        metric,
        p
    }));
    all.extend(layout!(otc_sinkhorn_options {
        struct_size,
        epsilon,
        rho_a,
        rho_b,
        tolerance,
        eps_scaling_start,
        num_threads,
        max_iter,
        check_every,
        eps_scaling_steps,
        eps_scaling_iters,
        symmetric,
        compute_transport_cost,
        mass_tolerance
    }));
    #[allow(unused_imports)]
    all.extend(layout!(otc_sinkhorn_info {
        struct_size,
        transport_cost,
        dual,
        marginal_error,
        mass,
        eps_start,
        iterations,
        scaling_iterations,
        eps_steps,
        converged
    }));
    all.extend(layout!(otc_laguerre_options {
        struct_size,
        num_threads
    }));
    all.extend(layout!(otc_semidiscrete_options {
        struct_size,
        num_threads,
        method,
        max_iter,
        tol,
        step,
        epsilon
    }));
    all.extend(layout!(otc_semidiscrete_info {
        iterations,
        mass_error,
        smoothed_mass_error,
        epsilon,
        step,
        converged
    }));
    all.extend(layout!(otc_barycenter_options {
        struct_size,
        num_threads,
        max_iter,
        epsilon,
        tol
    }));
    all.extend(layout!(otc_sgd_options {
        struct_size,
        num_threads,
        iterations,
        batch,
        step
    }));
    all.extend(layout!(otc_emd_options {
        struct_size,
        num_threads,
        max_iter,
        mass_tolerance
    }));
    all.extend(layout!(otc_emd_result {
        cost,
        gap,
        iterations,
        nnz
    }));
    all.extend(layout!(otc_lse_pair { max, sum }));
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
