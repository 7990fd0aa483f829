//! Integration tests: one test binary (the crate links polars once), one module per area.

mod agreement;
mod assess;
mod chunks;
mod common;
mod dashboard;
mod errors;
mod hostile;
mod ingest;
mod officers;
mod outputs;
mod report;
mod review;
mod scoring;
mod skm;
