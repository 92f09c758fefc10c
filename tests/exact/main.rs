//! Exact OT: the network simplex, batches, 1-D and sliced, assignment, grids, partial and
//! TV-unbalanced OT, plan operations, 1-D closed forms, the course parity checks and the HiGHS
//! cross-checks. One test binary.
mod assignment;
mod course_parity;
mod exact;
mod exact_1d;
mod exact_grid;
mod exact_highs;
mod exact_partial;
mod exact_partial_highs;
mod exact_plan_ops;
mod exact_points;
mod exact_quantile;
#[path = "../exact_support/mod.rs"]
mod exact_support;
