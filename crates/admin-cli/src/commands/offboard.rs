//! `offboard`: take people out, by email or account id, from arguments or a CSV.
//!
//! The plan per person, in order (each step journaled on its own, so a resumed run skips what
//! is done):
//! 1. resolve the email or id to an account (one org user search for every email, and the SCIM
//!    user from one directory listing);
//! 2. `--suspend` (`POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{id}/suspend`:
//!    keeps roles and groups, frees the seat) or `--remove` (`DELETE …/users/{id}`: roles and
//!    groups lost) — the Organizations API;
//! 3. `--revoke-tokens`: list the account's API tokens and revoke each
//!    (`DELETE /users/{id}/manage/api-tokens/{tokenId}`), one step per token;
//! 4. `--disable-account`: deactivate the managed account
//!    (`POST /users/{id}/manage/lifecycle/disable`); skipped, with the reason, when the account
//!    is managed by the SCIM directory and `--deactivate-scim` will deactivate it there;
//! 5. `--deactivate-scim`: deactivate the directory's SCIM user (`DELETE /scim/…/Users/{id}`).
//!
//! Inputs that resolve to the same account (an email and the account id) are merged before the
//! run: one item, whose result line lists every input in `inputs`.
//!
//! On resume, a step the journal shows `started` but never finished (the run was interrupted)
//! whose effect is now observed — the token or the SCIM user is gone — is journaled `done`
//! ("completed by an interrupted run"); other such steps run again.
//!
//! `--dry-run` resolves, lists and checks privileges (reads only) and prints the plan.

use std::process::ExitCode;

use admin_api::models::org::OrgDirectoryId;
use admin_api::models::user_management::{Access, Privilege, RestrictionReason};
use clap::Args;
use serde_json::{Value, json};

use super::resolve;
use crate::bulk::{BulkArgs, Runner};
use crate::context::Ctx;
use crate::error::{CliError, Result};

/// Offboard people: suspend or remove their access, revoke API tokens, deactivate the
/// account, deactivate the SCIM user.
#[derive(Debug, Args)]
pub struct OffboardArgs {
    #[command(flatten)]
    bulk: BulkArgs,
    /// Suspend their access to the org (keeps roles and groups; frees the seat). Organizations API.
    #[arg(long, conflicts_with = "remove")]
    suspend: bool,
    /// Remove them from the org's directory (roles and groups are lost). Organizations API.
    #[arg(long)]
    remove: bool,
    /// The directory to suspend or remove them from (default `-`, every directory).
    #[arg(long, default_value = "-")]
    directory: OrgDirectoryId,
    /// Revoke every API token of the account.
    #[arg(long)]
    revoke_tokens: bool,
    /// Deactivate the managed Atlassian account (user management lifecycle).
    #[arg(long)]
    disable_account: bool,
    /// The message shown when they try to log in (with `--disable-account`).
    #[arg(long, requires = "disable_account")]
    message: Option<String>,
    /// Deactivate the person's user in the SCIM directory.
    #[arg(long)]
    deactivate_scim: bool,
}

