//! One file per command group.

pub mod completions;
pub mod events;
pub mod known;
pub mod lifecycle;
pub mod offboard;
pub mod org;
pub mod org_domains;
pub mod org_groups;
pub mod org_policies;
pub mod org_users;
pub mod report;
pub mod resolve;
pub mod scim;
pub mod scim_discovery;
pub mod scim_groups;
pub mod scim_users;
pub mod users;

use std::process::ExitCode;

use serde::Serialize;

use crate::context::Ctx;
use crate::error::Result;

/// Prints a serializable result and succeeds.
///
/// The value is printed through its own serialization (never via `serde_json::Value`, which
/// would round numbers the server sent and fail on ones `f64` cannot hold).
pub(crate) fn show<T: Serialize>(ctx: &Ctx, value: &T, columns: &[&str]) -> Result<ExitCode> {
    ctx.print(value, columns)?;
    Ok(ExitCode::SUCCESS)
}
