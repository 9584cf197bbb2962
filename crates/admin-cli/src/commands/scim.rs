//! `scim …`: the SCIM 2.0 provisioning API of one directory (directory SCIM API key), and the
//! flags its list and patch commands share.

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::models::scim::PatchOp;
use clap::{Args, Subcommand};

use super::{scim_discovery, scim_groups, scim_users};
use crate::context::Ctx;
use crate::error::{CliError, Result};

#[derive(Debug, Subcommand)]
pub enum ScimCmd {
    /// SCIM users (`/scim/directory/{id}/Users`).
    #[command(subcommand)]
    Users(scim_users::UsersCmd),
    /// SCIM groups (`/scim/directory/{id}/Groups`).
    #[command(subcommand)]
    Groups(scim_groups::GroupsCmd),
    /// Schemas the directory supports (`/Schemas`).
    #[command(subcommand)]
    Schemas(scim_discovery::SchemasCmd),
    /// Resource types (`/ResourceTypes`).
    #[command(subcommand)]
    ResourceTypes(scim_discovery::ResourceTypesCmd),
    /// The service provider configuration (`GET /ServiceProviderConfig`).
    Config,
}

pub fn run(ctx: &Ctx, cmd: ScimCmd) -> Result<ExitCode> {
    let scim = ctx.scim()?;
    match cmd {
        ScimCmd::Users(cmd) => scim_users::run(ctx, &scim, cmd),
        ScimCmd::Groups(cmd) => scim_groups::run(ctx, &scim, cmd),
        ScimCmd::Schemas(cmd) => scim_discovery::schemas(ctx, &scim, cmd),
        ScimCmd::ResourceTypes(cmd) => scim_discovery::resource_types(ctx, &scim, cmd),
        ScimCmd::Config => super::show(ctx, &scim.service_provider_config()?, &[]),
    }
}

/// Listing flags. Without `--start-index`/`--count` every page is walked (up to `--limit`).
#[derive(Debug, Args)]
pub struct ListArgs {
    /// A SCIM filter, e.g. `userName eq "ada@example.com"`.
    #[arg(long)]
    pub filter: Option<String>,
    /// Fetch one page starting here (1-based).
    #[arg(long)]
    pub start_index: Option<u32>,
    /// Page size (with `--start-index`: that one page's size).
    #[arg(long)]
    pub count: Option<u32>,
    /// Stop after this many items.
    #[arg(long)]
    pub limit: Option<u64>,
}

impl ListArgs {
    /// Whether one page was asked for.
    pub fn one_page(&self) -> bool {
        self.start_index.is_some()
    }
}

/// A PATCH as flags (`--add`, `--replace`, `--remove`, applied in that order) or a
/// PatchOp JSON document (`--json`).
#[derive(Debug, Args)]
pub struct PatchArgs {
    /// A JSON file with a SCIM PatchOp (`{"Operations": [...]}`).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["add", "replace", "remove"])]
    pub json: Option<PathBuf>,
    /// `PATH=VALUE` to add; repeatable. VALUE is JSON when it parses as JSON (`true`, `123`,
    /// `{"a":1}`), else a string: `title=123` sends the number 123, `'title="123"'` the string.
    #[arg(long, value_name = "PATH=VALUE")]
    pub add: Vec<String>,
    /// `PATH=VALUE` to replace; repeatable. VALUE as for `--add` (quote it as JSON, `'title="123"'`,
    /// to send digits as a string).
    #[arg(long, value_name = "PATH=VALUE")]
    pub replace: Vec<String>,
    /// `PATH` to remove; repeatable.
    #[arg(long, value_name = "PATH")]
    pub remove: Vec<String>,
}

impl PatchArgs {
    pub fn patch(&self) -> Result<PatchOp> {
        if let Some(path) = &self.json {
            return crate::input::read_json(path);
        }
        let mut patch = PatchOp::new();
        for pair in &self.add {
            let (path, value) = crate::input::path_value(pair)?;
            patch = patch.add(path, value).map_err(bad_path)?;
        }
        for pair in &self.replace {
            let (path, value) = crate::input::path_value(pair)?;
            patch = patch.replace(path, value).map_err(bad_path)?;
        }
        for path in &self.remove {
            patch = patch.remove(path.clone()).map_err(bad_path)?;
        }
        if self.add.is_empty() && self.replace.is_empty() && self.remove.is_empty() {
            return Err(CliError::usage("nothing to patch: pass --json FILE, --add, --replace or --remove"));
        }
        Ok(patch)
    }
}

/// A PATCH path that does not parse (RFC 7644 §3.5.2) is refused before anything is sent.
fn bad_path(e: impl std::fmt::Display) -> CliError {
    CliError::usage(format!("invalid PATCH path: {e}"))
}
