//! `org …`: the Organizations API (`/admin/v1|v2/orgs/{orgId}/…`, org admin API key): the org
//! itself, its directories and managed accounts here; users and groups in their own files.

use std::process::ExitCode;

use admin_api::models::AccountId;
use admin_api::models::org::OrgDirectoryId;
use clap::{Args, Subcommand};

use super::{events, org_domains, org_groups, org_policies, org_users, show};
use crate::context::Ctx;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// The organizations your key administers (`GET /admin/v1/orgs`); needs no `--org-id`.
    List,
    /// The organization (`GET /admin/v1/orgs/{orgId}`).
    Get,
    /// The org's directories (`GET /admin/v2/orgs/{orgId}/directories`).
    Directories {
        /// Only directories whose name matches.
        #[arg(long)]
        search: Option<String>,
        /// Only directories this account belongs to.
        #[arg(long)]
        account: Option<AccountId>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Managed accounts: accounts on the org's verified domains (`GET /admin/v1/orgs/{orgId}/users`).
    ManagedAccounts {
        #[command(flatten)]
        paging: Paging,
    },
    /// Users of the org's directories (`/admin/v2/orgs/{orgId}/directories/{directoryId}/users…`).
    #[command(subcommand)]
    Users(org_users::OrgUsersCmd),
    /// Groups of the org's directories (`/admin/v2/orgs/{orgId}/directories/{directoryId}/groups…`).
    #[command(subcommand)]
    Groups(org_groups::OrgGroupsCmd),
    /// The audit log: search, one event, the action catalogue (`events tail` reads it all).
    #[command(subcommand)]
    Events(events::OrgEventsCmd),
    /// The org's verified domains (`/admin/v1/orgs/{orgId}/domains`).
    #[command(subcommand)]
    Domains(org_domains::DomainsCmd),
    /// Org policies (`/admin/v1/orgs/{orgId}/policies`).
    #[command(subcommand)]
    Policies(org_policies::PoliciesCmd),
    /// The org's products and sites (`POST /admin/v2/orgs/{orgId}/workspaces`).
    Workspaces(org_domains::WorkspacesArgs),
    /// Links between accounts and SCIM users (`/admin/user-provisioning/v1/org/{orgId}/…`).
    #[command(subcommand)]
    ScimLinks(org_domains::ScimLinksCmd),
}

/// Cursor paging flags: every page unless `--limit` stops earlier.
#[derive(Debug, Clone, Args)]
pub struct Paging {
    /// Stop after this many items.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Items per request.
    #[arg(long)]
    pub page_size: Option<u32>,
    /// Start from this cursor (from an earlier page's `links.next`).
    #[arg(long)]
    pub cursor: Option<String>,
}

impl Paging {
    /// Applies `--limit` and `--cursor` to a walk.
    pub fn apply<P: admin_api::plan::org::CursorPage>(
        &self,
        mut paged: admin_api::blocking::Paged<P>,
    ) -> admin_api::blocking::Paged<P> {
        if let Some(l) = self.limit {
            paged = paged.limit(l);
        }
        if let Some(c) = &self.cursor {
            paged = paged.cursor(c.clone());
        }
        paged
    }
}

/// `--directory ID`: one directory, or every directory (`-`, the default).
#[derive(Debug, Clone, Args)]
pub struct DirectoryArg {
    /// The directory (`org directories` lists them); default `-`, every directory.
    #[arg(long, default_value = "-")]
    pub directory: OrgDirectoryId,
}

pub fn run(ctx: &Ctx, cmd: OrgCmd) -> Result<ExitCode> {
    if let OrgCmd::List = cmd {
        let (client, key) = ctx.client_and_key()?;
        return show(ctx, &client.orgs(key).all()?, &["id", "attributes.name"]);
    }
    let org = ctx.org()?;
    match cmd {
        OrgCmd::List => unreachable!("handled above"),
        OrgCmd::Get => show(ctx, &org.get()?, &[]),
        OrgCmd::Directories { search, account, paging } => {
            let mut request = org.directories();
            if let Some(s) = search {
                request = request.search_term(s);
            }
            if let Some(a) = account {
                request = request.account_id(a);
            }
            if let Some(p) = paging.page_size {
                request = request.page_size(p);
            }
            show(ctx, &paging.apply(request.pages()).all()?, &["directoryId", "name"])
        }
        OrgCmd::ManagedAccounts { paging } => show(
            ctx,
            &paging.apply(org.managed_accounts()).all()?,
            &["account_id", "email", "name", "account_status"],
        ),
        OrgCmd::Users(cmd) => org_users::run(ctx, &org, cmd),
        OrgCmd::Groups(cmd) => org_groups::run(ctx, &org, cmd),
        OrgCmd::Events(cmd) => events::org_events(ctx, &org, cmd),
        OrgCmd::Domains(cmd) => org_domains::domains(ctx, &org, cmd),
        OrgCmd::Policies(cmd) => org_policies::run(ctx, &org, cmd),
        OrgCmd::Workspaces(args) => org_domains::workspaces(ctx, &org, args),
        OrgCmd::ScimLinks(cmd) => org_domains::scim_links(ctx, &org, cmd),
    }
}
