//! Shared plumbing for the examples: reading the environment and reporting errors clearly.
//!
//! Every example reads its key from the environment (`ATLASSIAN_ADMIN_TOKEN` or
//! `ATLASSIAN_SCIM_API_KEY` + `ATLASSIAN_SCIM_DIRECTORY_ID`), the target from
//! `ATLASSIAN_ACCOUNT_ID` where it needs one, and honours `ATLASSIAN_API_BASE_URL`.

use std::error::Error;
use std::process::ExitCode;

use admin_api::models::AccountId;
use admin_api::models::org::OrgDirectoryId;

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

/// The email of the person the Organizations examples act on, when no account id is given.
pub const USER_EMAIL_VAR: &str = "ATLASSIAN_USER_EMAIL";

/// An optional directory for the Organizations examples (default `-`: all directories).
pub const ORG_DIRECTORY_VAR: &str = "ATLASSIAN_ORG_DIRECTORY_ID";

/// The directory from `ATLASSIAN_ORG_DIRECTORY_ID`, else `-` (all directories).
pub fn org_directory() -> Result<OrgDirectoryId, Box<dyn Error>> {
    match std::env::var(ORG_DIRECTORY_VAR) {
        Ok(value) if !value.trim().is_empty() => Ok(OrgDirectoryId::new(value)?),
        _ => Ok(OrgDirectoryId::all()),
    }
}

/// The person an Organizations example acts on: `ATLASSIAN_ACCOUNT_ID`, or the account whose
/// email is exactly `ATLASSIAN_USER_EMAIL` (one user search).
pub fn org_target_account(users: &admin_api::blocking::OrgUsers) -> Result<AccountId, Box<dyn Error>> {
    if let Ok(raw) = std::env::var(ACCOUNT_ID_VAR)
        && !raw.trim().is_empty()
    {
        return Ok(AccountId::new(raw)?);
    }
    let email = required_env(USER_EMAIL_VAR, "the email of the person (or set ATLASSIAN_ACCOUNT_ID)")?;
    let page = users.search().email(email.as_str()).send()?;
    match page.data.as_slice() {
        [user] => {
            user.account_id.clone().ok_or_else(|| "the search answered a user without an account id".into())
        }
        [] => Err(format!("no user in the org has the email {email}").into()),
        many => Err(format!("{} users have the email {email}; set ATLASSIAN_ACCOUNT_ID", many.len()).into()),
    }
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
