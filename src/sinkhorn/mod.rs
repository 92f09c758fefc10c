//! Entropic optimal transport: log-domain Sinkhorn (written with the Sinkhorn issue).
