//! The audit log: `org events search|get|actions` (narrow look-ups) and `events tail` (everything,
//! in order, as JSON lines, resumable from a checkpoint file, optionally following new events).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use admin_api::blocking::OrgService;
use admin_api::models::org::{EventAction, EventId, EventProduct};
use admin_api::plan::org::{EventFilter, StreamFilter, TailCheckpoint};
use clap::{Args, Subcommand};

use super::org::Paging;
use super::show;
use crate::context::Ctx;
use crate::error::{CliError, Result};
use crate::input::instant;

const COLUMNS: &[&str] =
    &["id", "attributes.time", "attributes.action", "attributes.actor.id", "attributes.actor.email"];

/// `org events …`.
#[derive(Debug, Subcommand)]
pub enum OrgEventsCmd {
    /// Searches the audit log, newest first (`GET /admin/v1/orgs/{orgId}/events`; 10 requests a
    /// minute: the client spaces them).
    Search {
        /// A search term.
        #[arg(long)]
        q: Option<String>,
        /// Earliest event: RFC 3339 or an age (`7d`).
        #[arg(long, value_parser = instant)]
        from: Option<std::time::SystemTime>,
        /// Latest event: RFC 3339 or an age.
        #[arg(long, value_parser = instant)]
        to: Option<std::time::SystemTime>,
        /// One action key, e.g. `user_added_to_group` (`org events actions` lists them).
        #[arg(long)]
        action: Option<String>,
        /// An actor's account id (repeatable).
        #[arg(long = "actor")]
        actors: Vec<String>,
        /// An IP address (repeatable).
        #[arg(long = "ip")]
        ips: Vec<String>,
        /// A product (repeatable).
        #[arg(long = "product")]
        products: Vec<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One event (`GET /admin/v1/orgs/{orgId}/events/{eventId}`).
    Get { event_id: EventId },
    /// The action catalogue (`GET /admin/v1/orgs/{orgId}/event-actions`).
    Actions,
}

/// `events …`.
#[derive(Debug, Subcommand)]
pub enum EventsCmd {
    /// Every audit event in processing order as JSON lines (`GET /admin/v1/orgs/{orgId}/events-stream`).
    Tail(TailArgs),
}

#[derive(Debug, Args)]
pub struct TailArgs {
    /// Save the position here after every event; start from it when it exists (nothing missed, nothing repeated).
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<PathBuf>,
    /// Once caught up, keep polling for new events (stop with Ctrl-C; the checkpoint is safe).
    #[arg(long)]
    follow: bool,
    /// How long to wait between polls with `--follow`.
    #[arg(long, default_value = "60s", value_parser = humantime::parse_duration)]
    interval: Duration,
    /// Events processed at or after: RFC 3339 or an age (`7d`). Ignored when resuming.
    #[arg(long, value_parser = instant)]
    from: Option<std::time::SystemTime>,
    /// Events processed at or before. Ignored when resuming.
    #[arg(long, value_parser = instant)]
    to: Option<std::time::SystemTime>,
    /// Events per request (1–500).
    #[arg(long)]
    page_size: Option<u32>,
}

pub fn org_events(ctx: &Ctx, org: &OrgService, cmd: OrgEventsCmd) -> Result<ExitCode> {
    let events = org.events();
    match cmd {
        OrgEventsCmd::Search { q, from, to, action, actors, ips, products, paging } => {
            let mut filter = EventFilter::new();
            filter.q = q;
            filter.from = from.map(Into::into);
            filter.to = to.map(Into::into);
            filter.action = action.map(|a| EventAction::from(a.as_str()));
            filter.actors = actors;
            filter.ips = ips;
            filter.products = products.iter().map(|p| EventProduct::from(p.as_str())).collect();
            filter.limit = paging.page_size;
            show(ctx, &paging.apply(events.search(filter)).all()?, COLUMNS)
        }
        OrgEventsCmd::Get { event_id } => show(ctx, &events.get(&event_id)?, &[]),
        OrgEventsCmd::Actions => show(ctx, &events.actions()?, &["id", "attributes.displayName"]),
    }
}

pub fn run(ctx: &Ctx, cmd: EventsCmd) -> Result<ExitCode> {
    let EventsCmd::Tail(args) = cmd;
    let org = ctx.org()?;
    let mut filter = StreamFilter::new();
    filter.from = args.from.map(Into::into);
    filter.to = args.to.map(Into::into);
    filter.limit = args.page_size;
    let mut tail = org.events().tail(filter);
    if args.follow {
        tail = tail.follow(args.interval);
    }
    if let Some(saved) = args.checkpoint.as_deref().map(read_checkpoint).transpose()?.flatten() {
        tracing::info!(handed_out = saved.handed_out(), "resuming from the checkpoint");
        tail = tail.resume(saved)?;
    }
    let mut out = std::io::stdout().lock();
    let mut count = 0u64;
    while let Some(event) = tail.next() {
        let event = event?;
        let line = serde_json::to_string(&event)
            .map_err(|e| CliError::Io(format!("an event cannot be printed: {e}")))?;
        // A closed stdout (`| head -1`) ends the command quietly, the checkpoint still before
        // this event.
        writeln!(out, "{line}").and_then(|()| out.flush()).map_err(CliError::stdout)?;
        count += 1;
        // Saved only once the event is written and flushed: a crash repeats nothing and misses
        // nothing.
        if let Some(path) = &args.checkpoint {
            write_checkpoint(path, &tail.checkpoint())?;
        }
    }
    if let Some(path) = &args.checkpoint {
        write_checkpoint(path, &tail.checkpoint())?;
    }
    ctx.note(format!("events tail: {count} events, {} pages fetched", tail.pages_fetched()));
    Ok(ExitCode::SUCCESS)
}

fn read_checkpoint(path: &Path) -> Result<Option<TailCheckpoint>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            CliError::usage(format!("{}: not a checkpoint of `events tail`: {e}", path.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CliError::io(path.display(), e)),
    }
}

/// Writes the checkpoint atomically (a temporary file renamed over the old one).
fn write_checkpoint(path: &Path, checkpoint: &TailCheckpoint) -> Result<()> {
    let json = serde_json::to_vec(checkpoint).map_err(|e| CliError::io(path.display(), e))?;
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, json)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| CliError::io(path.display(), e))
}
