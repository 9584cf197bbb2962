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
    /// Stdout was closed by its reader (`… | head -1`): the command ends quietly. Exit 0.
    StdoutClosed,
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

    /// A local input (a file named on the command line) that cannot be read: bad input, exit 2.
    pub fn input(what: impl fmt::Display, error: impl fmt::Display) -> Self {
        Self::Usage(format!("{what}: {error}"))
    }

    /// Writing to stdout failed: [`CliError::StdoutClosed`] when the reader went away.
    pub fn stdout(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Self::StdoutClosed
        } else {
            Self::io("stdout", error)
        }
    }

    /// The one place exit codes are decided: `2` for bad input found before anything was sent
    /// (including every [`admin_api::Error::Build`]: the library refused an input), `1` for
    /// what the API or the machine did, `0` for a closed stdout.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Usage(_) | Self::Api(admin_api::Error::Build(_)) => ExitCode::from(2),
            Self::StdoutClosed => ExitCode::SUCCESS,
            Self::Api(_) | Self::Io(_) | Self::ItemsFailed { .. } => ExitCode::from(1),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(m) => f.write_str(&shortened(m)),
            Self::Io(m) => f.write_str(m),
            Self::StdoutClosed => f.write_str("stdout was closed"),
            // The library's messages carry no secrets (keys are redacted in every error).
            Self::Api(admin_api::Error::Build(e)) => {
                write!(f, "request not sent: {}", shortened(&e.to_string()))
            }
            Self::Api(e) => match e.api_error() {
                Some(api) if !api.raw.is_empty() => match (&api.body, message_of_unrecognized(&api.raw)) {
                    (admin_api::ApiErrorBody::Unrecognized, Some(message)) => write!(
                        f,
                        "{} {} failed with {}: {message}\n  response body: {}",
                        api.method, api.path_template, api.status, api.raw
                    ),
                    _ => write!(f, "{e}\n  response body: {}", api.raw),
                },
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

/// The readable message of an error body the library did not recognise at this endpoint (e.g.
/// the Organizations API's `{"errors": [...]}` or `{code, message}` on the SCIM links calls).
fn message_of_unrecognized(raw: &str) -> Option<String> {
    let body: serde_json::Value = serde_json::from_str(raw).ok()?;
    let text =
        |v: &serde_json::Value, k: &str| v.get(k).and_then(serde_json::Value::as_str).map(str::to_owned);
    if let Some(errors) = body.get("errors").and_then(serde_json::Value::as_array) {
        let parts: Vec<String> = errors
            .iter()
            .filter_map(|e| {
                let detail = text(e, "detail").or_else(|| text(e, "title"))?;
                Some(match text(e, "code") {
                    Some(code) => format!("{code}: {detail}"),
                    None => detail,
                })
            })
            .collect();
        return (!parts.is_empty()).then(|| parts.join("; "));
    }
    ["message", "detail", "error_description", "error", "key"].iter().find_map(|k| text(&body, k))
}

/// Long words (a 5000-character id) are cut, so an error stays readable.
pub fn shortened(message: &str) -> String {
    const MAX: usize = 80;
    message
        .split(' ')
        .map(|word| {
            let chars = word.chars().count();
            if chars > MAX {
                format!("{}…[{chars} characters]", word.chars().take(MAX).collect::<String>())
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_the_library_did_not_recognise_still_get_a_readable_message() {
        let org =
            r#"{"errors":[{"status":"404","code":"ADMIN-404-2","title":"Not Found","detail":"No links"}]}"#;
        assert_eq!(message_of_unrecognized(org).as_deref(), Some("ADMIN-404-2: No links"));
        let gateway = r#"{"code":401,"message":"Unauthorized"}"#;
        assert_eq!(message_of_unrecognized(gateway).as_deref(), Some("Unauthorized"));
        assert_eq!(message_of_unrecognized("<html>"), None);
    }

    #[test]
    fn long_words_are_cut_short_words_kept() {
        let id = "a".repeat(5000);
        let message = shortened(&format!("invalid value '{id}' for '<ACCOUNT_ID>'"));
        assert!(message.len() < 150 && message.contains("[5002 characters]"), "{message}");
        assert_eq!(shortened("a short message"), "a short message");
    }

    #[test]
    fn build_errors_and_local_input_exit_2_a_closed_stdout_0() {
        let build = CliError::from(admin_api::models::AccountId::new("").unwrap_err());
        assert_eq!(build.exit_code(), ExitCode::from(2));
        let key = admin_api::AdminApiKey::new("key\r").expect_err("a key with a CR is refused");
        assert_eq!(CliError::from(key).exit_code(), ExitCode::from(2), "admin_api::Error::Build");
        assert_eq!(CliError::input("x.csv", "not found").exit_code(), ExitCode::from(2));
        let closed = CliError::stdout(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(closed.exit_code(), ExitCode::SUCCESS);
        assert_eq!(CliError::stdout(std::io::Error::other("disk full")).exit_code(), ExitCode::from(1));
    }
}
