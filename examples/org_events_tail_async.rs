//! Read-only: the org's audit log since a point in time, as a `Stream` (tokio + reqwest), until
//! caught up; prints one line per event and the checkpoint to resume from.
//!
//! `GET /admin/v1/orgs/{orgId}/events-stream?from=…&sortOrder=asc`, then `?cursor=…`. Needs
//! `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`; optional `ATLASSIAN_API_BASE_URL`, `SINCE_HOURS`
//! (default 24).

use std::time::{Duration, SystemTime};

use admin_api::nonblocking::OrgService;
use admin_api::plan::org::StreamFilter;
use atlassian_admin_examples::{ExampleResult, report};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    report(tail().await)
}

async fn tail() -> ExampleResult {
    let org = OrgService::from_env()?;
    let hours: u64 = std::env::var("SINCE_HOURS").ok().and_then(|s| s.parse().ok()).unwrap_or(24);
    let since = SystemTime::now() - Duration::from_secs(hours * 3600);
    let mut events = org.events().tail(StreamFilter::new().from(since)).into_stream();
    let mut count = 0;
    while let Some(event) = events.next_item().await {
        let event = event?;
        count += 1;
        let actor = event.attributes.actor.as_ref().and_then(|a| a.name.as_deref().or(Some(a.id.as_str())));
        let time = event.attributes.time.map(|t| t.to_string()).unwrap_or_default();
        println!("{time}  {:<40} {}", event.attributes.action, actor.unwrap_or("-"));
    }
    println!("{count} events since {hours} h ago");
    if let Some(checkpoint) = events.checkpoint() {
        println!("resume with: {}", serde_json::to_string(&checkpoint)?);
    }
    Ok(())
}
