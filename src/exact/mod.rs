//! Exact optimal transport: network simplex, 1-D, sliced (written with the exact-OT issue).
