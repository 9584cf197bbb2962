//! The user management service, operation by operation, against an HTTP server.

use admin_api::models::user_management::{Access, ErrorKey, Privilege, ProfileUpdate, RestrictionReason};
use admin_api::models::{AccountId, ApiTokenId};
use admin_api::{AdminApiKey, Error, RetryPolicy};
use httpmock::MockServer;
use serde_json::json;

use super::{Client, maybe};
use crate::support::{self, ADMIN_TOKEN, ODD_ACCOUNT_ID, ODD_ACCOUNT_ID_ENCODED};

const BEARER: &str = "Bearer test-admin-token";

fn service(server: &MockServer) -> super::UsersService {
    Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::default().base_delay(std::time::Duration::from_millis(1)))
        .build()
        .expect("client builds")
        .users(AdminApiKey::new(ADMIN_TOKEN).unwrap())
}

fn account() -> AccountId {
    AccountId::new(ODD_ACCOUNT_ID).unwrap()
}

/// The path as it must appear on the wire: the id's `|` percent-encoded.
fn manage(suffix: &str) -> String {
    format!("/users/{ODD_ACCOUNT_ID_ENCODED}/manage{suffix}")
}

fn api_error(error: &Error) -> &admin_api::ApiError {
    error.api_error().unwrap_or_else(|| panic!("expected an API error, got {error:?}"))
}

#[maybe]
async fn permissions_sends_each_privilege_as_its_own_query_key() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(manage(""))
            .header("authorization", BEARER)
            .query_param("privileges", "email.set")
            .query_param("privileges", "lifecycle.enablement")
            .query_param_count("privileges", ".*", 2);
        then.status(200).header("content-type", "application/json").body(
            r#"{"email.set":{"allowed":true},"lifecycle.enablement":{"allowed":false,"reason":{"key":"externalDirectory.scim"}}}"#,
        );
    });

    let rules = service(&server)
        .permissions(&account())
        .privilege(Privilege::EmailSet)
        .privilege(Privilege::LifecycleEnablement)
        .send()
        .await
        .expect("permissions");

    mock.assert_calls(1);
    assert_eq!(rules.check(Privilege::EmailSet), Access::Allowed);
    assert_eq!(
        rules.check(Privilege::LifecycleEnablement),
        Access::Denied(RestrictionReason::ExternalDirectoryScim)
    );
}
scenario!(permissions_sends_each_privilege_as_its_own_query_key);

#[maybe]
async fn check_explains_why_an_account_cannot_be_disabled() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(manage("")).query_param("privileges", "lifecycle.enablement");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"lifecycle.enablement":{"allowed":false,"reason":{"key":"externalDirectory.scim"}}}"#);
    });

    let access = service(&server).check(&account(), Privilege::LifecycleEnablement).await.expect("check");

    assert_eq!(access, Access::Denied(RestrictionReason::ExternalDirectoryScim));
}
scenario!(check_explains_why_an_account_cannot_be_disabled);

#[maybe]
async fn update_profile_sends_only_the_fields_set_and_returns_the_new_profile() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("PATCH")
            .path(manage("/profile"))
            .header("authorization", BEARER)
            .header("content-type", "application/json")
            .body(r#"{"nickname":"marshmallow"}"#);
        then.status(200)
            .header("content-type", "application/json")
            .body(support::profile_json(ODD_ACCOUNT_ID));
    });

    let profile = service(&server)
        .update_profile(&account(), &ProfileUpdate::new().nickname("marshmallow"))
        .await
        .expect("update");

    mock.assert_calls(1);
    assert_eq!(profile.nickname.as_deref(), Some("marshmallow"));
}
scenario!(update_profile_sends_only_the_fields_set_and_returns_the_new_profile);

#[maybe]
async fn update_profile_with_nested_extended_profile_fields() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("PATCH")
            .path(manage("/profile"))
            .json_body(json!({"name": "Lila User", "extended_profile": {"job_title": "Engineer"}}));
        then.status(200)
            .header("content-type", "application/json")
            .body(support::profile_json(ODD_ACCOUNT_ID));
    });

    service(&server)
        .update_profile(&account(), &ProfileUpdate::new().name("Lila User").job_title("Engineer"))
        .await
        .expect("update");

    mock.assert_calls(1);
}
scenario!(update_profile_with_nested_extended_profile_fields);

#[maybe]
async fn an_invalid_profile_update_is_refused_before_anything_is_sent() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let users = service(&server);

    let too_long = users.update_profile(&account(), &ProfileUpdate::new().nickname("x".repeat(31))).await;
    let control = users.update_profile(&account(), &ProfileUpdate::new().name("Lila\u{0}")).await;
    let empty = users.update_profile(&account(), &ProfileUpdate::new()).await;

    for result in [too_long, control, empty] {
        assert!(matches!(result, Err(Error::Build(_))), "{result:?}");
    }
    unexpected.assert_calls(0);
}
scenario!(an_invalid_profile_update_is_refused_before_anything_is_sent);

