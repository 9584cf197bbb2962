//! The audit log against the sandbox: the tail catches the events a test itself caused, a
//! checkpoint saved and resumed misses nothing and repeats nothing, and the client's path
//! limiter keeps a reader under the sandbox's per-path limit instead of drawing 429s.

use std::time::Duration;

use admin_api::models::AccountId;
use admin_api::models::org::{NewGroup, OrgId};
use admin_api::plan::org::{EVENTS_PATH, EventFilter, StreamFilter, TailCheckpoint};
use admin_api::{AdminApiKey, RateLimit, RetryPolicy};
use admin_sandbox::{Sandbox, SandboxHandle, demo};

use super::{Client, OrgService, maybe};

fn org_on(sandbox: &SandboxHandle, client: Client) -> OrgService {
    client.org(AdminApiKey::new(sandbox.admin_key()).unwrap(), OrgId::new(sandbox.org_id()).unwrap())
}

fn org(sandbox: &SandboxHandle) -> OrgService {
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .expect("client");
    org_on(sandbox, client)
}

/// A sandbox without the audit log's per-path limit (these scenarios poll the stream often).
fn unlimited() -> SandboxHandle {
    Sandbox::builder().with_demo_data().events_rate_limit(None).start().expect("sandbox")
}

fn lila() -> AccountId {
    AccountId::new(demo::ACCOUNT_ID).unwrap()
}

/// Suspends and restores Lila, and creates a group with her in it: four audited writes.
#[maybe]
async fn make_history(org: &OrgService, group_name: &str) {
    org.users().suspend(&lila()).await.expect("suspend");
    org.users().restore(&lila()).await.expect("restore");
    let group = org.groups().create(&NewGroup::new(group_name)).await.expect("create").expect("group");
    org.groups().add_member(group.id.as_ref().expect("id"), &lila()).await.expect("add member");
}

/// The actions of the sandbox's audit log, oldest first.
fn logged(sandbox: &SandboxHandle) -> Vec<String> {
    sandbox.audit_events().into_iter().map(|(action, _)| action).collect()
}

#[maybe]
async fn a_bounded_tail_catches_the_events_this_test_caused() {
    let sandbox = unlimited();
    let org = org(&sandbox);
    assert!(logged(&sandbox).is_empty(), "seeding logs nothing");

    make_history(&org, "auditors-2").await;

    let mut tail = org.events().tail(StreamFilter::new().limit(3)).bounded();
    let mut actions = Vec::new();
    while let Some(event) = tail.next_event().await {
        let event = event.expect("event");
        actions.push(event.attributes.action.as_str().to_owned());
    }
    assert_eq!(
        actions,
        ["user_access_suspended", "user_access_restored", "group_created", "user_added_to_group"],
        "in the order they happened, each once"
    );
    assert_eq!(actions, logged(&sandbox));
    assert_eq!(tail.pages_fetched(), 3, "a page of 3, the rest, then an empty page: caught up");
}
scenario!(a_bounded_tail_catches_the_events_this_test_caused);

#[maybe]
async fn a_tail_resumed_from_its_checkpoint_misses_nothing_and_repeats_nothing() {
    let sandbox = unlimited();
    let org = org(&sandbox);
    make_history(&org, "first-run").await;

    // First process: handles three events (mid-page), saving a checkpoint after each, then stops.
    let mut handled = Vec::new();
    let mut saved = String::new();
    let mut tail = org.events().tail(StreamFilter::new().limit(2));
    while let Some(event) = tail.next_event().await {
        handled.push(event.expect("event").id.as_str().to_owned());
        saved = serde_json::to_string(&tail.checkpoint()).unwrap();
        if handled.len() == 3 {
            break;
        }
    }
    drop(tail);

    // Meanwhile the org changes again.
    make_history(&org, "second-run").await;

    // Second process: resumes from the saved text and reads to the end.
    let checkpoint: TailCheckpoint = serde_json::from_str(&saved).unwrap();
    let mut tail = org.events().tail(StreamFilter::new()).resume(checkpoint).expect("same org");
    while let Some(event) = tail.next_event().await {
        handled.push(event.expect("event").id.as_str().to_owned());
    }

    let logged = logged(&sandbox);
    assert_eq!(logged.len(), 8);
    assert_eq!(handled.len(), logged.len(), "every event: {handled:?}");
    let mut unique = handled.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), handled.len(), "no event twice: {handled:?}");
    // The ids are the stream's: read the whole log again to compare the order.
    let everything = org.events().tail(StreamFilter::new()).bounded();
    let mut again = Vec::new();
    let mut everything = everything;
    while let Some(event) = everything.next_event().await {
        again.push(event.expect("event").id.as_str().to_owned());
    }
    assert_eq!(handled, again, "in the stream's order");
}
scenario!(a_tail_resumed_from_its_checkpoint_misses_nothing_and_repeats_nothing);

#[maybe]
async fn the_client_limiter_keeps_the_search_under_the_sandbox_limit() {
    // The same small limit on both sides: 2 requests a window. The client's window is a
    // little longer, so requests that arrive late still land in the sandbox's next window.
    let sandbox = Sandbox::builder()
        .with_demo_data()
        .events_rate_limit(Some((2, Duration::from_millis(300))))
        .start()
        .expect("sandbox");
    let no_retries = RetryPolicy::default().max_attempts(1);
    let limited = Client::builder()
        .base_url(sandbox.base_url())
        .retry_policy(no_retries.clone())
        .path_limit(EVENTS_PATH, Some(RateLimit::new(2, Duration::from_millis(600))))
        .build()
        .expect("client");
    let org = org_on(&sandbox, limited);
    make_history(&org, "limited").await;

    for _ in 0..5 {
        let page = org.events().search(EventFilter::new()).send().await.expect("never a 429");
        assert_eq!(page.data.len(), 4);
    }
    let statuses: Vec<u16> =
        sandbox.requests().iter().filter(|r| r.path.ends_with("/events")).map(|r| r.status).collect();
    assert_eq!(statuses, [200; 5]);

    // Without the client's limit, the sandbox's shows.
    let unlimited = Client::builder()
        .base_url(sandbox.base_url())
        .retry_policy(no_retries)
        .path_limit(EVENTS_PATH, None)
        .build()
        .expect("client");
    let org = org_on(&sandbox, unlimited);
    let mut refused = None;
    for _ in 0..6 {
        if let Err(error) = org.events().search(EventFilter::new()).send().await {
            refused = Some(error);
            break;
        }
    }
    let refused = refused.expect("six requests in quick succession, two a window");
    assert!(refused.is_rate_limited(), "{refused:?}");
}
scenario!(the_client_limiter_keeps_the_search_under_the_sandbox_limit);
