//! C entry points of [`crate::barycenter`].
