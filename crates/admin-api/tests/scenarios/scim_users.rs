//! SCIM users, operation by operation, against an HTTP server: exact path, query, headers and
//! body; decoding; documented errors.

use admin_api::models::scim::{Email, Filter, Name, PatchOp, ScimType, ScimUser};
use admin_api::{ApiErrorBody, Error, RetryPolicy};
use serde_json::json;

use super::maybe;
use super::scim_support::*;
use crate::support;

#[maybe]
async fn create_posts_scim_json_and_decodes_the_created_user() {
    let server = support::server();
    let mut user = ScimUser::new("lila@example.com").with_email(Email::work("lila@example.com").primary());
    user.name = Some(Name::new("Lila", "User"));
    user.active = Some(true);
    let mock = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{DIR}/Users"))
            .header("authorization", BEARER)
            .header("accept", ACCEPT)
            .header("content-type", SCIM_JSON)
            .query_param_missing("attributes")
            .json_body(json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "lila@example.com",
                "name": {"givenName": "Lila", "familyName": "User"},
                "emails": [{"value": "lila@example.com", "type": "work", "primary": true}],
                "active": true
            }));
        then.status(201)
            .header("content-type", SCIM_JSON)
            .body(user_json("new-id", "lila@example.com").to_string());
    });
    let unexpected = support::fail_unexpected(&server);

    let created = scim(&server).users().create(&user).await.expect("create");

    mock.assert_calls(1);
    unexpected.assert_calls(0);
    assert_eq!(created.id.as_ref().map(|id| id.as_str()), Some("new-id"));
    assert_eq!(created.atlassian_account_id().map(|id| id.as_str()), Some("5b10ac8d82e05b22cc7d4ef5"));
    assert_eq!(created.primary_email(), Some("lila@example.com"));
}
scenario!(create_posts_scim_json_and_decodes_the_created_user);

#[maybe]
async fn create_an_existing_user_is_a_conflict_and_is_not_retried() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("POST").path(format!("{DIR}/Users"));
        then.status(409).header("content-type", SCIM_JSON).body(scim_error(
            409,
            Some("uniqueness"),
            "User with userName lila@example.com already exists",
        ));
    });

    let error = scim(&server).users().create(&ScimUser::new("lila@example.com")).await.unwrap_err();

    mock.assert_calls(1);
    assert!(error.is_conflict(), "{error:?}");
    assert!(!error.is_not_found());
    let api = api_error(&error);
    assert_eq!(api.scim_type(), Some(&ScimType::Uniqueness));
    assert!(matches!(&api.body, ApiErrorBody::Scim(body) if body.status == "409"));
    assert!(error.to_string().contains("already exists"), "{error}");
}
scenario!(create_an_existing_user_is_a_conflict_and_is_not_retried);

#[maybe]
async fn post_and_patch_are_not_retried_on_503_unless_opted_in() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.any_request();
        then.status(503).header("content-type", SCIM_JSON).body(scim_error(503, None, "Service unavailable"));
    });
    let users = scim(&server).users();

    let error = users.create(&ScimUser::new("a@example.com")).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    mock.assert_calls(1);
    users.patch(&user_id(), &PatchOp::new().set_active(true)).await.unwrap_err();
    mock.assert_calls(2);

    // GET is idempotent: the default policy retries it.
    users.get(&user_id()).await.unwrap_err();
    assert!(mock.calls() > 3, "GET was retried: {} calls", mock.calls());

    // Opting in retries POST too.
    let opted_in = scim_with(
        &server,
        RetryPolicy::default()
            .base_delay(std::time::Duration::from_millis(1))
            .max_attempts(2)
            .retry_non_idempotent(true),
    );
    let before = mock.calls();
    opted_in.users().create(&ScimUser::new("a@example.com")).await.unwrap_err();
    assert_eq!(mock.calls() - before, 2);
}
scenario!(post_and_patch_are_not_retried_on_503_unless_opted_in);