#[maybe]
async fn field_violations_from_the_server_are_exposed() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("PATCH").path(manage("/profile"));
        then.status(400).header("content-type", "application/json").body(
            r#"{"key":"fieldConstraintsViolated","context":{"fieldViolations":[{"field":"nickname","violations":[{"key":"maxLength"}]}]}}"#,
        );
    });

    let error =
        service(&server).update_profile(&account(), &ProfileUpdate::new().nickname("ok")).await.unwrap_err();

    let api = api_error(&error);
    assert_eq!(api.status.as_u16(), 400);
    assert_eq!(api.key(), Some(&ErrorKey::FieldConstraintsViolated));
    let admin_api::ApiErrorBody::UserManagement(body) = &api.body else { panic!("{:?}", api.body) };
    let violations = body.field_violations();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].field, "nickname");
}
scenario!(field_violations_from_the_server_are_exposed);

#[maybe]
async fn a_forbidden_field_mutation_names_the_fields() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("PATCH").path(manage("/profile"));
        then.status(403).header("content-type", "application/json").body(
            r#"{"key":"forbidden.fieldMutation","context":{"name":{"allowed":false,"reason":{"key":"externalDirectory.scim"}},"nickname":{"allowed":true}}}"#,
        );
    });

    let error =
        service(&server).update_profile(&account(), &ProfileUpdate::new().name("New")).await.unwrap_err();

    let api = api_error(&error);
    assert_eq!(api.key(), Some(&ErrorKey::ForbiddenFieldMutation));
    let admin_api::ApiErrorBody::UserManagement(body) = &api.body else { panic!("{:?}", api.body) };
    assert_eq!(body.denied_fields(), vec!["name".to_owned()]);
}
scenario!(a_forbidden_field_mutation_names_the_fields);

#[maybe]
async fn set_email_puts_the_address_and_accepts_204() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("PUT")
            .path(manage("/email"))
            .header("content-type", "application/json")
            .json_body(json!({"email": "lila@example.com"}));
        then.status(204);
    });

    service(&server).set_email(&account(), "lila@example.com").await.expect("set email");

    mock.assert_calls(1);
}
scenario!(set_email_puts_the_address_and_accepts_204);

#[maybe]
async fn set_email_refuses_a_malformed_address_and_reports_an_unclaimed_domain() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("PUT").path(manage("/email"));
        then.status(403)
            .header("content-type", "application/json")
            .body(r#"{"key":"forbidden.unclaimedDomain","context":{"domain":"vanlowe-pi.net"}}"#);
    });
    let users = service(&server);

    let malformed = users.set_email(&account(), "no-at-sign").await;
    let unclaimed = users.set_email(&account(), "lila@vanlowe-pi.net").await.unwrap_err();

    assert!(matches!(malformed, Err(Error::Build(_))), "{malformed:?}");
    let api = api_error(&unclaimed);
    assert_eq!(api.key(), Some(&ErrorKey::ForbiddenUnclaimedDomain));
    let admin_api::ApiErrorBody::UserManagement(body) = &api.body else { panic!("{:?}", api.body) };
    assert_eq!(body.unclaimed_domain(), Some("vanlowe-pi.net"));
}
scenario!(set_email_refuses_a_malformed_address_and_reports_an_unclaimed_domain);

#[maybe]
async fn api_tokens_are_listed_and_one_is_deleted_by_encoded_id() {
    let server = support::server();
    let list = server.mock(|when, then| {
        when.method("GET").path(manage("/api-tokens")).header("authorization", BEARER);
        then.status(200).header("content-type", "application/json").body(
            r#"[{"id":"t-1","label":"CI","createdAt":"2024-01-02T03:04:05Z","lastAccess":"2024-02-01T00:00:00Z"},{"id":"t/2","label":"laptop","createdAt":"2024-01-03T00:00:00Z"}]"#,
        );
    });
    let delete = server.mock(|when, then| {
        when.method("DELETE").path(manage("/api-tokens/t%2F2")).header_missing("content-type");
        then.status(204);
    });
    let users = service(&server);

    let tokens = users.api_tokens(&account()).await.expect("list");
    users.delete_api_token(&account(), &ApiTokenId::new("t/2").unwrap()).await.expect("delete");

    list.assert_calls(1);
    delete.assert_calls(1);
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0].label, "CI");
    assert!(tokens[1].last_access.is_none());
}
scenario!(api_tokens_are_listed_and_one_is_deleted_by_encoded_id);

