//! URLs: their parts as written ([`UrlParts`]), the normal form two URLs
//! are compared in, the query parameters that track, and Hacker News
//! discussion URLs. Shared by the rules that look at URLs and by
//! `--cross-file`; nothing here knows about rules.

pub mod hacker_news;
mod normal;
mod parts;
mod tracking;

pub use normal::{is_comparable, normalize_url, normalized};
pub use parts::{Parameter, UrlParts, host_in_domain, is_absolute, is_plain, without_parameters};
pub use tracking::{DEFAULT as DEFAULT_TRACKING, TrackingParameters};
