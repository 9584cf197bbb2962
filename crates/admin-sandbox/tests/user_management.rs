//! The user management API's semantics.

mod common;

use admin_sandbox::LifecycleState;
use common::{Client, demo, demo_sandbox};
use serde_json::json;

fn manage(id: &str) -> String {
    format!("/users/{id}/manage")
}

#[test]
fn missing_or_wrong_key_is_401_unauthorized() {
    let sb = demo_sandbox();
    for client in [
        Client::new(sb.base_url(), None),
        Client::new(sb.base_url(), Some("wrong")),
        Client::new(sb.base_url(), Some(demo::SCIM_KEY)),
    ] {
        let r = client.get(&format!("{}/profile", manage(demo::ACCOUNT_ID)));
        assert_eq!(r.status, 401);
        assert_eq!(r.json(), json!({"key": "unauthorized"}));
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
    // 401 comes before 404.
    assert_eq!(Client::new(sb.base_url(), None).get(&manage("nobody")).status, 401);
}

#[test]
fn unknown_account_is_404() {
    let sb = demo_sandbox();
    let r = Client::admin(&sb).get(&format!("{}/profile", manage("557057:nobody")));
    assert_eq!(r.status, 404);
    assert_eq!(r.json(), json!({"key": "accountNotFound"}));
    let r = Client::admin(&sb).get("/users/x/elsewhere");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["key"], "notFound");
}

#[test]
fn get_profile() {
    let sb = demo_sandbox();
    let r = Client::admin(&sb).get(&format!("{}/profile", manage(demo::ACCOUNT_ID)));
    assert_eq!(r.status, 200);
    let a = &r.json()["account"];
    assert_eq!(a["account_id"], demo::ACCOUNT_ID);
    assert_eq!(a["account_type"], "atlassian");
    assert_eq!(a["account_status"], "active");
    assert_eq!(a["name"], "Lila User");
    assert_eq!(a["nickname"], "marshmallow");
    assert_eq!(a["email"], "lila@example.com");
    assert_eq!(a["zoneinfo"], "America/Los_Angeles");
    assert_eq!(a["extended_profile"]["job_title"], "Engineer");
    assert!(a["picture"].as_str().is_some_and(|p| p.starts_with("https://")));
}

#[test]
fn patch_profile_is_partial() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let path = format!("{}/profile", manage(demo::ACCOUNT_ID));
    let r = c.json("PATCH", &path, &json!({"nickname": "lila", "extended_profile": {"location": "Sydney"}}));
    assert_eq!(r.status, 200, "{}", r.text);
    let a = &r.json()["account"];
    assert_eq!(a["nickname"], "lila");
    assert_eq!(a["name"], "Lila User");
    assert_eq!(a["extended_profile"]["location"], "Sydney");
    assert_eq!(a["extended_profile"]["job_title"], "Engineer");
    let stored = sb.account(demo::ACCOUNT_ID).unwrap();
    assert_eq!(stored.nickname, "lila");
    assert_eq!(stored.extended_profile.location.as_deref(), Some("Sydney"));
    // The request log keeps what the client sent.
    let last = sb.requests().pop().unwrap();
    assert_eq!((last.method.as_str(), last.path.as_str(), last.status), ("PATCH", path.as_str(), 200));
    assert_eq!(last.content_type.as_deref(), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_str(last.body.as_deref().unwrap()).unwrap();
    assert_eq!(sent, json!({"nickname": "lila", "extended_profile": {"location": "Sydney"}}));
    // Percent-encoded ids are decoded.
    let r = c.get(&format!("/users/{}/manage/profile", demo::ACCOUNT_ID.replace(':', "%3A")));
    assert_eq!(r.status, 200);
}

