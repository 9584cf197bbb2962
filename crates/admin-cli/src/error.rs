//! The CLI's error: what went wrong, and the exit code it means.

use std::fmt;
use std::process::ExitCode;

/// A command failed before or while doing its work.
#[derive(Debug)]
pub enum CliError {
    /// Bad input found before anything was sent (missing credentials, unreadable file…). Exit 2.
    Usage(String),
    /// The API refused or could not be reached. Exit 1.
    Api(admin_api::Error),
    /// Reading or writing a local file failed. Exit 1.
    Io(String),
    /// A bulk run finished with items that failed (already reported per item) or were not
    /// attempted (it stopped at the first failure). Exit 1.
    ItemsFailed { failed: usize, not_attempted: usize, total: usize },
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        Self::Usage(message.into())
    }

    pub fn io(what: impl fmt::Display, error: impl fmt::Display) -> Self {
        Self::Io(format!("{what}: {error}"))
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Usage(_) => ExitCode::from(2),
            Self::Api(_) | Self::Io(_) | Self::ItemsFailed { .. } => ExitCode::from(1),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) | Self::Io(m) => f.write_str(m),
            // The library's messages carry no secrets (keys are redacted in every error).
            Self::Api(e) => match e.api_error() {
                Some(api) if !api.raw.is_empty() => write!(f, "{e}\n  response body: {}", api.raw),
                _ => write!(f, "{e}"),
            },
            Self::ItemsFailed { failed, not_attempted: 0, total } => {
                write!(f, "{failed} of {total} items failed")
            }
            Self::ItemsFailed { failed, not_attempted, total } => {
                write!(f, "{failed} of {total} items failed, {not_attempted} not attempted")
            }
        }
    }
}

impl From<admin_api::Error> for CliError {
    fn from(e: admin_api::Error) -> Self {
        Self::Api(e)
    }
}

impl From<admin_api::BuildError> for CliError {
    fn from(e: admin_api::BuildError) -> Self {
        Self::Api(e.into())
    }
}

impl From<admin_api::models::IdError> for CliError {
    fn from(e: admin_api::models::IdError) -> Self {
        Self::Usage(e.to_string())
    }
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;
