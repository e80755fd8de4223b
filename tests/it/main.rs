//! The integration tests, as one test binary (`cargo test --test it`): a
//! module per area, the helpers they share in `support`. One binary links
//! mdlinks and the test dependencies once, not once per file.
//!
//! The data they read stays beside this folder: `tests/fixtures/`,
//! `tests/data/` and `tests/golden/`.

mod support;

mod architecture;
mod cache;
mod cli;
mod cli_commands;
mod config;
mod config_extend;
mod corpus;
mod fixtures;
mod formats;
mod fuzz_regressions;
#[cfg(unix)]
mod hostile;
mod human_layout;
mod init;
mod input;
mod online;
mod packaging;
mod properties;
mod rule_docs;
mod schema;
mod server;
mod spec;
#[cfg(unix)]
mod writes;
