//! Read-only, async: streams the org's suspended users, page after page, with the async
//! facade (`stream()`), and counts them by account status.
//!
//! `POST /admin/v2/orgs/{orgId}/directories/-/users/search` with `status: ["suspended"]`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`; optional `ATLASSIAN_ORG_DIRECTORY_ID`.

use std::collections::BTreeMap;

use admin_api::models::org::UserStatus;
use admin_api::nonblocking::OrgService;
use atlassian_admin_examples::{ExampleResult, org_directory, report};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    report(suspended().await)
}

async fn suspended() -> ExampleResult {
    let users = OrgService::from_env()?.users().directory(org_directory()?);
    let mut stream = users.search().status([UserStatus::Suspended]).page_size(100).stream();
    let mut by_account_status = BTreeMap::new();
    while let Some(user) = stream.next_item().await {
        let user = user?;
        println!(
            "{} {}",
            user.account_id.map(|a| a.to_string()).unwrap_or_default(),
            user.email.unwrap_or_default()
        );
        *by_account_status
            .entry(user.account_status.map(|s| s.to_string()).unwrap_or_default())
            .or_insert(0) += 1;
    }
    for (status, count) in by_account_status {
        eprintln!("{count} suspended users with account status {status:?}");
    }
    Ok(())
}
