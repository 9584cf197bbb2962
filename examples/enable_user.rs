//! **CHANGES DATA**: reactivates a deactivated account.
//!
//! `POST /users/{account_id}/manage/lifecycle/enable` — seed snippet "Enable a user".
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`.

use admin_api::blocking::UsersService;
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let account = account_id()?;
        users.enable(&account)?;
        println!("{account} enabled");
        Ok(())
    })
}
