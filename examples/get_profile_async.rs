//! Read-only: prints a managed account's profile with the async client (tokio + reqwest).
//!
//! `GET /users/{account_id}/manage/profile`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`; optional `ATLASSIAN_API_BASE_URL`.

use admin_api::nonblocking::UsersService;
use atlassian_admin_examples::{ExampleResult, account_id, report};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report(show_profile().await)
}

async fn show_profile() -> ExampleResult {
    let users = UsersService::from_env()?;
    let profile = users.get_profile(&account_id()?).await?;
    println!("{} <{}>", profile.name.as_deref().unwrap_or("-"), profile.email.as_deref().unwrap_or("-"));
    if let Some(extended) = &profile.extended_profile {
        println!("job title: {}", extended.job_title.as_deref().unwrap_or("-"));
    }
    Ok(())
}
