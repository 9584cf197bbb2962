//! Invitations: `POST /admin/v2/orgs/{orgId}/users/invite` (#19).
//!
//! One world: an invited email with no account gets one (managed when its domain is verified),
//! in the org's local directory; an account removed from its directory becomes a member again;
//! the roles and the org's own groups of the invitation are given at once. A group synced from
//! an identity provider, or an unknown one, is reported as an `ERROR` result, not a failure of
//! the whole invitation.

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use admin_models::org::{
    AdminErrorCode, Invitation, InvitationResult, InviteAssignment, InviteAssignments, InviteStatus,
    InvitedUser,
};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::app::App;
use crate::http::{um_json, wire_id};
use crate::model::{Account, Membership};
use crate::org_http::{guard, json_body, org_error, path_or_404, try_resp};
use crate::org_state::ADMIN_ACTOR;
use crate::state::{State as SandboxState, new_uuid};

fn outcome(status: InviteStatus, reason: Option<&str>) -> InviteAssignment {
    let mut a = InviteAssignment::default();
    a.status = Some(status);
    a.status_reason = reason.map(str::to_owned);
    a
}

/// The account of an invited email: the existing one (a member again if it was removed), or a
/// new one.
fn invitee(state: &mut SandboxState, email: &str) -> String {
    if let Some(account) = state.account_by_email(email) {
        let id = account.account_id.clone();
        state.update_account(&id, |a| {
            if a.membership == Membership::Removed {
                a.membership = Membership::Active;
            }
        });
        return id;
    }
    let id = format!("557057:{}", new_uuid());
    let name = email.split('@').next().unwrap_or(email).to_owned();
    let mut account = Account::new(id.clone(), email, name);
    account.managed = email.rsplit_once('@').is_some_and(|(_, domain)| state.is_verified(domain));
    state.put_account(account);
    id
}

/// `POST /admin/v2/orgs/{orgId}/users/invite` `{emails, permissionRules?, additionalGroups?,
/// sendNotification?, notificationText?}`: 200 `{"data": [{id, email, results}]}`. An empty
/// list or a value that is not an email → 400 `ADMIN-400-24`.
pub(crate) async fn invite_users(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    let invitation: Invitation = try_resp!(json_body(&headers, body));
    let emails: Vec<String> = invitation.emails.iter().map(|e| e.trim().to_owned()).collect();
    let not_an_email = |e: &String| !e.contains('@') || e.starts_with('@') || e.ends_with('@');
    if emails.is_empty() || emails.iter().any(not_an_email) {
        return org_error(
            AdminErrorCode::InvalidRequestBody,
            "Bad Request",
            "emails must be email addresses",
        );
    }
    let mut result = InvitationResult::default();
    for email in emails {
        let account_id = invitee(&mut state, &email);
        state.record("user_invited", ADMIN_ACTOR, &[(&account_id, "users")]);
        let mut outcomes = InviteAssignments::default();
        for rule in &invitation.permission_rules {
            let role = rule.role.as_str().to_owned();
            let granted = state.update_account(&account_id, |a| {
                let new = !a.roles.contains(&role);
                if new {
                    a.roles.push(role.clone());
                }
                new
            });
            if granted == Some(true) {
                state.record("role_assigned", ADMIN_ACTOR, &[(&account_id, "users"), (&role, "roles")]);
            }
            let mut assignment = outcome(InviteStatus::Invited, None);
            assignment.resource = Some(rule.resource.as_str().to_owned());
            assignment.role = Some(role);
            outcomes.role_assignment_result.push(assignment);
        }
        for group in &invitation.additional_groups {
            let group_id = group.as_str();
            let mut assignment = if let Some(g) = state.org_groups.get_mut(group_id) {
                if g.members.insert(account_id.clone()) {
                    state.record(
                        "user_added_to_group",
                        ADMIN_ACTOR,
                        &[(&account_id, "users"), (group_id, "groups")],
                    );
                }
                outcome(InviteStatus::Invited, None)
            } else if state.scim_group_anywhere(group_id).is_some() {
                outcome(InviteStatus::Error, Some("The group is synced from an identity provider"))
            } else {
                outcome(InviteStatus::Error, Some("Group not found"))
            };
            assignment.group = Some(group_id.to_owned());
            outcomes.group_assignment_result.push(assignment);
        }
        let mut invited = InvitedUser::default();
        invited.id = Some(wire_id(&account_id));
        invited.email = Some(email);
        invited.results = vec![outcomes];
        result.data.push(invited);
    }
    um_json(StatusCode::OK, &result)
}
