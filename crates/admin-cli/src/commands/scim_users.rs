//! `scim users …`: `/scim/directory/{directoryId}/Users`.

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::blocking::ScimService;
use admin_api::models::ScimUserId;
use admin_api::models::scim::{Email, Name, ScimUser};
use clap::{Args, Subcommand};

use super::scim::{ListArgs, PatchArgs};
use super::show;
use crate::context::Ctx;
use crate::error::{CliError, Result};

const COLUMNS: &[&str] = &["id", "userName", "displayName", "active", "externalId"];

#[derive(Debug, Subcommand)]
pub enum UsersCmd {
    /// Lists users (`GET /Users`), every page unless `--start-index` is given.
    List {
        #[command(flatten)]
        list: ListArgs,
        #[command(flatten)]
        attrs: AttributeArgs,
    },
    /// One user (`GET /Users/{id}`).
    Get {
        user_id: ScimUserId,
        #[command(flatten)]
        attrs: AttributeArgs,
    },
    /// The user with this `userName`, if any (`GET /Users?filter=userName eq "…"`).
    Find { user_name: String },
    /// Creates a user (`POST /Users`) from flags or `--json FILE`.
    Create(CreateArgs),
    /// Replaces a user (`PUT /Users/{id}`) with the JSON body of `--json FILE` (an `id` in the
    /// body must be this user's).
    Replace {
        user_id: ScimUserId,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Patches a user (`PATCH /Users/{id}`).
    Patch {
        user_id: ScimUserId,
        #[command(flatten)]
        patch: PatchArgs,
    },
    /// Deactivates a user (`DELETE /Users/{id}`: Atlassian deactivates the account).
    Deactivate { user_id: ScimUserId },
}

/// `?attributes=` / `?excludedAttributes=`.
#[derive(Debug, Args)]
pub struct AttributeArgs {
    /// Only these attributes (comma-separated).
    #[arg(long, value_delimiter = ',')]
    attributes: Vec<String>,
    /// All but these attributes (comma-separated).
    #[arg(long, value_delimiter = ',', conflicts_with = "attributes")]
    excluded_attributes: Vec<String>,
}

/// A new user: `--json FILE`, or `--user-name` and friends.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// A JSON file with the SCIM user.
    #[arg(long, value_name = "FILE", conflicts_with = "user_name")]
    json: Option<PathBuf>,
    /// The unique user name (usually the email address).
    #[arg(long, required_unless_present = "json")]
    user_name: Option<String>,
    /// The primary work email (default: the user name).
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    given_name: Option<String>,
    #[arg(long)]
    family_name: Option<String>,
    #[arg(long)]
    display_name: Option<String>,
    #[arg(long)]
    external_id: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    department: Option<String>,
    /// Create the user inactive.
    #[arg(long)]
    inactive: bool,
}

impl CreateArgs {
    fn user(&self) -> Result<ScimUser> {
        if let Some(path) = &self.json {
            return crate::input::read_json(path);
        }
        let user_name = self.user_name.clone().ok_or_else(|| CliError::usage("--user-name is required"))?;
        let email = self.email.clone().unwrap_or_else(|| user_name.clone());
        let mut user = ScimUser::new(user_name).with_email(Email::work(email).primary());
        if self.given_name.is_some() || self.family_name.is_some() {
            user.name = Some(Name::new(
                self.given_name.clone().unwrap_or_default(),
                self.family_name.clone().unwrap_or_default(),
            ));
        }
        user.display_name.clone_from(&self.display_name);
        user.external_id.clone_from(&self.external_id);
        user.title.clone_from(&self.title);
        user.department.clone_from(&self.department);
        user.active = Some(!self.inactive);
        Ok(user)
    }
}

pub fn run(ctx: &Ctx, scim: &ScimService, cmd: UsersCmd) -> Result<ExitCode> {
    let users = scim.users();
    match cmd {
        UsersCmd::List { list, attrs } => {
            let users = selected(users, &attrs);
            let mut request = users.list();
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
                let page = request.start_index(start).send()?;
                ctx.note(format!(
                    "page from {}: {} of {} users",
                    page.start_index(),
                    page.resources.len(),
                    page.total_results()
                ));
                page.resources
            } else {
                request.all()?
            };
            show(ctx, &items, COLUMNS)
        }
        UsersCmd::Get { user_id, attrs } => show(ctx, &selected(users, &attrs).get(&user_id)?, &[]),
        UsersCmd::Find { user_name } => match users.find_by_user_name(&user_name)? {
            Some(user) => show(ctx, &user, &[]),
            None => Err(CliError::Usage(format!("no SCIM user with userName {user_name:?}"))),
        },
        UsersCmd::Create(args) => show(ctx, &users.create(&args.user()?)?, &[]),
        UsersCmd::Replace { user_id, json } => {
            let user: ScimUser = crate::input::read_json(&json)?;
            if let Some(id) = user.id.as_ref().filter(|id| *id != &user_id) {
                return Err(CliError::usage(format!(
                    "{}: the body's id `{id}` is not the user being replaced (`{user_id}`)",
                    json.display()
                )));
            }
            show(ctx, &users.replace(&user_id, &user)?, &[])
        }
        UsersCmd::Patch { user_id, patch } => match users.patch(&user_id, &patch.patch()?)?.into_resource() {
            Some(user) => show(ctx, &user, &[]),
            None => show(ctx, &serde_json::json!({"id": user_id, "result": "patched (204 No Content)"}), &[]),
        },
        UsersCmd::Deactivate { user_id } => {
            users.deactivate(&user_id)?;
            show(ctx, &serde_json::json!({"id": user_id, "result": "deactivated"}), &[])
        }
    }
}

fn selected(users: admin_api::blocking::ScimUsers, attrs: &AttributeArgs) -> admin_api::blocking::ScimUsers {
    let mut users = users;
    if !attrs.attributes.is_empty() {
        users = users.attributes(attrs.attributes.clone());
    }
    if !attrs.excluded_attributes.is_empty() {
        users = users.excluded_attributes(attrs.excluded_attributes.clone());
    }
    users
}
