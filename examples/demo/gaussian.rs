//! Demo section: gaussian (written with its capability).

use crate::data::Data;

pub fn run(_data: &Data) {}
