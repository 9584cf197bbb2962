//! `org domains …`, `org workspaces`, `org scim-links …`: the org's verified domains, its
//! products and sites, and the links between accounts and SCIM directories.

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::blocking::OrgService;
use admin_api::models::org::{DomainId, WorkspaceQuery, WorkspaceSearch};
use admin_api::models::{AccountId, DirectoryId, ScimUserId};
use clap::{Args, Subcommand};
use serde_json::json;

use super::org::Paging;
use super::show;
use crate::context::Ctx;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum DomainsCmd {
    /// Lists the org's domains (`GET /admin/v1/orgs/{orgId}/domains`).
    List {
        #[command(flatten)]
        paging: Paging,
    },
    /// One domain (`GET /admin/v1/orgs/{orgId}/domains/{domainId}`).
    Get { domain_id: DomainId },
}

/// `POST /admin/v2/orgs/{orgId}/workspaces`: the org's products and sites.
#[derive(Debug, Args)]
pub struct WorkspacesArgs {
    /// Free text on the workspace's name or URL.
    #[arg(long, conflicts_with = "json")]
    search: Option<String>,
    /// A JSON file with the whole search body (`{"query": …, "sort": […]}`).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    #[command(flatten)]
    paging: Paging,
}

#[derive(Debug, Subcommand)]
pub enum ScimLinksCmd {
    /// The SCIM users linked to an account (`GET /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/get-scim-links`).
    ForAccount { account_id: AccountId },
    /// The SCIM users linked to an email (`POST …/org/{orgId}/get-scim-links-for-email`).
    ForEmail { email: String },
    /// Unlinks a SCIM user from its account (`PATCH …/scimDirectoryId/{id}/scimUserId/{id}/unlink`).
    Unlink { directory_id: DirectoryId, user_id: ScimUserId },
    /// Deletes the account's SCIM record in every directory, and only that (`DELETE …/user/{aaId}/onlyDeleteUserInDB`).
    DeleteRecord { account_id: AccountId },
}

pub fn domains(ctx: &Ctx, org: &OrgService, cmd: DomainsCmd) -> Result<ExitCode> {
    let domains = org.domains();
    match cmd {
        DomainsCmd::List { paging } => show(
            ctx,
            &paging.apply(domains.list()).all()?,
            &["id", "attributes.name", "attributes.claim.type", "attributes.claim.status"],
        ),
        DomainsCmd::Get { domain_id } => show(ctx, &domains.get(&domain_id)?, &[]),
    }
}

pub fn workspaces(ctx: &Ctx, org: &OrgService, args: WorkspacesArgs) -> Result<ExitCode> {
    let mut search: WorkspaceSearch = match &args.json {
        Some(path) => crate::input::read_json(path)?,
        None => WorkspaceSearch::new(),
    };
    if let Some(term) = args.search {
        search = search.query(WorkspaceQuery::SearchWorkspaces(term));
    }
    if let Some(size) = args.paging.page_size {
        search = search.limit(size);
    }
    let walk = args.paging.apply(org.workspaces(search));
    show(
        ctx,
        &walk.all()?,
        &["id", "attributes.name", "attributes.typeKey", "attributes.type", "attributes.status"],
    )
}

pub fn scim_links(ctx: &Ctx, org: &OrgService, cmd: ScimLinksCmd) -> Result<ExitCode> {
    let links = org.scim_links();
    match cmd {
        ScimLinksCmd::ForAccount { account_id } => show(ctx, &links.for_account(&account_id)?, &[]),
        ScimLinksCmd::ForEmail { email } => show(ctx, &links.for_email(&email)?, &[]),
        ScimLinksCmd::Unlink { directory_id, user_id } => {
            links.unlink(&directory_id, &user_id)?;
            show(ctx, &json!({"directory_id": directory_id, "user_id": user_id, "result": "unlinked"}), &[])
        }
        ScimLinksCmd::DeleteRecord { account_id } => {
            links.delete_record(&account_id)?;
            show(ctx, &json!({"account_id": account_id, "result": "provisioning record deleted"}), &[])
        }
    }
}
