//! Issue 11, item 6: servers that echo the key in what they answer. The client knows the key it
//! sent: no error it returns — raw text, parsed body, `Display`, `Debug`, decode errors whose
//! parser message quotes a string — may repeat it.

use admin_api::models::{AccountId, DirectoryId};
use admin_api::{AdminApiKey, ApiErrorBody, Error, RetryPolicy, ScimApiKey};

use super::scim_support::{DIR, DIRECTORY_ID, SCIM_JSON, user_id, user_path};
use super::{Client, maybe};
use crate::support;

/// A realistic key, with the `/`, `+` and `=` of base64.
const KEY: &str = "ATATT3xFfGF0s3cr3t/KeyForTests+abc=";

/// Every text the error can show: `Display`, `Debug` (which includes the raw body and the parsed
/// fields) and the source chain. None may contain the key; all show where it was.
fn assert_redacted(error: &Error) -> String {
    let mut shown = format!("{error}\n{error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        shown.push_str(&format!("\n{cause}"));
        source = cause.source();
    }
    assert!(!shown.contains(KEY), "the key leaked: {shown}");
    assert!(!shown.contains("s3cr3t"), "part of the key leaked: {shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    shown
}

fn client(server: &httpmock::MockServer) -> super::Client {
    Client::builder().base_url(server.base_url()).retry_policy(RetryPolicy::never()).build().unwrap()
}

fn scim(server: &httpmock::MockServer) -> super::ScimService {
    client(server).scim(ScimApiKey::new(KEY, DirectoryId::new(DIRECTORY_ID).unwrap()).unwrap())
}

#[maybe]
async fn item_6_a_401_text_body_echoing_the_bearer_key_is_redacted() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path("/users/abc/manage/profile");
        then.status(401)
            .header("content-type", "text/plain")
            .body(format!("invalid credentials: Bearer {KEY}"));
    });
    let users = client(&server).users(AdminApiKey::new(KEY).unwrap());

    let error = users.get_profile(&AccountId::new("abc").unwrap()).await.unwrap_err();

    assert_redacted(&error);
    let api = error.api_error().expect("an API error");
    assert_eq!(api.raw, "invalid credentials: Bearer [redacted]");
    assert_eq!(api.message(), "invalid credentials: Bearer [redacted]");
}
scenario!(item_6_a_401_text_body_echoing_the_bearer_key_is_redacted);

#[maybe]
async fn item_6_a_user_management_context_echoing_the_key_is_redacted() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path("/users/abc/manage/profile");
        then.status(403).header("content-type", "application/json").body(format!(
            r#"{{"key":"forbidden.action","context":{{"token":"{}"}}}}"#,
            KEY.replace('/', "\\/")
        ));
    });
    let users = client(&server).users(AdminApiKey::new(KEY).unwrap());

    let error = users.get_profile(&AccountId::new("abc").unwrap()).await.unwrap_err();

    assert_redacted(&error);
    let ApiErrorBody::UserManagement(body) = &error.api_error().unwrap().body else {
        panic!("expected a user management body: {error:?}")
    };
    assert_eq!(body.context, Some(serde_json::json!({"token": "[redacted]"})));
}
scenario!(item_6_a_user_management_context_echoing_the_key_is_redacted);

#[maybe]
async fn item_6_a_scim_detail_echoing_the_key_is_redacted() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(400).header("content-type", SCIM_JSON).body(
            serde_json::json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "status": "400",
                "detail": format!("token {KEY} is not valid for this directory")
            })
            .to_string(),
        );
    });

    let error = scim(&server).users().get(&user_id()).await.unwrap_err();

    assert_redacted(&error);
    let ApiErrorBody::Scim(body) = &error.api_error().unwrap().body else { panic!("{error:?}") };
    assert_eq!(body.detail.as_deref(), Some("token [redacted] is not valid for this directory"));
}
scenario!(item_6_a_scim_detail_echoing_the_key_is_redacted);

