//! The C ABI as other languages and tools see it: the generated files are fresh, the header
//! has the ABI 1 shape and C's layouts, and the C, C++, Fortran, R, Julia (static), MPI and
//! packaging tests build against this build's library and pass; the declared MSRV holds. One
//! test binary.
mod abi_layout;
mod abi_shape;
mod binding_coverage;
mod c_examples;
mod c_programs;
#[path = "../common/mod.rs"]
mod common;
mod cpp_programs;
mod fortran_binding;
mod generated;
mod julia_binding;
mod mpi_example;
mod msrv;
mod packaging;
mod r_binding;
#[path = "../support/mod.rs"]
mod support;
mod version;
