//! SCIM with a service account's OAuth 2.0 client credentials: the token is fetched from the
//! token endpoint on first use, cached until shortly before it expires, fetched again once on a
//! 401, and a refused secret is a typed error that sends nothing to SCIM.

use std::time::Duration;

use admin_api::models::DirectoryId;
use admin_api::models::oauth::OAuthErrorCode;
use admin_api::{ApiErrorBody, Error, RetryPolicy, ScimServiceAccount};
use httpmock::{Mock, MockServer};
use serde_json::json;

use super::scim_support::*;
use super::{Client, ScimService, maybe};
use crate::support;

const CLIENT_ID: &str = "svc-client-1";
const CLIENT_SECRET: &str = "svc-s3cr3t";

fn account() -> ScimServiceAccount {
    ScimServiceAccount::new(CLIENT_ID, CLIENT_SECRET, DirectoryId::new(DIRECTORY_ID).unwrap()).unwrap()
}

fn scim_oauth(server: &MockServer, account: ScimServiceAccount) -> ScimService {
    Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .expect("client builds")
        .scim(account)
}

/// The token endpoint, answering `token` valid for `expires_in` seconds to exactly the
/// client-credentials grant of [`account`].
fn token_endpoint<'a>(server: &'a MockServer, token: &str, expires_in: u64) -> Mock<'a> {
    server.mock(|when, then| {
        when.method("POST")
            .path("/oauth/token")
            .header("content-type", "application/x-www-form-urlencoded")
            .header_missing("authorization")
            .form_urlencoded_tuple("grant_type", "client_credentials")
            .form_urlencoded_tuple("client_id", CLIENT_ID)
            .form_urlencoded_tuple("client_secret", CLIENT_SECRET);
        then.status(200).header("content-type", "application/json").body(
            json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in, "scope": "read:account"})
                .to_string(),
        );
    })
}

/// `GET /Users/{id}` answering `status` to `Bearer {token}`.
fn user_endpoint<'a>(server: &'a MockServer, token: &str, status: u16) -> Mock<'a> {
    server.mock(|when, then| {
        when.method("GET").path(user_path()).header("authorization", format!("Bearer {token}"));
        if status == 200 {
            then.status(200)
                .header("content-type", SCIM_JSON)
                .body(user_json(USER_ID, "lila@example.com").to_string());
        } else {
            then.status(status)
                .header("content-type", "application/json")
                .body(json!({"error": "Unauthorized", "traceId": "t-401"}).to_string());
        }
    })
}

#[maybe]
async fn the_token_is_fetched_on_first_use_and_reused_until_it_expires() {
    let server = support::server();
    let token = token_endpoint(&server, "tok-1", 3600);
    let users = user_endpoint(&server, "tok-1", 200);
    let scim = scim_oauth(&server, account());

    scim.users().get(&user_id()).await.expect("first call");
    scim.users().get(&user_id()).await.expect("second call");
    // A clone of the credential shares the cache.
    scim.clone().users().get(&user_id()).await.expect("third call");

    token.assert_calls(1);
    users.assert_calls(3);
}
scenario!(the_token_is_fetched_on_first_use_and_reused_until_it_expires);

#[maybe]
async fn an_expired_token_is_replaced_before_the_call() {
    let server = support::server();
    // `expires_in: 0`: stale as soon as it arrives, so every call needs a new one.
    let token = token_endpoint(&server, "tok-short", 0);
    let users = user_endpoint(&server, "tok-short", 200);
    let scim = scim_oauth(&server, account());

    scim.users().get(&user_id()).await.expect("first call");
    scim.users().get(&user_id()).await.expect("second call");

    token.assert_calls(2);
    users.assert_calls(2);
}
scenario!(an_expired_token_is_replaced_before_the_call);

#[maybe]
async fn a_401_fetches_a_new_token_once_and_repeats_the_call() {
    let server = support::server();
    let mut first_token = token_endpoint(&server, "tok-1", 3600);
    let mut accepted = user_endpoint(&server, "tok-1", 200);
    let scim = scim_oauth(&server, account());
    scim.users().get(&user_id()).await.expect("tok-1 works");
    first_token.assert_calls(1);

    // The server revokes tok-1 while it is cached; the token endpoint now hands out tok-2.
    first_token.delete();
    accepted.delete();
    let revoked = user_endpoint(&server, "tok-1", 401);
    let second_token = token_endpoint(&server, "tok-2", 3600);
    let with_new_token = user_endpoint(&server, "tok-2", 200);

    let user = scim.users().get(&user_id()).await.expect("refreshed after the 401");

    assert_eq!(user.user_name, "lila@example.com");
    revoked.assert_calls(1);
    second_token.assert_calls(1);
    with_new_token.assert_calls(1);
}
scenario!(a_401_fetches_a_new_token_once_and_repeats_the_call);

