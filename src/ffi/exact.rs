//! C entry points of [`crate::exact`].
