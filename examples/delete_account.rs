//! **CHANGES DATA — DELETES THE ACCOUNT** after a 14-day grace period (cancel with
//! `cancel_delete_account`).
//!
//! `POST /users/{account_id}/manage/lifecycle/delete`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`, and `ATLASSIAN_CONFIRM_DELETE=yes`.

use admin_api::blocking::UsersService;
use atlassian_admin_examples::{account_id, required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let account = account_id()?;
        if required_env("ATLASSIAN_CONFIRM_DELETE", "yes to confirm the deletion")? != "yes" {
            return Err("ATLASSIAN_CONFIRM_DELETE must be exactly `yes`".into());
        }
        let result = users.delete_account(&account)?;
        println!("{account}: {}", result.message.as_deref().unwrap_or("deletion scheduled"));
        Ok(())
    })
}
