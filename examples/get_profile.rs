//! Read-only: prints a managed account's profile (blocking).
//!
//! `GET /users/{account_id}/manage/profile` — seed snippet "Get profile".
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`; optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::UsersService;
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let profile = users.get_profile(&account_id()?)?;
        println!("account:  {}", profile.account_id);
        println!("name:     {}", profile.name.as_deref().unwrap_or("-"));
        println!("nickname: {}", profile.nickname.as_deref().unwrap_or("-"));
        println!("email:    {}", profile.email.as_deref().unwrap_or("-"));
        println!("type:     {:?}", profile.account_type);
        println!("status:   {:?}", profile.account_status);
        Ok(())
    })
}
