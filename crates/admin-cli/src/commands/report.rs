//! `report last-active`: every user of the org with when they were last active, per product —
//! from **one paged search** (`POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search`
//! with `expand: ["productAccess"]`), not one last-active call per user.

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use admin_api::models::org::{DirectoryUser, OrgDirectoryId, UserExpand, UserSearch};
use clap::{Args, Subcommand};
use serde_json::{Map, Value, json};

use crate::context::Ctx;
use crate::error::{CliError, Result};

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Every user with last-active dates per product; `--inactive-for 90d` keeps the dormant ones.
    LastActive(LastActiveArgs),
}

#[derive(Debug, Args)]
pub struct LastActiveArgs {
    /// Only users with no activity in any product for this long (`90d`, `12w`, `6months`), or never.
    #[arg(long, value_parser = humantime::parse_duration)]
    inactive_for: Option<Duration>,
    /// The directory (default `-`, every directory).
    #[arg(long, default_value = "-")]
    directory: OrgDirectoryId,
    /// Users per request (the API allows up to 100).
    #[arg(long, default_value_t = 100)]
    page_size: u32,
}

const COLUMNS: &[&str] =
    &["accountId", "email", "name", "status", "accountStatus", "lastActive", "inactiveDays"];

pub fn run(ctx: &Ctx, cmd: ReportCmd) -> Result<ExitCode> {
    let ReportCmd::LastActive(args) = cmd;
    let org = ctx.org()?;
    let mut search = UserSearch::default();
    search.expand = vec![UserExpand::ProductAccess];
    search.limit = Some(args.page_size);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| CliError::Io(e.to_string()))?.as_secs()
        as i64;
    let cutoff = args.inactive_for.map(|d| now - d.as_secs() as i64);
    let mut rows = Vec::new();
    let mut seen = 0u64;
    for user in org.users().directory(args.directory).search().filters(search).pages().iter() {
        let user = user?;
        seen += 1;
        let latest = user.product_access.iter().filter_map(|p| p.last_active_timestamp).max();
        let latest_secs = latest.map(|t| t.unix_timestamp());
        if let Some(cutoff) = cutoff
            && latest_secs.is_some_and(|t| t >= cutoff)
        {
            continue;
        }
        rows.push(row(&user, latest_secs.map(|t| (now - t).max(0) / 86_400))?);
    }
    ctx.note(format!("{} of {seen} users listed", rows.len()));
    // Columns: who, latest activity, then one per product seen (sorted).
    let mut products: Vec<String> = rows
        .iter()
        .filter_map(|r| r["lastActiveByProduct"].as_object())
        .flat_map(|m| m.keys().map(|k| format!("lastActiveByProduct.{k}")))
        .collect();
    products.sort();
    products.dedup();
    let columns: Vec<&str> = COLUMNS.iter().copied().chain(products.iter().map(String::as_str)).collect();
    ctx.print(&Value::Array(rows), &columns)?;
    Ok(ExitCode::SUCCESS)
}

/// One report row: who, their latest activity anywhere, and per product (`lastActiveByProduct`).
fn row(user: &DirectoryUser, inactive_days: Option<i64>) -> Result<Value> {
    let unprintable = |e: serde_json::Error| CliError::Io(format!("a user cannot be reported: {e}"));
    let full = serde_json::to_value(user).map_err(unprintable)?;
    let mut row = Map::new();
    for key in COLUMNS.iter().take(5) {
        row.insert((*key).to_owned(), full.get(*key).cloned().unwrap_or(Value::Null));
    }
    let mut per_product = Map::new();
    let mut latest: Option<(i64, Value)> = None;
    for access in &user.product_access {
        let rendered = serde_json::to_value(access).map_err(unprintable)?;
        let when = rendered.get("lastActiveTimestamp").cloned().unwrap_or(Value::Null);
        let product = access
            .key
            .as_ref()
            .map(|k| k.as_str().to_owned())
            .or_else(|| access.id.clone())
            .unwrap_or_default();
        if let Some(t) = access.last_active_timestamp
            && latest.as_ref().is_none_or(|(l, _)| t.unix_timestamp() > *l)
        {
            latest = Some((t.unix_timestamp(), when.clone()));
        }
        per_product.insert(product, when);
    }
    row.insert("lastActive".into(), latest.map(|(_, v)| v).unwrap_or(Value::Null));
    row.insert("inactiveDays".into(), json!(inactive_days));
    row.insert("lastActiveByProduct".into(), Value::Object(per_product));
    Ok(Value::Object(row))
}
