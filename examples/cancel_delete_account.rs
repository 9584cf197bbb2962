//! **CHANGES DATA**: cancels a pending deletion; the account is restored and activated.
//!
//! `POST /users/{account_id}/manage/lifecycle/cancel-delete`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`.

use admin_api::blocking::UsersService;
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let account = account_id()?;
        let result = users.cancel_delete(&account)?;
        println!("{account}: {}", result.message.as_deref().unwrap_or("deletion cancelled"));
        Ok(())
    })
}
