//! Exact optimal transport: the network simplex for discrete measures ([`network_simplex`]),
//! its sparse multiscale form for histograms on grids ([`grid`]), exact OT on the line
//! ([`one_d`]) with its closed forms (quantile functions, barycenters, geodesics: [`quantile`]),
//! sliced Wasserstein ([`sliced`]) and the assignment problem ([`assignment`](mod@assignment));
//! partial and TV-unbalanced OT ([`network_simplex::partial`]); position gradients and
//! displacement interpolation from a sparse plan ([`plan_ops`]).

pub mod assignment;
pub mod batch;
pub mod grid;
pub mod network_simplex;
pub mod one_d;
pub mod plan_ops;
pub mod quantile;
pub mod sliced;

pub use assignment::{
    assignment, assignment_from_points, assignment_in_place, assignment_scratch, AssignmentInfo,
    AssignmentOutputs, AssignmentSolution,
};
pub use batch::{emd_batch, emd_batch_in_place, emd_batch_scratch, BatchOutputs};
pub use grid::{
    emd_grid, emd_grid_in_place, emd_grid_scratch, GridInfo, GridOutputs, GridParams, GridSolution,
};
pub use network_simplex::partial::{
    emd_partial, emd_partial_in_place, emd_partial_scratch, emd_tv, emd_tv_in_place,
    emd_tv_scratch, PartialInfo, PartialParams, PartialSolution,
};
pub use network_simplex::{
    emd, emd_in_place, emd_points, emd_points_in_place, emd_points_scratch, emd_scratch, Clouds,
    EmdInfo, EmdOutputs, EmdParams, EmdSolution, SparsePlanMut, WarmStart,
};
pub use one_d::{wasserstein_1d, wasserstein_1d_in_place, wasserstein_1d_scratch, OneDInfo};
pub use plan_ops::{displacement_interpolation, plan_position_gradient, PlanRef, SparsePlanRef};
pub use quantile::{
    barycenter_1d, barycenter_1d_in_place, barycenter_1d_room, barycenter_1d_scratch,
    mccann_geodesic_1d, quantile_1d, quantile_1d_in_place, quantile_1d_scratch, WeightedPoints1d,
};
pub use sliced::{sliced_scratch, sliced_wasserstein, sliced_wasserstein_in_place, Directions};
