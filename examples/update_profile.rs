//! **CHANGES DATA**: sets the account's nickname to `ATLASSIAN_NICKNAME` (default "marshmallow").
//!
//! `PATCH /users/{account_id}/manage/profile` — seed snippet "Update profile"; sends only
//! `{"nickname": …}`. Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`.

use admin_api::blocking::UsersService;
use admin_api::models::user_management::ProfileUpdate;
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let nickname = std::env::var("ATLASSIAN_NICKNAME").unwrap_or_else(|_| "marshmallow".into());
        let profile = users.update_profile(&account_id()?, &ProfileUpdate::new().nickname(nickname))?;
        println!("nickname is now {}", profile.nickname.as_deref().unwrap_or("-"));
        Ok(())
    })
}