#[maybe]
async fn get_encodes_the_id_sends_no_content_type_and_accepts_plain_json() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(user_path())
            .header("authorization", BEARER)
            .header("accept", ACCEPT)
            .header_missing("content-type")
            .query_param("attributes", "userName,emails.value")
            .query_param_missing("excludedAttributes");
        // Plain application/json is accepted as well as application/scim+json.
        then.status(200)
            .header("content-type", "application/json")
            .body(user_json(USER_ID, "lila@example.com").to_string());
    });
    let unexpected = support::fail_unexpected(&server);

    let user =
        scim(&server).users().attributes(["userName", "emails.value"]).get(&user_id()).await.expect("get");

    mock.assert_calls(1);
    unexpected.assert_calls(0);
    assert_eq!(user.id.as_ref().map(|id| id.as_str()), Some(USER_ID));
    assert_eq!(user.user_name, "lila@example.com");
}
scenario!(get_encodes_the_id_sends_no_content_type_and_accepts_plain_json);

#[maybe]
async fn get_an_unknown_user_is_not_found() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(404).header("content-type", SCIM_JSON).body(scim_error(404, None, "Resource not found"));
    });

    let error = scim(&server).users().get(&user_id()).await.unwrap_err();

    assert!(error.is_not_found(), "{error:?}");
    assert!(!error.is_conflict());
    assert!(matches!(&api_error(&error).body, ApiErrorBody::Scim(body) if body.status_code() == Some(404)));
}
scenario!(get_an_unknown_user_is_not_found);

#[maybe]
async fn a_missing_or_wrong_key_is_a_failure_body_with_its_trace_id() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(401)
            .header("content-type", "application/json")
            .body(r#"{"error":"Missing authorization header","traceId":"trace-123"}"#);
    });

    let error = scim(&server).users().get(&user_id()).await.unwrap_err();

    let api = api_error(&error);
    assert_eq!(api.status.as_u16(), 401);
    assert!(
        matches!(&api.body, ApiErrorBody::ScimFailure(f) if f.error.as_deref() == Some("Missing authorization header"))
    );
    assert_eq!(api.request_id.as_deref(), Some("trace-123"));
}
scenario!(a_missing_or_wrong_key_is_a_failure_body_with_its_trace_id);

#[maybe]
async fn too_many_requests_is_rate_limited_with_retry_after() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users"));
        then.status(429).header("retry-after", "7").header("x-ratelimit-remaining", "0").body("");
    });

    let error = scim_with(&server, RetryPolicy::never()).users().list().send().await.unwrap_err();

    mock.assert_calls(1);
    assert!(error.is_rate_limited(), "{error:?}");
    let api = api_error(&error);
    assert_eq!(api.retry_after, Some(std::time::Duration::from_secs(7)));
    assert_eq!(api.retry_hint.as_deref(), Some("Retry-After: 7"));
    assert_eq!(api.rate_limit.remaining, Some(0));
    // The message says how long to wait.
    assert!(error.to_string().ends_with("; retry after 7 s"), "{error}");
}
scenario!(too_many_requests_is_rate_limited_with_retry_after);

#[maybe]
async fn list_sends_filter_count_and_selection_and_decodes_the_page() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Users"))
            .header("authorization", BEARER)
            .header_missing("content-type")
            .query_param("filter", r#"userName eq "a+b@example.com""#)
            .query_param("count", "50")
            .query_param("startIndex", "11")
            .query_param("excludedAttributes", "groups")
            .query_param_missing("attributes");
        then.status(200).header("content-type", SCIM_JSON).body(users_page(11, 11, &["u-11"]));
    });
    let unexpected = support::fail_unexpected(&server);

    let page = scim(&server)
        .users()
        .list()
        .filter(Filter::user_name_eq("a+b@example.com"))
        .start_index(11)
        .count(50)
        .excluded_attributes(["groups"])
        .send()
        .await
        .expect("list");

    mock.assert_calls(1);
    unexpected.assert_calls(0);
    assert_eq!((page.total_results(), page.start_index(), page.items_per_page()), (11, 11, 1));
    assert_eq!(page.resources[0].user_name, "u-11@example.com");
}
scenario!(list_sends_filter_count_and_selection_and_decodes_the_page);

