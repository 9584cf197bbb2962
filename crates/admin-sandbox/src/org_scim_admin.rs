//! The provisioning "Admin APIs" that change SCIM records with the org admin key (#67, #68):
//! `PATCH /admin/user-provisioning/v1/org/{orgId}/scimDirectoryId/{dir}/scimUserId/{id}/unlink`
//! and `DELETE /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/onlyDeleteUserInDB`.
//!
//! Errors are the provisioning API's: `{error, traceId}` for 401, a SCIM error for 404 (the
//! SCIM links reads of [`crate::org`] answer the same way, with [`guard`]).

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use crate::app::App;
use crate::http::{ScimFailure, no_content, scim_error, scim_path_or_404};
use crate::org_http::{provisioning_guard, try_resp};
use crate::org_state::ADMIN_ACTOR;

/// `PATCH …/scimDirectoryId/{scimDirectoryId}/scimUserId/{scimUserId}/unlink`: the SCIM user
/// and the account both stay; the account is no longer managed by the directory (it moves to
/// the org's local directory) and the user's later SCIM changes no longer reach it. 204.
pub(crate) async fn unlink(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    let (org, dir, user) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(provisioning_guard(&app, &headers, &org));
    match state.unlink_user(&dir, &user) {
        Ok(account_id) => {
            let mut context = vec![(user.as_str(), "scim-users"), (dir.as_str(), "directories")];
            if !account_id.is_empty() {
                context.push((account_id.as_str(), "users"));
            }
            state.record("scim_user_unlinked", ADMIN_ACTOR, &context);
            no_content()
        }
        Err(failure) => scim_error(&failure),
    }
}

/// `DELETE …/user/{aaId}/onlyDeleteUserInDB`: deletes the account's SCIM records in every
/// directory, not the account (it stays active, no longer SCIM-managed; re-provision it to
/// manage it again). 204; 404 "User not found or User that is found is not a managed user".
pub(crate) async fn delete_record(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, account_id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(provisioning_guard(&app, &headers, &org));
    if !state.account(&account_id).is_some_and(|a| a.managed) {
        return scim_error(&ScimFailure::not_found(
            "User not found or User that is found is not a managed user",
        ));
    }
    for dir in state.delete_user_records(&account_id) {
        state.record(
            "scim_user_record_deleted",
            ADMIN_ACTOR,
            &[(account_id.as_str(), "users"), (dir.as_str(), "directories")],
        );
    }
    no_content()
}
