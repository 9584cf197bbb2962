//! `org groups …`: groups of the org's directories (`/admin/v2/orgs/{orgId}/directories/{directoryId}/groups…`).

use std::process::ExitCode;

use admin_api::blocking::{OrgGroups, OrgService};
use admin_api::models::AccountId;
use admin_api::models::org::{
    GroupExpand, GroupRoleChange, GroupSearch, NewGroup, OrgGroupId, ResourceId, RoleId,
};
use clap::{Args, Subcommand};
use serde_json::json;

use super::known;
use super::org::{DirectoryArg, Paging};
use super::show;
use crate::context::Ctx;
use crate::error::Result;

const COLUMNS: &[&str] = &["id", "name", "description", "directoryId", "counts.users"];

#[derive(Debug, Subcommand)]
pub enum OrgGroupsCmd {
    /// Searches groups (`POST …/groups/search`).
    Search {
        /// An exact group name (repeatable).
        #[arg(long = "name")]
        names: Vec<String>,
        /// Extra fields: `counts.users`, `counts.resources`.
        #[arg(long, value_delimiter = ',', value_parser = known::group_expand)]
        expand: Vec<GroupExpand>,
        #[command(flatten)]
        filters: GroupFilters,
        #[command(flatten)]
        directory: DirectoryArg,
        #[command(flatten)]
        paging: Paging,
    },
    /// Lists groups (`GET …/groups`; Atlassian retires it after 2027-06-30 (DEP27): prefer `search`).
    List {
        #[command(flatten)]
        filters: GroupFilters,
        #[command(flatten)]
        directory: DirectoryArg,
        #[command(flatten)]
        paging: Paging,
    },
    /// Counts groups (`GET …/groups/count`).
    Count {
        #[command(flatten)]
        filters: GroupFilters,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// One group (`GET …/groups/{groupId}`).
    Get {
        group_id: OrgGroupId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Group counts by type (`GET …/groups/stats`).
    Stats {
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Creates a group (`POST …/groups`); needs a specific `--directory`.
    Create {
        name: String,
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Deletes a group (`DELETE …/groups/{groupId}`).
    Delete {
        group_id: OrgGroupId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Adds a member (`POST …/groups/{groupId}/memberships`).
    AddMember {
        group_id: OrgGroupId,
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// Removes a member (`DELETE …/groups/{groupId}/memberships/{accountId}`).
    RemoveMember {
        group_id: OrgGroupId,
        account_id: AccountId,
        #[command(flatten)]
        directory: DirectoryArg,
    },
    /// A group's role assignments (`GET …/groups/{groupId}/role-assignments`).
    Roles {
        group_id: OrgGroupId,
        #[command(flatten)]
        directory: DirectoryArg,
        #[command(flatten)]
        paging: Paging,
    },
    /// Assigns a role on a resource (`POST …/groups/{groupId}/role-assignments/assign`).
    AssignRole(GroupRoleArgs),
    /// Revokes a role on a resource (`POST …/groups/{groupId}/role-assignments/revoke`).
    RevokeRole(GroupRoleArgs),
}

#[derive(Debug, Args)]
pub struct GroupRoleArgs {
    group_id: OrgGroupId,
    #[arg(long)]
    role: RoleId,
    #[arg(long)]
    resource: ResourceId,
    #[command(flatten)]
    directory: DirectoryArg,
}

/// Filters shared by `search`, `list` and `count`.
#[derive(Debug, Args)]
pub struct GroupFilters {
    /// Free text on the group's name.
    #[arg(long)]
    search: Option<String>,
    /// Only groups this account belongs to (repeatable).
    #[arg(long = "account")]
    accounts: Vec<AccountId>,
    /// Only these groups (repeatable).
    #[arg(long = "group")]
    groups: Vec<OrgGroupId>,
    /// Only groups with this role (repeatable).
    #[arg(long = "role")]
    roles: Vec<RoleId>,
    /// Only groups with access to this resource (repeatable).
    #[arg(long = "resource")]
    resources: Vec<ResourceId>,
}

impl GroupFilters {
    fn search(&self, page_size: Option<u32>) -> GroupSearch {
        let mut s = GroupSearch::default();
        s.search_term.clone_from(&self.search);
        s.account_ids.clone_from(&self.accounts);
        s.group_ids.clone_from(&self.groups);
        s.role_ids.clone_from(&self.roles);
        s.resource_ids.clone_from(&self.resources);
        s.limit = page_size;
        s
    }
}

fn groups(org: &OrgService, directory: &DirectoryArg) -> OrgGroups {
    org.groups().directory(directory.directory.clone())
}

pub fn run(ctx: &Ctx, org: &OrgService, cmd: OrgGroupsCmd) -> Result<ExitCode> {
    match cmd {
        OrgGroupsCmd::Search { names, expand, filters, directory, paging } => {
            let mut search = filters.search(paging.page_size);
            search.group_names = names;
            search.expand = expand;
            let request = groups(org, &directory).search().filters(search);
            show(ctx, &paging.apply(request.pages()).all()?, COLUMNS)
        }
        #[allow(deprecated)] // offered while Atlassian serves it; the help points to `search`
        OrgGroupsCmd::List { filters, directory, paging } => {
            let request = groups(org, &directory).list().filters(filters.search(paging.page_size));
            show(ctx, &paging.apply(request.pages()).all()?, COLUMNS)
        }
        OrgGroupsCmd::Count { filters, directory } => {
            show(ctx, &groups(org, &directory).count().filters(filters.search(None)).send()?, &[])
        }
        OrgGroupsCmd::Get { group_id, directory } => show(ctx, &groups(org, &directory).get(&group_id)?, &[]),
        OrgGroupsCmd::Stats { directory } => show(ctx, &groups(org, &directory).stats()?, &[]),
        OrgGroupsCmd::Create { name, description, directory } => {
            let mut group = NewGroup::new(name.clone());
            if let Some(d) = description {
                group = group.description(d);
            }
            match groups(org, &directory).create(&group)? {
                Some(created) => show(ctx, &created, &[]),
                None => show(ctx, &json!({"name": name, "result": "created"}), &[]),
            }
        }
        OrgGroupsCmd::Delete { group_id, directory } => {
            groups(org, &directory).delete(&group_id)?;
            show(ctx, &json!({"id": group_id, "result": "deleted"}), &[])
        }
        OrgGroupsCmd::AddMember { group_id, account_id, directory } => {
            groups(org, &directory).add_member(&group_id, &account_id)?;
            show(ctx, &json!({"id": group_id, "account_id": account_id, "result": "added"}), &[])
        }
        OrgGroupsCmd::RemoveMember { group_id, account_id, directory } => {
            groups(org, &directory).remove_member(&group_id, &account_id)?;
            show(ctx, &json!({"id": group_id, "account_id": account_id, "result": "removed"}), &[])
        }
        OrgGroupsCmd::Roles { group_id, directory, paging } => {
            let request = groups(org, &directory).role_assignments(&group_id);
            show(ctx, &paging.apply(request.pages()).all()?, &[])
        }
        OrgGroupsCmd::AssignRole(args) => {
            let change = GroupRoleChange::new(args.resource.clone(), args.role.clone());
            groups(org, &args.directory).assign_role(&args.group_id, &change)?;
            show(
                ctx,
                &json!({"id": args.group_id, "role": args.role, "resource": args.resource, "result": "assigned"}),
                &[],
            )
        }
        OrgGroupsCmd::RevokeRole(args) => {
            let change = GroupRoleChange::new(args.resource.clone(), args.role.clone());
            groups(org, &args.directory).revoke_role(&args.group_id, &change)?;
            show(
                ctx,
                &json!({"id": args.group_id, "role": args.role, "resource": args.resource, "result": "revoked"}),
                &[],
            )
        }
    }
}
