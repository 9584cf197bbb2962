//! Read-only: lists an account's API tokens.
//!
//! `GET /users/{account_id}/manage/api-tokens`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`.

use admin_api::blocking::UsersService;
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let tokens = users.api_tokens(&account_id()?)?;
        println!("{} token(s)", tokens.len());
        for token in tokens {
            println!(
                "{}  {:<24} created {}  last used {}",
                token.id,
                token.label,
                token.created_at,
                token.last_access.as_deref().unwrap_or("never")
            );
        }
        Ok(())
    })
}
