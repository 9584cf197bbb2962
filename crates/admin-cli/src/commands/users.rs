//! `users …`: the user management API (`/users/{account_id}/manage…`, org admin API key).

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::models::user_management::{Privilege, ProfileUpdate};
use admin_api::models::{AccountId, ApiTokenId};
use clap::{Args, Subcommand};
use serde_json::json;

use super::show;
use crate::context::Ctx;
use crate::error::{CliError, Result};

#[derive(Debug, Subcommand)]
pub enum UsersCmd {
    /// Which privileges you have over an account (`GET /users/{id}/manage`).
    Permissions {
        account_id: AccountId,
        /// Only these privileges (repeatable), e.g. `lifecycle.enablement`; default all.
        #[arg(long = "privilege", short = 'p', value_parser = privilege)]
        privileges: Vec<Privilege>,
    },
    /// Whether one privilege is granted, and if not why (`GET /users/{id}/manage?privileges=…`).
    Check {
        account_id: AccountId,
        /// `profile.read`, `profile.write`, `email.set`, `lifecycle.enablement`, `lifecycle.delete`,
        /// `apiToken.read` or `apiToken.delete`.
        #[arg(value_parser = privilege)]
        privilege: Privilege,
    },
    /// A managed account's profile (`GET /users/{id}/manage/profile`).
    Get { account_id: AccountId },
    /// Updates profile fields (`PATCH /users/{id}/manage/profile`).
    Update(UpdateArgs),
    /// Sets the email address (`PUT /users/{id}/manage/email`).
    SetEmail { account_id: AccountId, email: String },
    /// Lists the account's API tokens (`GET /users/{id}/manage/api-tokens`).
    Tokens { account_id: AccountId },
    /// Revokes an API token (`DELETE /users/{id}/manage/api-tokens/{tokenId}`).
    RevokeToken { account_id: AccountId, token_id: ApiTokenId },
    /// Deactivates the account (`POST /users/{id}/manage/lifecycle/disable`).
    Disable {
        account_id: AccountId,
        /// A message shown to the user when they try to log in.
        #[arg(long)]
        message: Option<String>,
    },
    /// Reactivates the account (`POST /users/{id}/manage/lifecycle/enable`).
    Enable { account_id: AccountId },
    /// Deletes the account; 14 days to cancel (`POST /users/{id}/manage/lifecycle/delete`).
    Delete { account_id: AccountId },
    /// Cancels a pending deletion (`POST /users/{id}/manage/lifecycle/cancel-delete`).
    CancelDelete { account_id: AccountId },
}

/// Profile fields to change: flags, or a JSON body with `--json` (flags override it).
#[derive(Debug, Args)]
pub struct UpdateArgs {
    account_id: AccountId,
    /// A JSON file with the update (`{"nickname": "…", "extended_profile": {"job_title": "…"}}`).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    nickname: Option<String>,
    #[arg(long)]
    zoneinfo: Option<String>,
    #[arg(long)]
    locale: Option<String>,
    #[arg(long)]
    job_title: Option<String>,
    #[arg(long)]
    organization: Option<String>,
    #[arg(long)]
    department: Option<String>,
    #[arg(long)]
    location: Option<String>,
}

impl UpdateArgs {
    fn update(&self) -> Result<ProfileUpdate> {
        let mut u: ProfileUpdate = match &self.json {
            Some(path) => crate::input::read_json(path)?,
            None => ProfileUpdate::new(),
        };
        for (flag, value) in [
            ("--name", &self.name),
            ("--nickname", &self.nickname),
            ("--zoneinfo", &self.zoneinfo),
            ("--locale", &self.locale),
            ("--job-title", &self.job_title),
            ("--organization", &self.organization),
            ("--department", &self.department),
            ("--location", &self.location),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(CliError::usage(format!("{flag} must not be empty")));
            }
        }
        let set = |field: &mut Option<String>, value: &Option<String>| {
            if value.is_some() {
                field.clone_from(value);
            }
        };
        set(&mut u.name, &self.name);
        set(&mut u.nickname, &self.nickname);
        set(&mut u.zoneinfo, &self.zoneinfo);
        set(&mut u.locale, &self.locale);
        let x = &mut u.extended_profile;
        set(&mut x.job_title, &self.job_title);
        set(&mut x.organization, &self.organization);
        set(&mut x.department, &self.department);
        set(&mut x.location, &self.location);
        if u.is_empty() {
            return Err(CliError::usage("nothing to update: pass --json FILE or at least one field flag"));
        }
        Ok(u)
    }
}