pub fn run(ctx: &Ctx, args: OffboardArgs) -> Result<ExitCode> {
    if !(args.suspend || args.remove || args.revoke_tokens || args.disable_account || args.deactivate_scim) {
        return Err(CliError::usage(
            "nothing to do: choose steps with --suspend or --remove, --revoke-tokens, --disable-account, --deactivate-scim",
        ));
    }
    let users = ctx.users()?;
    let org = if args.suspend || args.remove { Some(ctx.org()?) } else { ctx.org_opt() };
    let scim = if args.deactivate_scim { Some(ctx.scim()?) } else { None };
    let items = args.bulk.items()?;
    let needs_directory = args.deactivate_scim || items.iter().any(|i| i.contains('@'));
    let mut directory = resolve::Directory::load(ctx, needs_directory)?;
    if let Some(org) = &org {
        directory = directory.with_org(org, &items)?;
    }
    let (items, merges) = directory.merge(items);
    for note in merges {
        ctx.note(note);
    }
    let org_users = org.as_ref().map(|o| o.users().directory(args.directory.clone()));
    let runner = Runner::new("offboard", &args.bulk)?;
    runner.run(ctx, items, |item| {
        let resolved = match resolve::account(item, &directory) {
            Ok(r) => r,
            Err(e) => return item.fail(format!("resolve: {e}")),
        };
        let account = &resolved.account_id;
        if let Some(user) = &resolved.scim_user {
            item.set("scim_user_id", user.id.as_ref().map(|id| id.as_str().to_owned()));
        }

        if let Some(org_users) = org_users.as_ref().filter(|_| args.suspend || args.remove) {
            let (step, plan) = if args.remove {
                ("remove", json!({"request": "DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}", "directory": args.directory}))
            } else {
                ("suspend", json!({"request": "POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend", "directory": args.directory}))
            };
            let done = item.step(step, plan, || {
                if args.remove { org_users.remove(account) } else { org_users.suspend(account) }.map(|()| Value::Null)
            });
            if !done {
                return;
            }
        }

        if args.revoke_tokens {
            let tokens = match item.read(|| users.api_tokens(account)) {
                Ok(tokens) => tokens,
                Err(e) => return item.fail_read("revoke-tokens", "list API tokens", &e),
            };
            // A revocation an interrupted run left in flight whose token is gone: it applied.
            let mut finished = false;
            for step in item.interrupted() {
                let gone = step
                    .strip_prefix("revoke-token ")
                    .is_some_and(|id| !tokens.iter().any(|t| t.id.as_str() == id));
                if gone {
                    item.finish_interrupted(&step, "the token is gone");
                    finished = true;
                }
            }
            if tokens.is_empty() && !finished {
                item.skip("revoke-tokens", "no API tokens");
            }
            for token in tokens {
                let plan = json!({"request": "DELETE /users/{account_id}/manage/api-tokens/{tokenId}", "label": token.label});
                let step = format!("revoke-token {}", token.id);
                // Listed a moment ago: a 404 now means it is gone already (another run, or
                // another input for the same account), which is what this step wants.
                let revoke = || match users.delete_api_token(account, &token.id) {
                    Ok(()) => Ok(Value::Null),
                    Err(e) if e.status().is_some_and(|s| s.as_u16() == 404) => {
                        Ok(json!({"note": "already gone (404 on a token just listed)"}))
                    }
                    Err(e) => Err(e),
                };
                if !item.step(&step, plan, revoke) {
                    return;
                }
            }
        }

        if args.disable_account {
            let scim_managed = match item.read(|| users.check(account, Privilege::LifecycleEnablement)) {
                Ok(Access::Allowed) => false,
                Ok(access) if access.reason() == Some(&RestrictionReason::ExternalDirectoryScim) => true,
                Ok(access) if item.dry_run() => {
                    let reason = access.reason().map(|r| r.explanation()).unwrap_or("not allowed");
                    return item.fail(format!("disable-account would be refused: {reason}"));
                }
                Ok(_) => false, // let the call report the refusal
                Err(e) => return item.fail_read("disable-account", "check lifecycle.enablement", &e),
            };
            if scim_managed && args.deactivate_scim {
                item.skip("disable-account", "the account is managed by the SCIM directory: deactivated there instead");
            } else if scim_managed {
                return item.fail("disable-account: the account is managed by a SCIM directory; add --deactivate-scim");
            } else {
                let plan = json!({"request": "POST /users/{account_id}/manage/lifecycle/disable"});
                let done = item.step("disable-account", plan, || {
                    let mut request = users.disable(account);
                    if let Some(m) = &args.message {
                        request = request.message(m.clone());
                    }
                    request.send().map(|()| Value::Null)
                });
                if !done {
                    return;
                }
            }
        }

        if let Some(scim) = &scim {
            match resolved.scim_user.as_ref().and_then(|u| u.id.clone()) {
                // The SCIM user is gone and an interrupted run was deactivating it: it applied.
                None if item.interrupted().iter().any(|s| s == "deactivate-scim") => {
                    item.finish_interrupted("deactivate-scim", "the SCIM user is gone")
                }
                None => item.skip("deactivate-scim", "no SCIM user in the directory for this account"),
                Some(id) => {
                    let plan = json!({"request": "DELETE /scim/directory/{directoryId}/Users/{userId}", "scim_user_id": id});
                    let users = scim.users();
                    item.step("deactivate-scim", plan, || users.deactivate(&id).map(|()| Value::Null));
                }
            }
        }
    })
}
