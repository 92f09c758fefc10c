//! Wasserstein barycenters.
