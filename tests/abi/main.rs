//! The C entry points called from Rust as a C caller would: their wiring, their refusal of
//! bad input (status, message, untouched outputs), callbacks, and a fuzz harness. One test
//! binary.
mod abi_barycost;
mod abi_blocks;
mod abi_emd_points;
mod abi_exact;
mod abi_flows;
mod abi_free_support;
mod abi_gaussian;
mod abi_newexact;
mod abi_plan_ops;
mod abi_quantile;
mod abi_semidiscrete;
mod abi_sinkhorn;
mod abi_sinkhorn_partial;
#[path = "../abi_support/mod.rs"]
mod abi_support;
mod fuzz_abi;
mod fuzz_valid;
mod hostile;
#[path = "../abi_support/layout.rs"]
mod layout;
