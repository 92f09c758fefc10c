//! Exact optimal transport: the network simplex for discrete measures ([`network_simplex`]).

pub mod network_simplex;

pub use network_simplex::{
    emd, emd_in_place, emd_scratch, EmdInfo, EmdOutputs, EmdParams, EmdSolution, SparsePlanMut,
};
