//! The command line: global flags and the command groups (each group lives in `commands/`).

use std::fmt;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;

/// Atlassian Admin Cloud APIs from the command line: user management, SCIM provisioning, and
/// bulk workflows with dry runs and resumable journals.
///
/// Credentials come from the same environment variables as the library (or the flags below)
/// and are never printed. Try any command with `--sandbox`: no credentials needed.
#[derive(Debug, Parser)]
#[command(name = "atlassian-admin", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// How to print results: `table` for people (the default), `json` (stable, for machines),
    /// `csv`. Bulk workflows print JSON lines as they go unless `table` or `csv` is asked for
    /// (then one row per step, at the end).
    #[arg(long, short = 'o', value_enum, global = true)]
    pub output: Option<Format>,
    /// Only these columns in `table` and `csv` output (comma-separated; nested fields as
    /// `name.givenName`). A name the result does not have is refused, listing the ones it has.
    #[arg(long, value_delimiter = ',', global = true)]
    pub columns: Vec<String>,
    /// Write CSV cells exactly as the server sent them. By default a cell starting with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return gets a leading `'` so a spreadsheet does not run it as
    /// a formula (JSON numbers are never changed).
    #[arg(long, global = true)]
    pub csv_raw: bool,
    /// More logging on stderr (`-v` info, `-vv` debug with request traces, `-vvv` trace).
    #[arg(long, short = 'v', action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Less output on stderr (`-q`: no summaries, progress bars or warnings; `-qq`: no logs at all).
    /// Errors are always printed on stderr.
    #[arg(long, short = 'q', action = clap::ArgAction::Count, global = true, conflicts_with = "verbose")]
    pub quiet: u8,
    /// The org admin API key: for `users …`, `org …`, `events …`, `report …`, `lifecycle …` and
    /// `offboard`.
    #[arg(long, env = "ATLASSIAN_ADMIN_TOKEN", hide_env_values = true, global = true)]
    pub admin_token: Option<Secret>,
    /// The SCIM API key of the directory, for `scim …`.
    #[arg(long, env = "ATLASSIAN_SCIM_API_KEY", hide_env_values = true, global = true)]
    pub scim_api_key: Option<Secret>,
    /// The SCIM directory id, for `scim …`.
    #[arg(long, env = "ATLASSIAN_SCIM_DIRECTORY_ID", global = true)]
    pub scim_directory_id: Option<String>,
    /// The organization id, for `org …`, `report …`, `events …` and the org steps of `offboard`.
    #[arg(long, env = "ATLASSIAN_ORG_ID", global = true)]
    pub org_id: Option<String>,
    /// The API base URL (default `https://api.atlassian.com`) [env: ATLASSIAN_API_BASE_URL]. Not
    /// with `--sandbox` (the sandbox has its own; the variable is then ignored).
    #[arg(long, global = true, conflicts_with = "sandbox")]
    pub base_url: Option<String>,
    /// Run against an embedded sandbox seeded with a demo organization (no credentials; nothing
    /// real is touched; the sandbox's state lives only as long as the command).
    #[arg(long, global = true)]
    pub sandbox: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table (objects: one row per field).
    Table,
    /// Pretty JSON, exactly as the API's types serialize.
    Json,
    /// CSV with a header row; nested fields flattened to `a.b` columns.
    Csv,
}

/// A credential from a flag or the environment. Its `Debug` never shows the value.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// User management API: managed accounts' permissions, profile, email, API tokens, lifecycle.
    #[command(subcommand)]
    Users(commands::users::UsersCmd),
    /// SCIM 2.0 user provisioning API of a directory: users, groups, discovery.
    #[command(subcommand)]
    Scim(commands::scim::ScimCmd),
    /// Organizations API: users, groups, directories, audit log, domains, policies, workspaces, SCIM links.
    #[command(subcommand)]
    Org(commands::org::OrgCmd),
    /// Bulk lifecycle changes from a file (parity with Atlassian's CLI), with `--dry-run` and a journal.
    #[command(subcommand)]
    Lifecycle(commands::lifecycle::LifecycleCmd),
    /// Offboards people (by email or account id, from arguments or a CSV): revoke API tokens,
    /// deactivate the account, deactivate the SCIM user; `--dry-run` shows the plan.
    Offboard(commands::offboard::OffboardArgs),
    /// The audit log as JSON lines: `events tail [--checkpoint FILE] [--follow]`.
    #[command(subcommand)]
    Events(commands::events::EventsCmd),
    /// Reports: `last-active` (dormant accounts) from one paged search.
    #[command(subcommand)]
    Report(commands::report::ReportCmd),
    /// Prints a shell completion script to stdout.
    Completions(commands::completions::CompletionsArgs),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn a_secret_never_shows_in_debug() {
        let secret: Secret = "top-secret".parse().unwrap();
        assert!(!format!("{secret:?}").contains("top-secret"));
    }
}
