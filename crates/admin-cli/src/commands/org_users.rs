//! `org users …`: users of the org's directories (`/admin/v2/orgs/{orgId}/directories/{directoryId}/users…`).

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::blocking::{OrgService, OrgUsers};
use admin_api::models::AccountId;
use admin_api::models::org::{
    AccountStatus, ClaimStatus, Invitation, MembershipStatus, OrgGroupId, ResourceId, RoleId, UserExpand,
    UserRoleChange, UserSearch, UserStatus,
};
use clap::{Args, Subcommand};
use serde_json::json;

use super::known;
use super::org::{DirectoryArg, Paging};
use super::show;
use crate::context::Ctx;
use crate::error::Result;

const COLUMNS: &[&str] = &["accountId", "email", "name", "status", "accountStatus", "claimStatus"];

#[derive(Debug, Subcommand)]
pub enum OrgUsersCmd {
    /// Searches users (`POST …/users/search`): the main way to find people.
    Search {
        /// An exact email (repeatable).
        #[arg(long = "email")]
        emails: Vec<String>,
        /// Extra fields: `productAccess` (last active per product), `groups`, `platformRoles`, `counts.resources`.
        #[arg(long, value_delimiter = ',', value_parser = known::user_expand)]
        expand: Vec<UserExpand>,
        #[command(flatten)]
        filters: UserFilters,
        #[command(flatten)]
        directory: DirectoryArg,
        #[command(flatten)]
        paging: Paging,
    },
    /// Lists users (`GET …/users`; Atlassian retires it after 2027-06-30 (DEP27): prefer `search`).
    List {
        #[command(flatten)]
        filters: UserFilters,
        #[command(flatten)]
        directory: DirectoryArg,
        #[command(flatten)]
        paging: Paging,
    },
    /// Counts users (`GET …/users/count`).
    Count {
        #[command(flatten)]
        filters: UserFilters,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// One user (`GET …/users/{accountId}`).
    Get {
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// User counts by role and account status (`GET …/users/stats`).
    Stats {
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Suspends access: keeps roles and groups, frees the seat (`POST …/users/{accountId}/suspend`).
    Suspend {
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Restores suspended access (`POST …/users/{accountId}/restore`).
    Restore {
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Removes the user from the directory: roles and groups are lost (`DELETE …/users/{accountId}`).
    Remove {
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Invites users (`POST …/users/invite`) from a JSON invitation, or `--email` flags.
    Invite {
        /// A JSON file with the invitation (`{"emails": [...], "permissionRules": [...], ...}`).
        #[arg(long, value_name = "FILE", required_unless_present = "emails")]
        json: Option<PathBuf>,
        /// An email to invite (repeatable).
        #[arg(long = "email", conflicts_with = "json")]
        emails: Vec<String>,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// A user's role assignments (`GET …/users/{accountId}/role-assignments`).
    Roles {
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
        #[command(flatten)]
        paging: Paging,
    },
    /// Grants a product role on a resource (`POST /admin/v1/orgs/{orgId}/users/{accountId}/roles/assign`,
    /// body `{role, resource}`). For the org-admin role use `assign-org-role`.
    AssignRole(RoleArgs),
    /// Revokes a product role on a resource (`POST /admin/v1/orgs/{orgId}/users/{accountId}/roles/revoke`).
    RevokeRole(RoleArgs),
    /// Grants an org-level role, by default `atlassian/org-admin`
    /// (`POST /admin/v1/orgs/{orgId}/users/{accountId}/role-assignments/assign`, body `{role}`;
    /// takes up to 30 s to show).
    AssignOrgRole(OrgRoleArgs),
    /// Revokes an org-level role, by default `atlassian/org-admin`
    /// (`POST /admin/v1/orgs/{orgId}/users/{accountId}/role-assignments/revoke`).
    RevokeOrgRole(OrgRoleArgs),
    /// Last-active dates per product (`GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates`).
    LastActive { account_id: AccountId },
}

/// A product role change (v1, org-wide: no `--directory`): `--role` and `--resource`.
#[derive(Debug, Args)]
pub struct RoleArgs {
    account_id: AccountId,
    /// The role id (e.g. `atlassian/user`).
    #[arg(long)]
    role: RoleId,
    /// The resource (product instance) the role applies to; required for every role but
    /// `atlassian/org-admin`.
    #[arg(long)]
    resource: Option<ResourceId>,
}

/// An org-level role change (v1, org-wide: no `--directory`).
#[derive(Debug, Args)]
pub struct OrgRoleArgs {
    account_id: AccountId,
    /// The org-level role.
    #[arg(long, default_value = "atlassian/org-admin")]
    role: RoleId,
}

/// Filters shared by `search`, `list` and `count`.
#[derive(Debug, Args)]
pub struct UserFilters {
    /// Free text on name, nickname and email.
    #[arg(long)]
    search: Option<String>,
    /// `active`, `suspended`, `not_invited`, `deactivated`, `for_deletion` (repeatable).
    #[arg(long, value_parser = known::user_status)]
    status: Vec<UserStatus>,
    /// `active`, `inactive`, `closed` (repeatable).
    #[arg(long, value_parser = known::account_status)]
    account_status: Vec<AccountStatus>,
    /// `active`, `suspended`, `no_membership` (repeatable).
    #[arg(long, value_parser = known::membership_status)]
    membership_status: Vec<MembershipStatus>,
    /// `managed` or `unmanaged`.
    #[arg(long, value_parser = known::claim_status)]
    claim_status: Option<ClaimStatus>,
    /// Only users with (`true`) or without (`false`) two-step verification.
    #[arg(long)]
    mfa_enabled: Option<bool>,
    /// Only these accounts (repeatable).
    #[arg(long = "account")]
    accounts: Vec<AccountId>,
    /// Only members of this group (repeatable).
    #[arg(long = "group")]
    groups: Vec<OrgGroupId>,
    /// Only users with this role (repeatable).
    #[arg(long = "role")]
    roles: Vec<RoleId>,
    /// Only users with access to this resource (repeatable).
    #[arg(long = "resource")]
    resources: Vec<ResourceId>,
    /// Only emails on this domain (repeatable).
    #[arg(long = "email-domain")]
    email_domains: Vec<String>,
}

impl UserFilters {
    pub fn search(&self, page_size: Option<u32>) -> UserSearch {
        let mut s = UserSearch::default();
        s.search_term.clone_from(&self.search);
        s.status.clone_from(&self.status);
        s.account_status.clone_from(&self.account_status);
        s.membership_status.clone_from(&self.membership_status);
        s.claim_status.clone_from(&self.claim_status);
        s.mfa_enabled = self.mfa_enabled;
        s.account_ids.clone_from(&self.accounts);
        s.group_ids.clone_from(&self.groups);
        s.role_ids.clone_from(&self.roles);
        s.resource_ids.clone_from(&self.resources);
        s.email_domains.clone_from(&self.email_domains);
        s.limit = page_size;
        s
    }
}

fn users(org: &OrgService, directory: &DirectoryArg) -> OrgUsers {
    org.users().directory(directory.directory.clone())
}

pub fn run(ctx: &Ctx, org: &OrgService, cmd: OrgUsersCmd) -> Result<ExitCode> {
    match cmd {
        OrgUsersCmd::Search { emails, expand, filters, directory, paging } => {
            let mut search = filters.search(paging.page_size);
            search.emails = emails;
            search.expand = expand;
            let request = users(org, &directory).search().filters(search);
            show(ctx, &paging.apply(request.pages()).all()?, COLUMNS)
        }
        #[allow(deprecated)] // offered while Atlassian serves it; the help points to `search`
        OrgUsersCmd::List { filters, directory, paging } => {
            let request = users(org, &directory).list().filters(filters.search(paging.page_size));
            show(ctx, &paging.apply(request.pages()).all()?, COLUMNS)
        }
        OrgUsersCmd::Count { filters, directory } => {
            show(ctx, &users(org, &directory).count().filters(filters.search(None)).send()?, &[])
        }
        OrgUsersCmd::Get { account_id, directory } => {
            show(ctx, &users(org, &directory).get(&account_id)?, &[])
        }
        OrgUsersCmd::Stats { directory } => show(ctx, &users(org, &directory).stats()?, &[]),
        OrgUsersCmd::Suspend { account_id, directory } => {
            users(org, &directory).suspend(&account_id)?;
            show(ctx, &json!({"account_id": account_id, "result": "suspended"}), &[])
        }
        OrgUsersCmd::Restore { account_id, directory } => {
            users(org, &directory).restore(&account_id)?;
            show(ctx, &json!({"account_id": account_id, "result": "restored"}), &[])
        }
        OrgUsersCmd::Remove { account_id, directory } => {
            users(org, &directory).remove(&account_id)?;
            show(ctx, &json!({"account_id": account_id, "result": "removed from the directory"}), &[])
        }
        OrgUsersCmd::Invite { json, emails, directory } => {
            let invitation: Invitation = match json {
                Some(path) => crate::input::read_json(&path)?,
                None => {
                    let mut i = Invitation::default();
                    i.emails = emails;
                    i
                }
            };
            show(ctx, &users(org, &directory).invite(&invitation)?, &[])
        }
        OrgUsersCmd::Roles { account_id, directory, paging } => {
            let request = users(org, &directory).role_assignments(&account_id);
            show(ctx, &paging.apply(request.pages()).all()?, &[])
        }
        OrgUsersCmd::AssignRole(args) => {
            org.users().assign_role(&args.account_id, &role_change(&args))?;
            show(
                ctx,
                &json!({"account_id": args.account_id, "role": args.role, "resource": args.resource, "result": "assigned"}),
                &[],
            )
        }
        OrgUsersCmd::RevokeRole(args) => {
            org.users().revoke_role(&args.account_id, &role_change(&args))?;
            show(
                ctx,
                &json!({"account_id": args.account_id, "role": args.role, "resource": args.resource, "result": "revoked"}),
                &[],
            )
        }
        OrgUsersCmd::AssignOrgRole(args) => {
            org.users().assign_org_role(&args.account_id, args.role.clone())?;
            show(ctx, &json!({"account_id": args.account_id, "role": args.role, "result": "assigned"}), &[])
        }
        OrgUsersCmd::RevokeOrgRole(args) => {
            org.users().revoke_org_role(&args.account_id, args.role.clone())?;
            show(ctx, &json!({"account_id": args.account_id, "role": args.role, "result": "revoked"}), &[])
        }
        OrgUsersCmd::LastActive { account_id } => {
            show(ctx, &org.users().last_active_dates(&account_id).all()?, &["key", "id", "last_active"])
        }
    }
}

fn role_change(args: &RoleArgs) -> UserRoleChange {
    match &args.resource {
        Some(resource) => UserRoleChange::new(args.role.clone(), resource.clone()),
        None => UserRoleChange::org_wide(args.role.clone()),
    }
}
