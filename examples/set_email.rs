//! **CHANGES DATA**: sets the account's email to `ATLASSIAN_NEW_EMAIL` and ends its sessions.
//!
//! `PUT /users/{account_id}/manage/email`; the domain must be verified in your organization.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`, `ATLASSIAN_NEW_EMAIL`.

use admin_api::blocking::UsersService;
use atlassian_admin_examples::{account_id, required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let email = required_env("ATLASSIAN_NEW_EMAIL", "the new address, on a verified domain")?;
        users.set_email(&account_id()?, &email)?;
        println!("email set to {email}");
        Ok(())
    })
}
