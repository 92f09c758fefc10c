//! Entropic OT: the Sinkhorn solvers (log-domain and stored kernel), the divergence,
//! gradients and TV penalties. One test binary.
mod sinkhorn;
mod sinkhorn_gradient;
mod sinkhorn_kernel;
mod sinkhorn_tv;
