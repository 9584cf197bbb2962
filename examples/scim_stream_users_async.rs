//! Read-only: streams every user of the directory with the async client (tokio + reqwest), one
//! page at a time.
//!
//! `GET /scim/directory/{directoryId}/Users?startIndex=…&count=100`, repeated until the last page.
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`; optional
//! `ATLASSIAN_API_BASE_URL`.

use admin_api::nonblocking::ScimService;
use atlassian_admin_examples::{ExampleResult, report};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report(stream_users().await)
}

async fn stream_users() -> ExampleResult {
    let scim = ScimService::from_env()?;
    let mut users = scim.users().list().count(100).stream();
    let mut active = 0;
    let mut total = 0;
    while let Some(user) = users.next_item().await {
        let user = user?;
        total += 1;
        if user.is_active() {
            active += 1;
        }
        println!("{:<40} {}", user.id.as_ref().map(|id| id.as_str()).unwrap_or("-"), user.user_name);
    }
    println!("{total} users, {active} active");
    Ok(())
}
