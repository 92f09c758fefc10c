//! Entropic Wasserstein barycenters by iterative Bregman projections in the log domain
//! (Benamou et al. 2015): on a fixed common support with a cost matrix, and on regular 2-D
//! grids with a separable Gaussian kernel (Solomon et al. 2015); the exact free-support
//! barycenter of point clouds (Cuturi & Doucet 2014, [`free_support`]).

pub mod convolutional;
pub mod fixed;
pub mod free_support;
mod ibp;

pub use convolutional::{
    convolutional_barycenter, convolutional_barycenter_in_place, convolutional_barycenter_scratch,
};
pub use fixed::{barycenter, barycenter_in_place, barycenter_scratch};
pub use free_support::{
    free_support_barycenter, free_support_barycenter_in_place, free_support_barycenter_scratch,
    FreeSupportInfo, FreeSupportParams, FreeSupportSolution, Inner,
};
pub use ibp::{BarycenterInfo, BarycenterParams};
