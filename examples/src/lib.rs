//! Shared plumbing for the examples: reading the environment and reporting errors clearly.
//!
//! Every example reads its key from the environment (`ATLASSIAN_ADMIN_TOKEN` or
//! `ATLASSIAN_SCIM_API_KEY` + `ATLASSIAN_SCIM_DIRECTORY_ID`), the target from
//! `ATLASSIAN_ACCOUNT_ID` where it needs one, and honours `ATLASSIAN_API_BASE_URL`.

use std::error::Error;
use std::process::ExitCode;

use admin_api::models::AccountId;

/// The account the user-management examples act on.
pub const ACCOUNT_ID_VAR: &str = "ATLASSIAN_ACCOUNT_ID";

/// What an example's body returns.
pub type ExampleResult = Result<(), Box<dyn Error>>;

/// Reads a required variable, with a message saying what to set.
pub fn required_env(name: &str, what: &str) -> Result<String, Box<dyn Error>> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(format!("set {name} to {what}").into()),
    }
}

/// The account id from `ATLASSIAN_ACCOUNT_ID`.
pub fn account_id() -> Result<AccountId, Box<dyn Error>> {
    let raw =
        required_env(ACCOUNT_ID_VAR, "the Atlassian account id to act on (e.g. 5b10ac8d82e05b22cc7d4ef5)")?;
    Ok(AccountId::new(raw)?)
}

/// Runs an example body and turns an error into a readable message and exit code 1.
pub fn run(body: impl FnOnce() -> ExampleResult) -> ExitCode {
    report(body())
}

/// Prints an error with its causes; exit code 1 on error, 0 otherwise.
pub fn report(result: ExampleResult) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = error.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}
