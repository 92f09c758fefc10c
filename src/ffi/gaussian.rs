//! C entry points of [`crate::gaussian`].