#[maybe]
async fn disable_sends_the_message_or_an_empty_object() {
    let server = support::server();
    let with_message = server.mock(|when, then| {
        when.method("POST")
            .path(manage("/lifecycle/disable"))
            .header("content-type", "application/json")
            .body(r#"{"message":"On 6-month suspension"}"#);
        then.status(204);
    });
    let without = server.mock(|when, then| {
        when.method("POST")
            .path(manage("/lifecycle/disable"))
            .header("content-type", "application/json")
            .body("{}");
        then.status(204);
    });
    let users = service(&server);

    users.disable(&account()).message("On 6-month suspension").send().await.expect("disable with message");
    users.disable(&account()).send().await.expect("disable");

    with_message.assert_calls(1);
    without.assert_calls(1);
}
scenario!(disable_sends_the_message_or_an_empty_object);

#[maybe]
async fn disable_refused_for_a_scim_managed_account_carries_the_reason() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("POST").path(manage("/lifecycle/disable"));
        then.status(403).header("content-type", "application/json").body(
            r#"{"key":"forbidden.action","context":{"allowed":false,"reason":{"key":"externalDirectory.scim"}}}"#,
        );
    });

    let error = service(&server).disable(&account()).send().await.unwrap_err();

    let api = api_error(&error);
    assert_eq!(api.key(), Some(&ErrorKey::ForbiddenAction));
    let admin_api::ApiErrorBody::UserManagement(body) = &api.body else { panic!("{:?}", api.body) };
    assert_eq!(body.restriction_reason(), Some(RestrictionReason::ExternalDirectoryScim));
}
scenario!(disable_refused_for_a_scim_managed_account_carries_the_reason);

#[maybe]
async fn enable_posts_no_body_and_a_409_lists_the_lifecycle_errors() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("POST").path(manage("/lifecycle/enable")).header_missing("content-type").body("");
        then.status(409).header("content-type", "application/json").body(
            r#"{"key":"conflict.lifecycleErrors","context":{"message":"This account isn't eligible","accountId":"557057:4f9acfd2|x","errorCodes":[{"code":"PENDING_DELETION","message":"Cancel the deletion first","link":"https://confluence.atlassian.com/x/pTgoPQ"}]}}"#,
        );
    });

    let error = service(&server).enable(&account()).await.unwrap_err();

    mock.assert_calls(1);
    assert!(error.is_conflict());
    let api = api_error(&error);
    assert_eq!(api.key(), Some(&ErrorKey::ConflictLifecycleErrors));
    let admin_api::ApiErrorBody::UserManagement(body) = &api.body else { panic!("{:?}", api.body) };
    let codes = body.lifecycle_errors();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].code, "PENDING_DELETION");
}
scenario!(enable_posts_no_body_and_a_409_lists_the_lifecycle_errors);

#[maybe]
async fn lifecycle_posts_are_not_retried_on_503_unless_opted_in() {
    let server = support::server();
    let unavailable = server.mock(|when, then| {
        when.method("POST").path(manage("/lifecycle/enable"));
        then.status(503).header("retry-after", "0");
    });

    let error = service(&server).enable(&account()).await.unwrap_err();
    unavailable.assert_calls(1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));

    let opted_in = Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::default().retry_non_idempotent(true).max_attempts(3))
        .build()
        .unwrap()
        .users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let _ = opted_in.enable(&account()).await.unwrap_err();
    unavailable.assert_calls(1 + 3);
}
scenario!(lifecycle_posts_are_not_retried_on_503_unless_opted_in);

#[maybe]
async fn delete_and_cancel_delete_accept_a_message_or_no_content() {
    let server = support::server();
    let delete = server.mock(|when, then| {
        when.method("POST").path(manage("/lifecycle/delete")).header("accept", "application/json").body("");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"message":"The account will be deleted in 14 days"}"#);
    });
    let cancel = server.mock(|when, then| {
        when.method("POST").path(manage("/lifecycle/cancel-delete")).body("");
        then.status(204);
    });
    let users = service(&server);

    let deleted = users.delete_account(&account()).await.expect("delete");
    let cancelled = users.cancel_delete(&account()).await.expect("cancel");

    delete.assert_calls(1);
    cancel.assert_calls(1);
    assert_eq!(deleted.message.as_deref(), Some("The account will be deleted in 14 days"));
    assert_eq!(cancelled.message, None);
}
scenario!(delete_and_cancel_delete_accept_a_message_or_no_content);

#[maybe]
async fn a_non_json_error_body_is_still_a_typed_error_with_the_raw_text() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(manage("/api-tokens"));
        then.status(502).header("content-type", "text/html").body("<html>Bad gateway</html>");
    });

    let users = Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
        .users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let error = users.api_tokens(&account()).await.unwrap_err();

    let api = api_error(&error);
    assert_eq!(api.status.as_u16(), 502);
    assert!(matches!(api.body, admin_api::ApiErrorBody::Unrecognized));
    assert_eq!(api.raw, "<html>Bad gateway</html>");
}
scenario!(a_non_json_error_body_is_still_a_typed_error_with_the_raw_text);

#[maybe]
async fn an_unauthorized_key_is_reported_without_echoing_it() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(manage("/profile"));
        then.status(401).header("content-type", "application/json").body(r#"{"key":"unauthorized"}"#);
    });

    let error = service(&server).get_profile(&account()).await.unwrap_err();

    assert_eq!(api_error(&error).key(), Some(&ErrorKey::Unauthorized));
    assert!(!format!("{error} {error:?}").contains(ADMIN_TOKEN));
}
scenario!(an_unauthorized_key_is_reported_without_echoing_it);