#[test]
fn patch_profile_validation() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let path = format!("{}/profile", manage(demo::ACCOUNT_ID));

    let r = c.json("PATCH", &path, &json!({"nickname": "x".repeat(31), "name": "ok\u{7}"}));
    assert_eq!(r.status, 400);
    let body = r.json();
    assert_eq!(body["key"], "fieldConstraintsViolated");
    let violations = body["context"]["fieldViolations"].as_array().unwrap();
    assert!(violations.contains(&json!({"field": "nickname", "violations": [{"key": "maxLength"}]})));
    assert!(violations.contains(&json!({"field": "name", "violations": [{"key": "validCharacters"}]})));

    let r = c.json("PATCH", &path, &json!({"name": "n".repeat(101)}));
    assert_eq!(
        r.json()["context"]["fieldViolations"][0],
        json!({"field": "name", "violations": [{"key": "maxLength"}]})
    );

    // Mis-cased / unknown fields are caught.
    let r = c.json("PATCH", &path, &json!({"extended_profile": {"jobTitle": "x"}}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["context"]["fieldViolations"][0]["field"], "extended_profile.jobTitle");

    // Invalid JSON, non-object, empty object.
    for bad in ["{", "[1]", "{}", ""] {
        let r = c.send("PATCH", &path, Some(("application/json", bad)));
        assert_eq!((r.status, r.json()), (400, json!({"key": "bodyParseFailure"})), "{bad:?}");
    }
    // Wrong content type.
    let r = c.send("PATCH", &path, Some(("text/plain", r#"{"nickname":"x"}"#)));
    assert_eq!(r.status, 415);
    assert_eq!(r.json()["key"], "unsupportedMediaType");

    // Nothing was applied.
    assert_eq!(sb.account(demo::ACCOUNT_ID).unwrap().nickname, "marshmallow");
}

#[test]
fn permissions_of_managed_account() {
    let sb = demo_sandbox();
    let r = Client::admin(&sb).get(&manage(demo::ACCOUNT_ID));
    assert_eq!(r.status, 200);
    let body = r.json();
    for p in [
        "profile.read",
        "email.set",
        "lifecycle.enablement",
        "lifecycle.delete",
        "apiToken.read",
        "apiToken.delete",
    ] {
        assert_eq!(body[p], json!({"allowed": true}), "{p}");
    }
    assert_eq!(body["profile.write"]["extended_profile.job_title"], json!({"allowed": true}));
    assert_eq!(body["profile"], body["profile.write"]);
}

#[test]
fn permissions_of_scim_managed_account_and_refusals() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let id = demo::SCIM_ACCOUNT_ID;
    let r = c.get(&format!("{}?privileges=email.set&privileges=profile.write", manage(id)));
    assert_eq!(r.status, 200);
    let body = r.json();
    let scim = json!({"allowed": false, "reason": {"key": "externalDirectory.scim"}});
    assert_eq!(body["email.set"], scim);
    assert_eq!(body["profile.write"]["name"], scim);
    assert_eq!(body["profile.write"]["nickname"], json!({"allowed": true}));
    assert!(body.get("lifecycle.enablement").is_none(), "only the requested privileges");

    let r = c.post_empty(&format!("{}/lifecycle/enable", manage(id)));
    assert_eq!(r.status, 403);
    assert_eq!(r.json(), json!({"key": "forbidden.action", "context": scim}));

    let r = c.json("PATCH", &format!("{}/profile", manage(id)), &json!({"name": "New", "nickname": "ok"}));
    assert_eq!(r.status, 403);
    assert_eq!(r.json(), json!({"key": "forbidden.fieldMutation", "context": {"name": scim}}));
    let r = c.json("PATCH", &format!("{}/profile", manage(id)), &json!({"nickname": "ok"}));
    assert_eq!(r.status, 200);

    let r = c.json("PUT", &format!("{}/email", manage(id)), &json!({"email": "ada2@example.com"}));
    assert_eq!((r.status, r.json()["key"].clone()), (403, json!("forbidden.action")));

    // A comma-joined privileges value is one invalid value.
    let r = c.get(&format!("{}?privileges=email.set,profile.read", manage(id)));
    assert_eq!(r.status, 400);
}

#[test]
fn unmanaged_account_is_read_only() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let id = demo::UNMANAGED_ACCOUNT_ID;
    let body = c.get(&manage(id)).json();
    assert_eq!(body["profile.read"], json!({"allowed": true}));
    assert_eq!(body["apiToken.read"], json!({"allowed": false, "reason": {"key": "managedAccount"}}));
    assert_eq!(c.get(&format!("{}/profile", manage(id))).status, 200);
    let r = c.get(&format!("{}/api-tokens", manage(id)));
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["context"]["reason"]["key"], "managedAccount");
}

