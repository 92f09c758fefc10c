//! Gaussian optimal transport: Bures-Wasserstein (written with the Gaussian issue).
