//! Configuration: `mdlinks.toml` (or `.mdlinks.toml`), found for each file
//! by walking up from its directory, resolved with the command line's
//! overrides into the [`Settings`] a file is linted with.

mod discovery;
mod error;
pub mod file;
mod schema;
mod settings;

pub use discovery::Resolver;
pub use error::{ConfigError, InvalidConfig};
pub use file::json_schema as config_schema;
pub use settings::{Overrides, Settings};