#[maybe]
async fn a_second_401_is_returned_without_further_refreshes() {
    let server = support::server();
    let token = token_endpoint(&server, "tok-never", 3600);
    let users = user_endpoint(&server, "tok-never", 401);
    let scim = scim_oauth(&server, account());

    let error = scim.users().get(&user_id()).await.expect_err("401 twice");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert!(matches!(error.api_error().map(|e| &e.body), Some(ApiErrorBody::ScimFailure(_))), "{error:?}");
    token.assert_calls(2);
    users.assert_calls(2);
    // Both sends count: the one with the rejected token and the one with the fresh token.
    assert_eq!(error.api_error().unwrap().attempts, 2, "{error:?}");
}
scenario!(a_second_401_is_returned_without_further_refreshes);

/// The token endpoint answering `expires_in` as this raw JSON number.
fn token_endpoint_raw<'a>(server: &'a MockServer, token: &str, expires_in: &str) -> Mock<'a> {
    server.mock(|when, then| {
        when.method("POST").path("/oauth/token").form_urlencoded_tuple("client_id", CLIENT_ID);
        then.status(200)
            .header("content-type", "application/json")
            .body(format!(r#"{{"access_token":"{token}","token_type":"Bearer","expires_in":{expires_in}}}"#));
    })
}

/// The tryout: `expires_in` of `-100` or `10**30` was refused, making SCIM unusable. A token is
/// never refused for its lifetime: a negative one is used for this call and fetched again for
/// the next, a huge one is cached for at most `MAX_TOKEN_CACHE_LIFETIME`.
#[maybe]
async fn absurd_expires_in_values_are_bounded_never_refused() {
    for (expires_in, fetches) in [("-100", 2), ("1000000000000000000000000000000", 1)] {
        let server = support::server();
        let token = token_endpoint_raw(&server, "tok-odd", expires_in);
        let users = user_endpoint(&server, "tok-odd", 200);
        let scim = scim_oauth(&server, account());

        scim.users().get(&user_id()).await.unwrap_or_else(|e| panic!("expires_in {expires_in}: {e}"));
        scim.users().get(&user_id()).await.unwrap_or_else(|e| panic!("expires_in {expires_in}: {e}"));

        token.assert_calls(fetches);
        users.assert_calls(2);
    }
}
scenario!(absurd_expires_in_values_are_bounded_never_refused);

#[maybe]
async fn a_wrong_secret_is_a_typed_oauth_error_and_nothing_reaches_scim() {
    let server = support::server();
    let refused = server.mock(|when, then| {
        when.method("POST").path("/oauth/token").form_urlencoded_tuple("client_secret", "wrong-secret");
        then.status(401)
            .header("content-type", "application/json")
            // Echoes the secret it refused: the client scrubs it before keeping anything.
            .body(
                r#"{"error":"access_denied","error_description":"Unauthorized client secret wrong-secret"}"#,
            );
    });
    let unexpected = support::fail_unexpected(&server);
    let account =
        ScimServiceAccount::new(CLIENT_ID, "wrong-secret", DirectoryId::new(DIRECTORY_ID).unwrap()).unwrap();
    let scim = scim_oauth(&server, account);

    let error = scim.users().get(&user_id()).await.expect_err("refused");

    refused.assert_calls(1);
    unexpected.assert_calls(0);
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status.as_u16(), 401);
    assert_eq!(api.path_template, "/oauth/token");
    let oauth = api.oauth_error().expect("OAuth error body");
    assert_eq!(oauth.error, OAuthErrorCode::AccessDenied);
    assert!(oauth.error.is_credential_error());
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("access_denied: Unauthorized"), "{shown}");
    assert!(!shown.contains("wrong-secret"), "the secret must not appear: {shown}");
}
scenario!(a_wrong_secret_is_a_typed_oauth_error_and_nothing_reaches_scim);

#[maybe]
async fn an_explicit_token_url_is_used_instead_of_the_base_url() {
    let api = support::server();
    let auth = support::server();
    let token = token_endpoint(&auth, "tok-x", 3600);
    let users = user_endpoint(&api, "tok-x", 200);
    let account = account().token_url(&format!("{}/oauth/token", auth.base_url())).unwrap();
    let scim = scim_oauth(&api, account);

    scim.users().get(&user_id()).await.expect("call");

    token.assert_calls(1);
    users.assert_calls(1);
}
scenario!(an_explicit_token_url_is_used_instead_of_the_base_url);
