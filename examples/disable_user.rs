//! **CHANGES DATA**: deactivates the account, with a message shown when the user tries to log in.
//!
//! `POST /users/{account_id}/manage/lifecycle/disable` — seed snippet "Disable a user".
//! Checks the `lifecycle.enablement` privilege first and explains a refusal.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`; optional `ATLASSIAN_DISABLE_MESSAGE`.

use admin_api::blocking::UsersService;
use admin_api::models::user_management::{Access, Privilege};
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let account = account_id()?;
        if let Access::Denied(reason) = users.check(&account, Privilege::LifecycleEnablement)? {
            return Err(format!("you cannot disable {account}: {}", reason.explanation()).into());
        }
        let message =
            std::env::var("ATLASSIAN_DISABLE_MESSAGE").unwrap_or_else(|_| "On 6-month suspension".into());
        users.disable(&account).message(message).send()?;
        println!("{account} disabled");
        Ok(())
    })
}
