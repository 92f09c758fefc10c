//! Semi-discrete optimal transport for the squared Euclidean cost: a continuous source (a
//! weighted sample set, a density sampled on a grid, or a stream of samples) to a discrete
//! target (sites `y_j` with weights `b_j`), solved in the dual weights `g` of the Laguerre
//! (power) cells `{x : |x − y_j|² − g_j ≤ |x − y_k|² − g_k ∀k}`.

pub mod assign;
#[cfg(test)]
pub(crate) mod test_data;

pub use assign::{
    laguerre_assign, laguerre_assign_in_place, laguerre_assign_reference, laguerre_assign_scratch,
    LaguerreInfo, LaguerreReal,
};
pub mod solve;
pub use solve::{
    semidiscrete, semidiscrete_in_place, semidiscrete_scratch, SemiDiscreteInfo,
    SemiDiscreteMethod, SemiDiscreteParams, SemiDiscreteSolution,
};
pub mod sgd;
pub use sgd::{
    semidiscrete_sgd, semidiscrete_sgd_from_samples, semidiscrete_sgd_from_samples_in_place,
    semidiscrete_sgd_from_samples_scratch, semidiscrete_sgd_in_place, semidiscrete_sgd_scratch,
    Sampler, SgdInfo, SgdParams,
};
pub mod lloyd;
pub use lloyd::{lloyd, lloyd_in_place, lloyd_scratch, LloydInfo, LloydParams};
