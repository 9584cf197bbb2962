//! `lifecycle activate|deactivate|delete|cancel-delete`: Atlassian's CLI bulk lifecycle
//! commands (`--from-file`, `--ignore-errors`), plus `--dry-run`, `--journal` and JSON-lines
//! results. One step per account: the lifecycle call of user management.

use std::process::ExitCode;

use admin_api::models::user_management::{Access, Privilege};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::resolve;
use crate::bulk::{BulkArgs, Runner};
use crate::context::Ctx;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum LifecycleCmd {
    /// Reactivates accounts (`POST …/lifecycle/enable`).
    Activate(LifecycleArgs),
    /// Deactivates accounts (`POST …/lifecycle/disable`).
    Deactivate(DeactivateArgs),
    /// Deletes accounts, 14 days to cancel (`POST …/lifecycle/delete`).
    Delete(LifecycleArgs),
    /// Cancels pending deletions (`POST …/lifecycle/cancel-delete`).
    CancelDelete(LifecycleArgs),
}

#[derive(Debug, Args)]
pub struct LifecycleArgs {
    #[command(flatten)]
    bulk: BulkArgs,
}

#[derive(Debug, Args)]
pub struct DeactivateArgs {
    #[command(flatten)]
    bulk: BulkArgs,
    /// A message shown to the users when they try to log in.
    #[arg(long)]
    message: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Activate,
    Deactivate,
    Delete,
    CancelDelete,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Self::Activate => "activate",
            Self::Deactivate => "deactivate",
            Self::Delete => "delete",
            Self::CancelDelete => "cancel-delete",
        }
    }

    fn privilege(self) -> Privilege {
        match self {
            Self::Activate | Self::Deactivate => Privilege::LifecycleEnablement,
            Self::Delete | Self::CancelDelete => Privilege::LifecycleDelete,
        }
    }

    fn endpoint(self) -> &'static str {
        match self {
            Self::Activate => "POST /users/{account_id}/manage/lifecycle/enable",
            Self::Deactivate => "POST /users/{account_id}/manage/lifecycle/disable",
            Self::Delete => "POST /users/{account_id}/manage/lifecycle/delete",
            Self::CancelDelete => "POST /users/{account_id}/manage/lifecycle/cancel-delete",
        }
    }
}

pub fn run(ctx: &Ctx, cmd: LifecycleCmd) -> Result<ExitCode> {
    let (action, bulk, message) = match cmd {
        LifecycleCmd::Activate(a) => (Action::Activate, a.bulk, None),
        LifecycleCmd::Deactivate(a) => (Action::Deactivate, a.bulk, a.message),
        LifecycleCmd::Delete(a) => (Action::Delete, a.bulk, None),
        LifecycleCmd::CancelDelete(a) => (Action::CancelDelete, a.bulk, None),
    };
    let users = ctx.users()?;
    let items = bulk.items()?;
    let has_emails = items.iter().any(|i| i.contains('@'));
    let mut directory = resolve::Directory::load(ctx, has_emails)?;
    if let Some(org) = ctx.org_opt().filter(|_| has_emails) {
        directory = directory.with_org(&org, &items)?;
    }
    let (items, merges) = directory.merge(items);
    for note in merges {
        ctx.note(note);
    }
    let runner = Runner::new(&format!("lifecycle {}", action.name()), &bulk)?;
    runner.run(ctx, items, |item| {
        let resolved = match resolve::account(item, &directory) {
            Ok(r) => r,
            Err(e) => return item.fail(format!("resolve: {e}")),
        };
        let account = resolved.account_id;
        let plan = if item.dry_run() {
            // A dry run reads: is the privilege granted? (GET /users/{id}/manage)
            match item.read(|| users.check(&account, action.privilege())) {
                Ok(Access::Allowed) => json!({"request": action.endpoint(), "allowed": true}),
                Ok(access) => json!({
                    "request": action.endpoint(),
                    "allowed": false,
                    "reason": access.reason().map(|r| r.as_str().to_owned()),
                    "explanation": access.reason().map(|r| r.explanation()),
                }),
                Err(e) => return item.fail_read(action.name(), "check", &e),
            }
        } else {
            Value::Null
        };
        let refused = plan.get("allowed") == Some(&Value::Bool(false));
        item.step(action.name(), plan, || match action {
            Action::Activate => users.enable(&account).map(|()| Value::Null),
            Action::Deactivate => {
                let mut request = users.disable(&account);
                if let Some(m) = &message {
                    request = request.message(m.clone());
                }
                request.send().map(|()| Value::Null)
            }
            Action::Delete => users.delete_account(&account).map(|r| json!(r)),
            Action::CancelDelete => users.cancel_delete(&account).map(|r| json!(r)),
        });
        if refused {
            item.fail(format!("{} would be refused (see the plan)", action.name()));
        }
    })
}
