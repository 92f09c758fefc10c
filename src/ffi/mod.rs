//! The C ABI: the only module that exports symbols. A thin, checked layer over the Rust core.
//!
//! Conventions (see `include/otcore.h` for the contract as C users read it):
//! * every entry point returns an [`otc_status`](status::otc_status) and runs inside
//!   [`boundary::ffi_boundary`], which catches panics and records the message of a failure;
//! * pointers, lengths, strides and option structs are checked by the helpers of [`args`]
//!   before anything is read; outputs are written only on success;
//! * the caller owns all memory; nothing is kept past the call.

#![allow(non_camel_case_types)]

pub mod args;
pub mod assignment;
pub mod barycenter;
pub mod boundary;
pub mod cost;
pub mod emd_grid;
pub mod emd_partial;
pub mod emd_points;
pub mod exact;
pub mod flow;
pub mod gaussian;
pub mod plan_ops;
pub mod quantile;
pub mod semidiscrete;
pub mod shape;
pub mod sinkhorn;
pub mod sinkhorn_blocks;
pub mod sinkhorn_partial;
pub mod status;
pub mod version;
pub mod view;
