//! Integration tests: one test binary (the crate links polars once), one module per area.

mod common;
mod errors;
mod ingest;
mod outputs;
mod scoring;
