//! Cost matrices between point clouds (written with the foundation issue).
