//! Read-only: copies the org's audit log to stdout as JSON lines, in the order Atlassian
//! processed the events, and keeps following it (blocking). Resumable: after each event the
//! tail's checkpoint is written to a file, and a restarted run continues right after the last
//! event it printed — nothing missed, nothing repeated.
//!
//! `GET /admin/v1/orgs/{orgId}/events-stream?sortOrder=asc…`, then `?cursor=…` polled every
//! `POLL_SECONDS` once caught up. Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`; optional
//! `ATLASSIAN_API_BASE_URL`, `CHECKPOINT_FILE` (default `org_events_tail.checkpoint.json`),
//! `POLL_SECONDS` (default 30; `0` stops once caught up).

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use admin_api::blocking::OrgService;
use admin_api::plan::org::{StreamFilter, TailCheckpoint};
use atlassian_admin_examples::run;

fn main() -> std::process::ExitCode {
    run(|| {
        let org = OrgService::from_env()?;
        let file = PathBuf::from(
            std::env::var("CHECKPOINT_FILE").unwrap_or_else(|_| "org_events_tail.checkpoint.json".into()),
        );
        let poll: u64 = std::env::var("POLL_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(30);

        let mut tail = org.events().tail(StreamFilter::new().limit(200));
        tail = if poll == 0 { tail.bounded() } else { tail.follow(Duration::from_secs(poll)) };
        if let Ok(saved) = std::fs::read(&file) {
            let checkpoint: TailCheckpoint = serde_json::from_slice(&saved)?;
            eprintln!(
                "resuming from {} ({} events of the page already done)",
                file.display(),
                checkpoint.handed_out()
            );
            tail = tail.resume(checkpoint)?;
        }

        let mut out = std::io::stdout().lock();
        while let Some(event) = tail.next() {
            let event = event?;
            serde_json::to_writer(&mut out, &event)?;
            writeln!(out)?;
            out.flush()?;
            // Written only once the event is out: a crash before this line prints it again on
            // restart (at least once); after it, never again.
            let tmp = file.with_extension("tmp");
            std::fs::write(&tmp, serde_json::to_vec(&tail.checkpoint())?)?;
            std::fs::rename(&tmp, &file)?;
        }
        eprintln!("caught up after {} pages", tail.pages_fetched());
        Ok(())
    })
}