/// A privilege name the API documents (an unknown one is refused before anything is sent).
fn privilege(name: &str) -> Result<Privilege, String> {
    let p = Privilege::from(name);
    if p.is_unknown() {
        return Err("expected one of profile, profile.read, profile.write, email.set, lifecycle.enablement, lifecycle.delete, apiToken.read, apiToken.delete".into());
    }
    Ok(p)
}

const PROFILE_COLUMNS: &[&str] = &[];
const TOKEN_COLUMNS: &[&str] = &["id", "label", "createdAt", "lastAccess"];

pub fn run(ctx: &Ctx, cmd: UsersCmd) -> Result<ExitCode> {
    let users = ctx.users()?;
    match cmd {
        UsersCmd::Permissions { account_id, privileges } => {
            let permissions = users.permissions(&account_id).privileges(privileges).send()?;
            show(ctx, &permissions, &[])
        }
        UsersCmd::Check { account_id, privilege } => {
            let access = users.check(&account_id, privilege.clone())?;
            let reason =
                access.reason().map(|r| json!({"reason": r.as_str(), "explanation": r.explanation()}));
            let mut value =
                json!({"account_id": account_id, "privilege": privilege, "allowed": access.is_allowed()});
            if let Some(r) = reason {
                value["reason"] = r["reason"].clone();
                value["explanation"] = r["explanation"].clone();
            }
            show(ctx, &value, &[])
        }
        UsersCmd::Get { account_id } => show(ctx, &users.get_profile(&account_id)?, PROFILE_COLUMNS),
        UsersCmd::Update(args) => {
            let update = args.update()?;
            show(ctx, &users.update_profile(&args.account_id, &update)?, PROFILE_COLUMNS)
        }
        UsersCmd::SetEmail { account_id, email } => {
            users.set_email(&account_id, &email)?;
            show(ctx, &json!({"account_id": account_id, "email": email, "result": "email set"}), &[])
        }
        UsersCmd::Tokens { account_id } => show(ctx, &users.api_tokens(&account_id)?, TOKEN_COLUMNS),
        UsersCmd::RevokeToken { account_id, token_id } => {
            users.delete_api_token(&account_id, &token_id)?;
            show(ctx, &json!({"account_id": account_id, "token_id": token_id, "result": "revoked"}), &[])
        }
        UsersCmd::Disable { account_id, message } => {
            let mut request = users.disable(&account_id);
            if let Some(m) = message {
                request = request.message(m);
            }
            request.send()?;
            show(ctx, &json!({"account_id": account_id, "result": "disabled"}), &[])
        }
        UsersCmd::Enable { account_id } => {
            users.enable(&account_id)?;
            show(ctx, &json!({"account_id": account_id, "result": "enabled"}), &[])
        }
        UsersCmd::Delete { account_id } => {
            let result = users.delete_account(&account_id)?;
            show(
                ctx,
                &json!({"account_id": account_id, "result": "deletion scheduled", "response": result}),
                &[],
            )
        }
        UsersCmd::CancelDelete { account_id } => {
            let result = users.cancel_delete(&account_id)?;
            show(
                ctx,
                &json!({"account_id": account_id, "result": "deletion cancelled", "response": result}),
                &[],
            )
        }
    }
}