#[maybe]
async fn an_unsupported_filter_is_a_typed_invalid_filter_error() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users")).query_param("filter", r#"userName co "lila""#);
        then.status(400).header("content-type", SCIM_JSON).body(scim_error(
            400,
            Some("invalidFilter"),
            "Only eq on userName and externalId is supported",
        ));
    });

    let error = scim(&server)
        .users()
        .list()
        .filter(Filter::co("userName", "lila").expect("a valid attribute"))
        .send()
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(api_error(&error).scim_type(), Some(&ScimType::InvalidFilter));
    assert!(!error.is_conflict() && !error.is_not_found() && !error.is_rate_limited());
}
scenario!(an_unsupported_filter_is_a_typed_invalid_filter_error);

#[maybe]
async fn invalid_inputs_are_refused_before_sending() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let users = scim(&server).users();

    let error = users
        .clone()
        .attributes(["userName"])
        .excluded_attributes(["groups"])
        .get(&user_id())
        .await
        .unwrap_err();
    assert!(invalid_argument(&error).contains("mutually exclusive"));
    let error =
        users.list().attributes(["userName"]).excluded_attributes(["groups"]).send().await.unwrap_err();
    assert!(invalid_argument(&error).contains("mutually exclusive"));
    let error = users.list().start_index(0).send().await.unwrap_err();
    assert!(invalid_argument(&error).contains("1-based"), "{error}");
    let error = users.patch(&user_id(), &PatchOp::new()).await.unwrap_err();
    assert!(invalid_argument(&error).contains("no operations"));
    let error = users.create(&ScimUser::default()).await.unwrap_err();
    assert!(invalid_argument(&error).contains("userName"));

    unexpected.assert_calls(0);
}
scenario!(invalid_inputs_are_refused_before_sending);

#[maybe]
async fn patch_sends_the_rfc_wire_form_with_capital_operations() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("PATCH")
            .path(user_path())
            .header("authorization", BEARER)
            .header("content-type", SCIM_JSON)
            .body(concat!(
                r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["#,
                r#"{"op":"replace","path":"displayName","value":"Docs Atlassian DisplayName 2"},"#,
                r#"{"op":"replace","path":"active","value":false},"#,
                r#"{"op":"add","path":"emails","value":[{"type":"other","value":"second@example.com"}]}]}"#
            ));
        let mut user = user_json(USER_ID, "lila@example.com");
        user["active"] = json!(false);
        then.status(200).header("content-type", SCIM_JSON).body(user.to_string());
    });

    let patch = PatchOp::new()
        .replace_display_name("Docs Atlassian DisplayName 2")
        .set_active(false)
        .add("emails", json!([{"value": "second@example.com", "type": "other"}]))
        .expect("a valid path");
    let user = scim(&server).users().patch(&user_id(), &patch).await.expect("patch");
    let user = user.into_resource().expect("200 carries the user");

    mock.assert_calls(1);
    assert!(!user.is_active());
}
scenario!(patch_sends_the_rfc_wire_form_with_capital_operations);

#[maybe]
async fn get_modify_put_keeps_unknown_extension_attributes() {
    let server = support::server();
    let mut stored = user_json(USER_ID, "lila@example.com");
    stored["urn:example:params:scim:schemas:extension:badge:1.0:User"] = json!({"badge": "42", "floor": 3});
    stored["costCenter"] = json!("CC-7");
    let get = server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(200).header("content-type", SCIM_JSON).body(stored.to_string());
    });
    let mut expected = stored.clone();
    expected["title"] = json!("Atlassian Administrator");
    let put = server.mock(|when, then| {
        when.method("PUT").path(user_path()).header("content-type", SCIM_JSON).json_body(expected.clone());
        then.status(200).header("content-type", SCIM_JSON).body(expected.to_string());
    });

    let users = scim(&server).users();
    let mut user = users.get(&user_id()).await.expect("get");
    user.title = Some("Atlassian Administrator".into());
    let replaced = users.replace(&user_id(), &user).await.expect("replace");

    get.assert_calls(1);
    put.assert_calls(1);
    assert_eq!(
        replaced.extension("urn:example:params:scim:schemas:extension:badge:1.0:User"),
        Some(json!({"badge": "42", "floor": 3}))
    );
}
scenario!(get_modify_put_keeps_unknown_extension_attributes);

