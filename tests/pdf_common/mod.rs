#![allow(dead_code)]
pub mod read;
pub mod sample;
