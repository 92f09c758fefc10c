//! C entry points of [`crate::cost`].