/// Issue 11, items 9 and 10: unknown values nested anywhere come back exactly as sent, numbers
/// that no `f64` holds included.
#[maybe]
async fn get_modify_put_keeps_unknown_numbers_exactly_as_sent() {
    let server = support::server();
    let stored = format!(
        r#"{{"id":"{USER_ID}","userName":"lila@example.com","name":{{"givenName":"Lila","x-rank":1e400}},"emails":[{{"value":"lila@example.com","primary":true,"x-weight":-1e-400}}],"x-big":123456789012345678901234567890}}"#
    );
    let get = server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(200).header("content-type", SCIM_JSON).body(&stored);
    });
    let put = server.mock(|when, then| {
        when.method("PUT")
            .path(user_path())
            .body_includes(r#""name":{"givenName":"Lila","x-rank":1e400}"#)
            .body_includes(r#""x-weight":-1e-400"#)
            .body_includes(r#""x-big":123456789012345678901234567890"#)
            .body_includes(r#""title":"Investigator""#);
        then.status(200).header("content-type", SCIM_JSON).body(&stored);
    });

    let users = scim(&server).users();
    let mut user = users.get(&user_id()).await.expect("get");
    user.title = Some("Investigator".into());
    users.replace(&user_id(), &user).await.expect("replace");

    get.assert_calls(1);
    put.assert_calls(1);
}
scenario!(get_modify_put_keeps_unknown_numbers_exactly_as_sent);

#[maybe]
async fn deactivate_sends_delete_and_later_calls_are_not_found() {
    let server = support::server();
    let delete = server.mock(|when, then| {
        when.method("DELETE")
            .path(user_path())
            .header("authorization", BEARER)
            .header_missing("content-type");
        then.status(204);
    });
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(404).header("content-type", SCIM_JSON).body(scim_error(404, None, "User not found"));
    });
    let users = scim(&server).users();

    users.deactivate(&user_id()).await.expect("deactivate");
    delete.assert_calls(1);
    let error = users.get(&user_id()).await.unwrap_err();
    assert!(error.is_not_found());
}
scenario!(deactivate_sends_delete_and_later_calls_are_not_found);

#[maybe]
async fn find_by_user_name_filters_and_returns_the_first_match() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Users"))
            .query_param("filter", r#"userName eq "u-1@example.com""#);
        then.status(200).header("content-type", SCIM_JSON).body(users_page(1, 1, &["u-1"]));
    });
    server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Users"))
            .query_param("filter", r#"userName eq "nobody@example.com""#);
        then.status(200).header("content-type", SCIM_JSON).body(users_page(0, 1, &[]));
    });
    let users = scim(&server).users();

    let found = users.find_by_user_name("u-1@example.com").await.expect("find");
    assert_eq!(found.and_then(|u| u.id).map(String::from), Some("u-1".to_owned()));
    let missing = users.find_by_user_name("nobody@example.com").await.expect("find");
    assert!(missing.is_none());
}
scenario!(find_by_user_name_filters_and_returns_the_first_match);

#[maybe]
async fn an_unreadable_success_body_is_a_decode_error() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(200).header("content-type", SCIM_JSON).body(r#"{"userName": 42}"#);
    });

    let error = scim(&server).users().get(&user_id()).await.unwrap_err();

    match error {
        Error::Decode(decode) => assert_eq!(decode.path, "userName"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
scenario!(an_unreadable_success_body_is_a_decode_error);
