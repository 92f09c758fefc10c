//! Entropic OT: the Sinkhorn solvers (log-domain and stored kernel), the divergence,
//! gradients and TV penalties; the gradient flows built on them (and the MMD and JKO flows).
//! One test binary.
mod flows;
mod sinkhorn;
mod sinkhorn_gradient;
mod sinkhorn_kernel;
mod sinkhorn_partial;
mod sinkhorn_truncated;
mod sinkhorn_tv;
