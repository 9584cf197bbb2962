//! `scim groups …`: `/scim/directory/{directoryId}/Groups`.

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::blocking::ScimService;
use admin_api::models::scim::{GroupMember, ScimGroup};
use admin_api::models::{GroupId, ScimUserId};
use admin_api::plan::scim::Patched;
use clap::Subcommand;
use serde_json::json;

use super::scim::{ListArgs, PatchArgs};
use super::show;
use crate::context::Ctx;
use crate::error::{CliError, Result};

const COLUMNS: &[&str] = &["id", "displayName", "members"];

#[derive(Debug, Subcommand)]
pub enum GroupsCmd {
    /// Lists groups (`GET /Groups`), every page unless `--start-index` is given.
    List {
        #[command(flatten)]
        list: ListArgs,
    },
    /// One group (`GET /Groups/{id}`).
    Get { group_id: GroupId },
    /// The group with this `displayName`, if any.
    Find { display_name: String },
    /// Creates a group (`POST /Groups`), optionally with members (SCIM user ids).
    Create {
        /// The group's name (or use `--json`).
        #[arg(required_unless_present = "json")]
        display_name: Option<String>,
        /// A member's SCIM user id; repeatable.
        #[arg(long = "member")]
        members: Vec<ScimUserId>,
        /// A JSON file with the SCIM group.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["display_name", "members"])]
        json: Option<PathBuf>,
    },
    /// Replaces a group (`PUT /Groups/{id}`) with the JSON body of `--json FILE`.
    Replace {
        group_id: GroupId,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Patches a group (`PATCH /Groups/{id}`).
    Patch {
        group_id: GroupId,
        #[command(flatten)]
        patch: PatchArgs,
    },
    /// Deletes a group (`DELETE /Groups/{id}`).
    Delete { group_id: GroupId },
    /// Adds members (PATCH in batches); prints, per user, whether the group the server returned
    /// has them.
    AddMembers {
        group_id: GroupId,
        #[arg(required = true)]
        user_ids: Vec<ScimUserId>,
    },
    /// Removes members (PATCH in batches); prints, per user, whether the group the server
    /// returned still has them.
    RemoveMembers {
        group_id: GroupId,
        #[arg(required = true)]
        user_ids: Vec<ScimUserId>,
    },
}

pub fn run(ctx: &Ctx, scim: &ScimService, cmd: GroupsCmd) -> Result<ExitCode> {
    let groups = scim.groups();
    match cmd {
        GroupsCmd::List { list } => {
            let mut request = groups.list();
            if let Some(f) = &list.filter {
                request = request.filter(f);
            }
            if let Some(c) = list.count {
                request = request.count(c);
            }
            if let Some(l) = list.limit {
                request = request.limit(l);
            }
            let items = if let Some(start) = list.start_index.filter(|_| list.one_page()) {
                request.start_index(start).send()?.resources
            } else {
                request.all()?
            };
            show(ctx, &items, COLUMNS)
        }
        GroupsCmd::Get { group_id } => show(ctx, &groups.get(&group_id)?, &[]),
        GroupsCmd::Find { display_name } => match groups.find_by_display_name(&display_name)? {
            Some(group) => show(ctx, &group, &[]),
            None => Err(CliError::Usage(format!("no SCIM group named {display_name:?}"))),
        },
        GroupsCmd::Create { display_name, members, json } => {
            let group = match json {
                Some(path) => crate::input::read_json(&path)?,
                None => {
                    let mut g = ScimGroup::new(display_name.unwrap_or_default());
                    g.members = members.iter().map(|m| GroupMember::new(m.as_str())).collect();
                    g
                }
            };
            show(ctx, &groups.create(&group)?, &[])
        }
        GroupsCmd::Replace { group_id, json } => {
            let group: ScimGroup = crate::input::read_json(&json)?;
            if let Some(id) = group.id.as_ref().filter(|id| *id != &group_id) {
                return Err(CliError::usage(format!(
                    "{}: the body's id `{id}` is not the group being replaced (`{group_id}`)",
                    json.display()
                )));
            }
            show(ctx, &groups.replace(&group_id, &group)?, &[])
        }
        GroupsCmd::Patch { group_id, patch } => {
            match groups.patch(&group_id, &patch.patch()?)?.into_resource() {
                Some(group) => show(ctx, &group, &[]),
                None => show(ctx, &json!({"id": group_id, "result": "patched (204 No Content)"}), &[]),
            }
        }
        GroupsCmd::Delete { group_id } => {
            groups.delete(&group_id)?;
            show(ctx, &json!({"id": group_id, "result": "deleted"}), &[])
        }
        GroupsCmd::AddMembers { group_id, user_ids } => {
            let answer = groups.add_members(&group_id, &user_ids)?;
            show(
                ctx,
                &members_after(&group_id, &user_ids, answer, "add"),
                &["id", "user_id", "request", "result"],
            )
        }
        GroupsCmd::RemoveMembers { group_id, user_ids } => {
            let answer = groups.remove_members(&group_id, &user_ids)?;
            show(
                ctx,
                &members_after(&group_id, &user_ids, answer, "remove"),
                &["id", "user_id", "request", "result"],
            )
        }
    }
}

/// What the server said about each user after a member change: one row per user, from the group
/// it returned (a SCIM server may accept removing a user who was never a member, or adding one
/// that does not exist, without an error — the group it returns tells).
fn members_after(
    group_id: &GroupId,
    user_ids: &[ScimUserId],
    answer: Option<Patched<ScimGroup>>,
    request: &str,
) -> serde_json::Value {
    let group = answer.and_then(Patched::into_resource);
    let rows: Vec<serde_json::Value> = user_ids
        .iter()
        .map(|user| {
            let result = match &group {
                None => "sent; the server answered 204 No Content, without the group",
                Some(g) => match (g.members.iter().any(|m| m.value == user.as_str()), request) {
                    (true, "add") => "member",
                    (false, "add") => "not a member: the server did not add it",
                    (true, _) => "still a member: the server did not remove it",
                    (false, _) => "not a member",
                },
            };
            json!({"id": group_id, "user_id": user, "request": request, "result": result})
        })
        .collect();
    serde_json::Value::Array(rows)
}
