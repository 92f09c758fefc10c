//! C entry points of [`crate::sinkhorn`].
