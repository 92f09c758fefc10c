//! # otcore
//!
//! Computational optimal transport kernels with a stable C ABI.
//!
//! Every algorithm comes at three levels (the faer pattern):
//! 1. `*_scratch(dims, params) -> StackReq`: the workspace it needs;
//! 2. `*_in_place(inputs, outputs, params, par, stack)`: the kernel itself, which takes all
//!    temporaries from `stack` and never allocates (this is what the C ABI calls);
//! 3. a convenient function that allocates its outputs and workspace and calls level 2.
//!
//! The C ABI lives in [`ffi`] and nowhere else; `include/otcore.h` is generated from it.

#![warn(missing_docs)]

pub mod error;

pub mod barycenter;
pub mod cost;
pub mod exact;
pub mod flow;
pub mod gaussian;
pub mod semidiscrete;
pub mod sinkhorn;

pub mod par;
mod product_buffer;
pub mod progress;
pub mod real;
pub mod workspace;

pub mod ffi;

pub use error::{Error, ErrorKind, Result};
pub use faer::{MatMut, MatRef, Par};
pub use real::Real;
pub use workspace::{MemStack, StackReq};