#[test]
fn lifecycle_state_machine() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let id = demo::ACCOUNT_ID;
    let lc = |action: &str| format!("{}/lifecycle/{action}", manage(id));

    let r = c.json("POST", &lc("disable"), &json!({"message": "On 6-month suspension"}));
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    assert_eq!(
        sb.account(id).unwrap().status,
        LifecycleState::Inactive { message: Some("On 6-month suspension".into()) }
    );
    assert_eq!(c.get(&format!("{}/profile", manage(id))).json()["account"]["account_status"], "inactive");

    assert_eq!(c.post_empty(&lc("enable")).status, 204);
    assert_eq!(sb.account(id).unwrap().status, LifecycleState::Active);

    // Disable with an empty body (as Postman sends) and with `{}`.
    assert_eq!(c.send("POST", &lc("disable"), Some(("application/json", ""))).status, 204);
    assert_eq!(c.json("POST", &lc("disable"), &json!({})).status, 204);

    // cancel-delete of an account that is not pending deletion → 409.
    let r = c.post_empty(&lc("cancel-delete"));
    assert_eq!(r.status, 409);
    let body = r.json();
    assert_eq!(body["key"], "conflict.lifecycleErrors");
    assert_eq!(body["context"]["accountId"], id);
    assert!(body["context"]["errorCodes"][0]["code"].is_string());
    assert!(body["context"]["errorCodes"][0]["link"].is_string());

    let r = c.post_empty(&lc("delete"));
    assert_eq!(r.status, 200);
    assert!(r.json()["message"].is_string());
    assert!(matches!(sb.account(id).unwrap().status, LifecycleState::PendingDeletion { .. }));
    assert_eq!(c.get(&format!("{}/profile", manage(id))).json()["account"]["account_status"], "inactive");

    for action in ["enable", "disable", "delete"] {
        let r = c.post_empty(&lc(action));
        assert_eq!(r.status, 409, "{action}: {}", r.text);
        assert_eq!(r.json()["key"], "conflict.lifecycleErrors");
    }

    let r = c.post_empty(&lc("cancel-delete"));
    assert_eq!(r.status, 200);
    assert!(r.json()["message"].is_string());
    assert_eq!(sb.account(id).unwrap().status, LifecycleState::Active);

    // After the grace period the account is closed.
    assert_eq!(c.post_empty(&lc("delete")).status, 200);
    sb.expire_pending_deletions();
    assert_eq!(c.get(&format!("{}/profile", manage(id))).json()["account"]["account_status"], "closed");
    assert_eq!(c.post_empty(&lc("cancel-delete")).status, 409);

    assert_eq!(c.post_empty(&lc("explode")).status, 404);
    let r = c.send("POST", &lc("disable"), Some(("application/json", "{nope")));
    assert_eq!((r.status, r.json()), (400, json!({"key": "bodyParseFailure"})));
}

#[test]
fn set_email() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let path = format!("{}/email", manage(demo::ACCOUNT_ID));

    let r = c.json("PUT", &path, &json!({"email": "lila@vanlowe-pi.net"}));
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json(),
        json!({"key": "forbidden.unclaimedDomain", "context": {"domain": "vanlowe-pi.net"}})
    );

    let r = c.json("PUT", &path, &json!({"email": "not-an-email"}));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["key"], "fieldConstraintsViolated");
    let r = c.json("PUT", &path, &json!({}));
    assert_eq!(r.json()["context"]["fieldViolations"][0]["field"], "email");

    let r = c.json("PUT", &path, &json!({"email": "lila.new@Example.com"}));
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    let a = sb.account(demo::ACCOUNT_ID).unwrap();
    assert_eq!(a.email, "lila.new@Example.com");
    assert_eq!(a.sessions_invalidated, 1);
}

#[test]
fn api_tokens() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let path = format!("{}/api-tokens", manage(demo::ACCOUNT_ID));
    let r = c.get(&path);
    assert_eq!(r.status, 200);
    let tokens = r.json();
    assert_eq!(tokens.as_array().unwrap().len(), 2);
    assert_eq!(
        tokens[0],
        json!({"id": demo::API_TOKEN_ID, "label": "My Addon", "createdAt": "2015-04-12T23:20:50.522Z", "lastAccess": "2015-05-12T20:20:50.521Z"})
    );

    let r = c.delete(&format!("{path}/{}", demo::API_TOKEN_ID));
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    assert_eq!(c.get(&path).json().as_array().unwrap().len(), 1);
    let r = c.delete(&format!("{path}/{}", demo::API_TOKEN_ID));
    assert_eq!((r.status, r.json()), (404, json!({"key": "notFound"})));
}
