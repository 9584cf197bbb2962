//! The user management half of the tour, written once for both facades.

use admin_api::models::user_management::{Access, Privilege, ProfileUpdate};
use admin_api::models::{AccountId, ApiTokenId};

use super::{UsersService, maybe};
use crate::targets::UserManagementTarget as Target;
use crate::transcript::{Step, Transcript};

const WRITES_OFF: &str = "changes data: pass --allow-writes";

#[maybe]
pub async fn run(users: &UsersService, target: &Target, t: &mut Transcript) {
    let id = &target.account_id;

    let step = Step::start();
    let permissions = users.permissions(id).send().await;
    t.record(
        step,
        "GET  /users/{account_id}/manage",
        permissions.as_ref().map(|p| {
            let allowed =
                Privilege::ALL.iter().filter(|privilege| p.check((*privilege).clone()).is_allowed()).count();
            format!("{allowed} of {} privileges allowed", Privilege::ALL.len())
        }),
    );

    let step = Step::start();
    let preflight = users.check(id, Privilege::LifecycleEnablement).await;
    t.record(
        step,
        "GET  /users/{account_id}/manage?privileges=lifecycle.enablement",
        preflight.as_ref().map(|access| match access {
            Access::Allowed => "may disable/enable".to_owned(),
            Access::Denied(reason) => format!("may not disable: {}", reason.explanation()),
            Access::NotReported => "not reported".to_owned(),
        }),
    );

    let step = Step::start();
    let profile = users.get_profile(id).await;
    t.record(
        step,
        "GET  /users/{account_id}/manage/profile",
        profile
            .as_ref()
            .map(|p| format!("{} <{}>", p.name.as_deref().unwrap_or("?"), p.email.as_deref().unwrap_or("?"))),
    );

    let step = Step::start();
    let tokens = users.api_tokens(id).await;
    t.record(
        step,
        "GET  /users/{account_id}/manage/api-tokens",
        tokens.as_ref().map(|t| format!("{} token(s)", t.len())),
    );

    if !target.allow_writes {
        for what in [
            "PATCH /users/{account_id}/manage/profile",
            "PUT  /users/{account_id}/manage/email",
            "DELETE /users/{account_id}/manage/api-tokens/{tokenId}",
            "POST /users/{account_id}/manage/lifecycle/disable",
            "POST /users/{account_id}/manage/lifecycle/enable",
            "POST /users/{account_id}/manage/lifecycle/delete",
            "POST /users/{account_id}/manage/lifecycle/cancel-delete",
        ] {
            t.skip(what, WRITES_OFF);
        }
        return;
    }

    let original_nickname = profile.as_ref().ok().and_then(|p| p.nickname.clone());
    let step = Step::start();
    let updated = users.update_profile(id, &ProfileUpdate::new().nickname("tour-guide")).await;
    t.record(
        step,
        "PATCH /users/{account_id}/manage/profile",
        updated.map(|p| format!("nickname now {}", p.nickname.unwrap_or_default())),
    );
    if let Some(nickname) = original_nickname {
        let step = Step::start();
        let restored = users.update_profile(id, &ProfileUpdate::new().nickname(nickname.clone())).await;
        t.record(
            step,
            "PATCH /users/{account_id}/manage/profile (restore)",
            restored.map(|_| format!("back to {nickname}")),
        );
    }

    let original_email = profile.as_ref().ok().and_then(|p| p.email.clone());
    match (&target.spare_email, original_email) {
        (Some(spare), Some(original)) => {
            let step = Step::start();
            let set = users.set_email(id, spare).await;
            t.record(step, "PUT  /users/{account_id}/manage/email", set.map(|()| format!("now {spare}")));
            let step = Step::start();
            let back = users.set_email(id, &original).await;
            t.record(
                step,
                "PUT  /users/{account_id}/manage/email (restore)",
                back.map(|()| format!("back to {original}")),
            );
        }
        _ => t.skip("PUT  /users/{account_id}/manage/email", "set ATLASSIAN_TOUR_SPARE_EMAIL to try it"),
    }

    let first_token = tokens.ok().and_then(|tokens| tokens.into_iter().next()).map(|token| token.id);
    match first_token {
        Some(token) => delete_token(users, id, &token, t).await,
        None => {
            t.skip("DELETE /users/{account_id}/manage/api-tokens/{tokenId}", "the account has no API token")
        }
    }

    if matches!(preflight, Ok(Access::Allowed)) {
        let step = Step::start();
        let disabled = users.disable(id).message("Disabled by the atlassian-admin tour").send().await;
        t.record(
            step,
            "POST /users/{account_id}/manage/lifecycle/disable",
            disabled.map(|()| "deactivated".to_owned()),
        );
        let step = Step::start();
        let enabled = users.enable(id).await;
        t.record(
            step,
            "POST /users/{account_id}/manage/lifecycle/enable",
            enabled.map(|()| "active again".to_owned()),
        );
    } else {
        t.skip("POST /users/{account_id}/manage/lifecycle/disable", "lifecycle.enablement not granted");
        t.skip("POST /users/{account_id}/manage/lifecycle/enable", "lifecycle.enablement not granted");
    }

    let step = Step::start();
    let deleted = users.delete_account(id).await;
    let scheduled = deleted.is_ok();
    t.record(
        step,
        "POST /users/{account_id}/manage/lifecycle/delete",
        deleted.map(|r| r.message.unwrap_or_else(|| "deletion scheduled".into())),
    );
    if scheduled {
        let step = Step::start();
        let cancelled = users.cancel_delete(id).await;
        t.record(
            step,
            "POST /users/{account_id}/manage/lifecycle/cancel-delete",
            cancelled.map(|r| r.message.unwrap_or_else(|| "restored".into())),
        );
    }
}

#[maybe]
async fn delete_token(users: &UsersService, id: &AccountId, token: &ApiTokenId, t: &mut Transcript) {
    let step = Step::start();
    let deleted = users.delete_api_token(id, token).await;
    t.record(
        step,
        "DELETE /users/{account_id}/manage/api-tokens/{tokenId}",
        deleted.map(|()| format!("revoked {token}")),
    );
}