#[maybe]
async fn item_6_an_error_field_echoing_the_key_is_redacted() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users"));
        then.status(401)
            .header("content-type", "application/json")
            .header("www-authenticate", format!("Bearer realm=\"scim\", token=\"{KEY}\""))
            .body(format!(r#"{{"error":"Unauthorized: unknown key {KEY}","traceId":"t-1"}}"#));
    });

    let error = scim(&server).users().list().send().await.unwrap_err();

    assert_redacted(&error);
    let ApiErrorBody::ScimFailure(body) = &error.api_error().unwrap().body else { panic!("{error:?}") };
    assert_eq!(body.error.as_deref(), Some("Unauthorized: unknown key [redacted]"));
    assert_eq!(body.trace_id.as_deref(), Some("t-1"));
}
scenario!(item_6_an_error_field_echoing_the_key_is_redacted);

#[maybe]
async fn item_6_a_decode_error_quoting_the_key_is_redacted() {
    let server = support::server();
    // A success body whose field has the wrong type: the parser's message quotes the string.
    server.mock(|when, then| {
        when.method("GET").path("/users/abc/manage/profile");
        then.status(200).header("content-type", "application/json").body(format!(r#"{{"account":"{KEY}"}}"#));
    });
    let users = client(&server).users(AdminApiKey::new(KEY).unwrap());

    let error = users.get_profile(&AccountId::new("abc").unwrap()).await.unwrap_err();

    let Error::Decode(decode) = &error else { panic!("expected a decode error, got {error:?}") };
    let shown = assert_redacted(&error);
    assert!(shown.contains(r#"string "[redacted]""#), "the parser quotes the redacted text: {shown}");
    assert_eq!(decode.raw, r#"{"account":"[redacted]"}"#);
}
scenario!(item_6_a_decode_error_quoting_the_key_is_redacted);

/// The tryout's exact key and echoes: percent-encoded (upper and lower hex) in a text body, and with JSON `\u002b`-style escapes in a SCIM `detail`.
#[maybe]
async fn a_key_echoed_percent_encoded_or_unicode_escaped_is_redacted() {
    const TRYOUT_KEY: &str = "ATATT3x/FfGF0+Zs=ab";
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path("/users/abc/manage/profile");
        then.status(401)
            .header("content-type", "text/plain")
            .body("invalid credentials: token=ATATT3x%2FFfGF0%2BZs%3Dab, again ATATT3x%2fFfGF0%2bZs%3dab");
    });
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(401)
            .header("content-type", SCIM_JSON)
            .body(r#"{"status":"401","detail":"bad key ATATT3x\/FfGF0\u002bZs\u003dab"}"#);
    });
    let users = client(&server).users(AdminApiKey::new(TRYOUT_KEY).unwrap());
    let scim =
        client(&server).scim(ScimApiKey::new(TRYOUT_KEY, DirectoryId::new(DIRECTORY_ID).unwrap()).unwrap());

    let error = users.get_profile(&AccountId::new("abc").unwrap()).await.unwrap_err();
    let scim_error = scim.users().get(&user_id()).await.unwrap_err();

    for error in [&error, &scim_error] {
        let shown = format!("{error}\n{error:?}");
        for form in ["ATATT3x", "FfGF0", "Zs%3D", "\\u002bZs"] {
            assert!(!shown.contains(form), "{form} leaked: {shown}");
        }
    }
    assert_eq!(error.api_error().unwrap().raw, "invalid credentials: token=[redacted], again [redacted]");
    assert_eq!(scim_error.api_error().unwrap().raw, r#"{"status":"401","detail":"bad key [redacted]"}"#);
}
scenario!(a_key_echoed_percent_encoded_or_unicode_escaped_is_redacted);

/// The tryout's exact input: the refused base URL was printed with its password.
#[maybe]
async fn a_base_url_with_credentials_is_refused_without_showing_them() {
    let error = Client::builder().base_url("http://admin:hunter2pass@127.0.0.1:4555").build().unwrap_err();

    let shown = format!("{error}\n{error:?}");
    assert!(!shown.contains("hunter2pass") && !shown.contains("admin:"), "{shown}");
    assert_eq!(
        error.to_string(),
        r#"request not sent: invalid base URL "http://[redacted]@127.0.0.1:4555": it must not contain credentials"#
    );
}
scenario!(a_base_url_with_credentials_is_refused_without_showing_them);
