//! Plans for the user management API (`/users/{account_id}/manage…`, org admin API key).
//!
//! Where the 2022 spec is wrong, these follow the real API (see `docs/ENDPOINTS.md`):
//! privileges go as repeated `privileges=` keys, a profile update sends only the fields set,
//! disable always sends a JSON body (`{}` without a message), the API-token paths use
//! `{account_id}`, and delete / cancel-delete accept 200 with a message or 204.

use admin_models::user_management::{
    ApiToken, AtlassianAccountUser, LifecycleMessage, LifecycleResult, Permissions, Privilege,
    ProfileResponse, ProfileUpdate, SetEmailRequest,
};
use admin_models::{AccountId, ApiTokenId};
use admin_transport::{HttpResponse, Method};

use super::{ApiFamily, RequestPlan};
use crate::common::decode;
use crate::common::error::{BuildError, Error};

fn manage(method: Method, template: &'static str, account_id: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(RequestPlan::new(method, ApiFamily::UserManagement, template)
        .lit("users")
        .param("account_id", account_id.as_str())?
        .lit("manage"))
}

/// `GET /users/{account_id}/manage`, asking about `privileges` (all when empty), each as its
/// own `privileges=` key.
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn permissions(account_id: &AccountId, privileges: &[Privilege]) -> Result<RequestPlan, BuildError> {
    let mut plan = manage(Method::GET, "/users/{account_id}/manage", account_id)?;
    for privilege in privileges {
        plan = plan.query("privileges", privilege.as_str());
    }
    Ok(plan)
}

/// Decodes the permission rules.
///
/// # Errors
/// [`Error::Decode`] when the body is not a permissions object.
pub fn decode_permissions(plan: &RequestPlan, response: &HttpResponse) -> Result<Permissions, Error> {
    decode::json(plan, response)
}

/// `GET /users/{account_id}/manage/profile`.
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn get_profile(account_id: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(manage(Method::GET, "/users/{account_id}/manage/profile", account_id)?.lit("profile"))
}

/// `PATCH /users/{account_id}/manage/profile` with only the fields `update` sets.
///
/// # Errors
/// [`BuildError::Validation`] when the update sets nothing or breaks a documented limit
/// (nickname ≤ 30, name ≤ 100 characters, no control characters).
pub fn update_profile(account_id: &AccountId, update: &ProfileUpdate) -> Result<RequestPlan, BuildError> {
    update.validate()?;
    manage(Method::PATCH, "/users/{account_id}/manage/profile", account_id)?.lit("profile").json(update)
}

/// Decodes `200 {account}` into the account (get and update profile).
///
/// # Errors
/// [`Error::Decode`] when the body is not a profile.
pub fn decode_profile(plan: &RequestPlan, response: &HttpResponse) -> Result<AtlassianAccountUser, Error> {
    decode::json::<ProfileResponse>(plan, response).map(|body| body.account)
}

/// `PUT /users/{account_id}/manage/email` with `{"email": …}`.
///
/// # Errors
/// [`BuildError::Validation`] when the address has no user part or domain, a part is over 255
/// characters, or it contains control characters.
pub fn set_email(account_id: &AccountId, email: &SetEmailRequest) -> Result<RequestPlan, BuildError> {
    email.validate()?;
    manage(Method::PUT, "/users/{account_id}/manage/email", account_id)?.lit("email").json(email)
}

/// `GET /users/{account_id}/manage/api-tokens`.
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn list_api_tokens(account_id: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(manage(Method::GET, "/users/{account_id}/manage/api-tokens", account_id)?.lit("api-tokens"))
}

/// Decodes the array of API tokens.
///
/// # Errors
/// [`Error::Decode`] when the body is not an array of tokens.
pub fn decode_api_tokens(plan: &RequestPlan, response: &HttpResponse) -> Result<Vec<ApiToken>, Error> {
    decode::json(plan, response)
}

/// `DELETE /users/{account_id}/manage/api-tokens/{tokenId}`.
///
/// # Errors
/// [`BuildError`] when an id cannot be placed in a path.
pub fn delete_api_token(account_id: &AccountId, token_id: &ApiTokenId) -> Result<RequestPlan, BuildError> {
    manage(Method::DELETE, "/users/{account_id}/manage/api-tokens/{tokenId}", account_id)?
        .lit("api-tokens")
        .param("tokenId", token_id.as_str())
}

/// `POST /users/{account_id}/manage/lifecycle/disable` with `{"message": …}`, or `{}` without
/// a message (the body is required).
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn disable(account_id: &AccountId, message: &LifecycleMessage) -> Result<RequestPlan, BuildError> {
    manage(Method::POST, "/users/{account_id}/manage/lifecycle/disable", account_id)?
        .lit("lifecycle/disable")
        .json(message)
}

/// `POST /users/{account_id}/manage/lifecycle/enable`, no body.
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn enable(account_id: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(manage(Method::POST, "/users/{account_id}/manage/lifecycle/enable", account_id)?
        .lit("lifecycle/enable"))
}

/// `POST /users/{account_id}/manage/lifecycle/delete`, no body.
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn delete_account(account_id: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(manage(Method::POST, "/users/{account_id}/manage/lifecycle/delete", account_id)?
        .lit("lifecycle/delete"))
}

/// `POST /users/{account_id}/manage/lifecycle/cancel-delete`, no body.
///
/// # Errors
/// [`BuildError`] when the id cannot be placed in a path.
pub fn cancel_delete(account_id: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(manage(Method::POST, "/users/{account_id}/manage/lifecycle/cancel-delete", account_id)?
        .lit("lifecycle/cancel-delete"))
}

/// Decodes delete / cancel-delete: 200 `{message?}` or 204 with no body (an empty result).
///
/// # Errors
/// [`Error::Decode`] when a body is present but not a result message.
pub fn decode_lifecycle_result(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<LifecycleResult, Error> {
    decode::optional_json(plan, response).map(Option::unwrap_or_default)
}

/// Accepts a 204 No Content (set email, delete token, disable, enable).
///
/// # Errors
/// None today; the signature leaves room for checking the status.
pub fn decode_no_content(plan: &RequestPlan, response: &HttpResponse) -> Result<(), Error> {
    decode::no_content(plan, response)
}
