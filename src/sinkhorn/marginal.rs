//! The marginal terms of entropic OT: each side a hard constraint (ρ = ∞) or a KL or TV
//! penalty of weight ρ ([`Marginal`]), its potential update, its distance to the fixed-point
//! condition, and its term of the dual objective.

use super::{Params, Penalty};
use crate::Real;

/// κ = ρ/(ρ + ε) (1 for a balanced side).
pub(crate) fn kappa(rho: f64, eps: f64) -> f64 {
    if rho.is_infinite() {
        1.0
    } else {
        rho / (rho + eps)
    }
}

/// One side's marginal term: a hard constraint (ρ = ∞), or a KL or TV penalty of weight ρ.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Marginal {
    rho: f64,
    penalty: Penalty,
}

impl Marginal {
    /// The side penalised by `rho` (infinity: balanced) with `penalty`.
    pub(crate) fn new(rho: f64, penalty: Penalty) -> Self {
        Marginal { rho, penalty }
    }

    /// The potential's update from the balanced one `−ε·lse`: damped by κ (KL), clamped to
    /// [−ρ, ρ] (TV), unchanged (balanced).
    #[inline]
    pub(crate) fn update(self, lse: f64, eps: f64) -> f64 {
        match self.penalty {
            Penalty::Kl => -kappa(self.rho, eps) * eps * lse,
            Penalty::Tv => (-eps * lse).clamp(-self.rho, self.rho),
        }
    }

    /// How far the plan's marginal `r` is from what the optimality condition allows at
    /// potential `p` for weight `w`: `|r − w e^{−p/ρ}|` (KL), `|r − w|` projected on the side
    /// the clamp leaves free (TV: `r ≤ w` allowed at `p = ρ`, `r ≥ w` at `p = −ρ`).
    #[inline]
    fn error(self, w: f64, r: f64, p: f64) -> f64 {
        if self.rho.is_infinite() {
            return (r - w).abs();
        }
        match self.penalty {
            Penalty::Kl => (r - w * (-p / self.rho).exp()).abs(),
            Penalty::Tv if p >= self.rho => (r - w).max(0.0),
            Penalty::Tv if p <= -self.rho => (w - r).max(0.0),
            Penalty::Tv => (r - w).abs(),
        }
    }

    /// The dual term φ(p): p when balanced or TV (|p| ≤ ρ there), ρ(1 − e^{−p/ρ}) for KL.
    #[inline]
    pub(crate) fn phi(self, p: f64) -> f64 {
        if self.rho.is_infinite() || self.penalty == Penalty::Tv {
            p
        } else {
            self.rho * -(-p / self.rho).exp_m1()
        }
    }
}

/// The row and column sides of a solve.
pub(crate) fn sides(p: &Params) -> (Marginal, Marginal) {
    (
        Marginal::new(p.rho_a, p.penalty),
        Marginal::new(p.rho_b, p.penalty),
    )
}

/// (Σ_i e_i, Σ_i r_i) with r_i = w_i e^{pot_i/ε + lse_i} the plan's marginal and e_i its
/// distance to the fixed-point condition ([`Marginal::error`]).
pub(crate) fn side_error<T: Real>(
    w: &[T],
    pot: &[f64],
    lse: &[f64],
    eps: f64,
    side: Marginal,
) -> (f64, f64) {
    let (mut err, mut mass) = (0.0, 0.0);
    for ((&wi, &p), &l) in w.iter().zip(pot).zip(lse) {
        let wi = wi.to_f64();
        if wi == 0.0 {
            continue;
        }
        let r = wi * (p / eps + l).exp();
        err += side.error(wi, r, p);
        mass += r;
    }
    (err, mass)
}

/// The dual objective Σ a φ_a(f) + Σ b φ_b(g) − ε(mass − Σa·Σb) ([`Info::dual`](super::Info::dual)).
pub(crate) fn entropic_dual<T: Real>(
    a: &[T],
    b: &[T],
    f: &[f64],
    g: &[f64],
    p: &Params,
    mass: f64,
) -> f64 {
    let sa: f64 = a.iter().map(|x| x.to_f64()).sum();
    let sb: f64 = b.iter().map(|x| x.to_f64()).sum();
    let (side_a, side_b) = sides(p);
    dual_term(a, f, side_a) + dual_term(b, g, side_b) - p.epsilon * (mass - sa * sb)
}

/// Σ_i w_i φ(pot_i) ([`Marginal::phi`]).
fn dual_term<T: Real>(w: &[T], pot: &[f64], side: Marginal) -> f64 {
    w.iter()
        .zip(pot)
        .filter(|(w, _)| w.to_f64() != 0.0)
        .map(|(&w, &p)| w.to_f64() * side.phi(p))
        .sum()
}
