//! Bulk: deactivate N SCIM users through the async facade against a sandbox that rate-limits,
//! checking that nothing is lost or applied twice and that every `Retry-After` was honoured.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use admin_api::models::{DirectoryId, ScimUserId};
use admin_api::transport::nonblocking::HttpBackend;
use admin_api::transport::{
    BackendConfig, BoxFuture, HttpRequest, HttpResponse, ReqwestBackend, TransportError,
};
use admin_api::{RetryPolicy, ScimApiKey};
use admin_sandbox::Sandbox;
use serde_json::json;

use crate::Row;

const DIRECTORY: &str = "bulk-dir";
const KEY: &str = "bulk-scim-key";
const CONCURRENCY: usize = 16;

/// One attempt as the client's backend saw it.
#[derive(Debug, Clone)]
struct Event {
    path: String,
    sent: Instant,
    received: Instant,
    status: u16,
    retry_after: Option<Duration>,
}

/// The reqwest backend, recording every attempt.
#[derive(Debug)]
struct Recording {
    inner: ReqwestBackend,
    events: Mutex<Vec<Event>>,
}

impl HttpBackend for Recording {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let path = request.url.path().to_owned();
            let sent = Instant::now();
            let result = self.inner.execute(request).await;
            if let Ok(response) = &result {
                let retry_after = response
                    .header("retry-after")
                    .and_then(|v| v.trim().parse().ok())
                    .map(Duration::from_secs);
                let event = Event {
                    path,
                    sent,
                    received: Instant::now(),
                    status: response.status.as_u16(),
                    retry_after,
                };
                self.events.lock().expect("events").push(event);
            }
            result
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        self.inner.sleep(duration)
    }
}

pub fn run(users: usize, quick: bool) -> Row {
    // The window is one second; the limit keeps the run to about five windows.
    let limit = (users / 5).max(1) as u32;
    println!(
        "\n-- bulk: deactivate {users} SCIM users, {CONCURRENCY} in flight, sandbox rate limit {limit}/s"
    );
    let seeding = Instant::now();
    let mut builder = Sandbox::builder().verified_domain("acme.test").directory(DIRECTORY, KEY);
    for i in 0..users {
        let email = format!("user{i}@acme.test");
        builder = builder.scim_user(
            DIRECTORY,
            json!({"id": format!("u-{i}"), "userName": email, "emails": [{"value": email, "primary": true}]}),
        );
    }
    let sandbox = builder.start().expect("sandbox starts");
    assert_eq!(sandbox.scim_users(DIRECTORY).len(), users);
    println!("   seeded in {:.1?}", seeding.elapsed());

    let rt = crate::runtime();
    let backend = Arc::new(Recording {
        inner: ReqwestBackend::new(&BackendConfig::default()).expect("backend"),
        events: Mutex::new(Vec::new()),
    });
    let scim = rt.block_on(async {
        admin_api::nonblocking::Client::builder()
            .base_url(sandbox.base_url())
            .backend(backend.clone())
            .retry_policy(RetryPolicy::default().max_attempts(20).max_total_wait(Duration::from_secs(120)))
            .build()
            .expect("client")
            .scim(ScimApiKey::new(KEY, DirectoryId::new(DIRECTORY).expect("dir")).expect("key"))
    });
    sandbox.clear_requests();
    sandbox.rate_limit(limit, Duration::from_secs(1));

    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let failures: usize = rt.block_on(async {
        let tasks: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                let (users_api, next) = (scim.users(), next.clone());
                tokio::spawn(async move {
                    let mut failed = 0;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= users {
                            return failed;
                        }
                        let id = ScimUserId::new(format!("u-{i}")).expect("id");
                        if let Err(error) = users_api.deactivate(&id).await {
                            eprintln!("   deactivate u-{i}: {error}");
                            failed += 1;
                        }
                    }
                })
            })
            .collect();
        let mut failed = 0;
        for task in tasks {
            failed += task.await.expect("task");
        }
        failed
    });
    let wall = started.elapsed();
    sandbox.clear_faults();

    // Lost or duplicated: nobody is left, and every user's DELETE succeeded exactly once (a
    // repeated one would have been answered 404). Counted from what the client's backend saw;
    // the sandbox's own log keeps only the latest 10,000 requests, its counter counts all.
    let remaining = sandbox.scim_users(DIRECTORY).len();
    let server_total = sandbox.request_count();
    let events = backend.events.lock().expect("events").clone();
    let total = events.len();
    let limited = events.iter().filter(|e| e.status == 429).count();
    let mut by_path: HashMap<&str, Vec<&Event>> = HashMap::new();
    for event in &events {
        by_path.entry(event.path.as_str()).or_default().push(event);
    }
    let succeeded = |attempts: &[&Event]| attempts.iter().filter(|e| (200..300).contains(&e.status)).count();
    let applied = by_path.values().filter(|a| succeeded(a) == 1).count();
    let duplicated =
        by_path.values().filter(|a| succeeded(a) > 1 || a.iter().any(|e| e.status == 404)).count();
    let lost = (users - applied.min(users)).max(remaining);
    // Retry-After honoured: the next attempt at a path comes no earlier than it asked.
    let mut early = 0;
    for attempts in by_path.values_mut() {
        attempts.sort_by_key(|e| e.sent);
        for pair in attempts.windows(2) {
            if let Some(wait) = pair[0].retry_after
                && pair[1].sent.duration_since(pair[0].received) + Duration::from_millis(1) < wait
            {
                early += 1;
            }
        }
    }
    let ok = failures == 0 && lost == 0 && duplicated == 0 && early == 0 && total as u64 == server_total;
    println!(
        "   {wall:.2?}: {total} requests sent ({server_total} received by the sandbox), {limited} answered 429, {applied} applied once, {remaining} left, {duplicated} duplicated, {failures} errors, {early} retries earlier than Retry-After"
    );
    let _ = quick;
    Row {
        metric: format!("bulk: deactivate {users} SCIM users, rate limit {limit}/s, {CONCURRENCY} in flight"),
        baseline: format!("≥ {:.0} s at the limit", (users as f64 / f64::from(limit)).ceil() - 1.0),
        ours: format!("{:.2} s wall, {total} requests ({limited} × 429)", wall.as_secs_f64()),
        ratio: format!("lost {lost}, dup {duplicated}, early retries {early}"),
        target: "completes, 0 lost / duplicated, Retry-After honoured".into(),
        met: Some(ok),
    }
}
