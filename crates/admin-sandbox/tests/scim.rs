//! The SCIM provisioning API's semantics.

mod common;

use admin_sandbox::{LifecycleState, Sandbox};
use common::{Client, demo, demo_sandbox, enc};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const EXT: &str = "urn:scim:schemas:extension:atlassian-external:1.0";
const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

fn new_user(name: &str) -> Value {
    json!({
        "schemas": [USER],
        "userName": name,
        "displayName": "New Person",
        "name": {"givenName": "New", "familyName": "Person"},
        "emails": [{"value": name, "type": "work", "primary": true}],
        "active": true,
    })
}

fn patch(ops: Value) -> Value {
    json!({"schemas": [PATCH], "Operations": ops})
}

#[test]
fn auth_failures_use_failure_shape() {
    let sb = demo_sandbox();
    let base = format!("{}/scim/directory/{}", sb.base_url(), demo::DIRECTORY_ID);
    let r = Client::new(&base, None).get("/Users");
    assert_eq!(r.status, 401);
    let body = r.json();
    assert!(body["error"].is_string() && body["traceId"].is_string(), "{body}");
    assert_eq!(Client::new(&base, Some("wrong")).get("/Users").status, 401);
    assert_eq!(Client::new(&base, Some(demo::ADMIN_KEY)).get("/Users").status, 401);

    // Another directory's key → 403; unknown directory with a valid key → 404.
    let sb = Sandbox::builder().with_demo_data().directory("other", "other-key").start().unwrap();
    let base = format!("{}/scim/directory/{}", sb.base_url(), demo::DIRECTORY_ID);
    let r = Client::new(&base, Some("other-key")).get("/Users");
    assert_eq!(r.status, 403);
    assert!(r.json()["traceId"].is_string());
    let r = Client::new(&format!("{}/scim/directory/nope", sb.base_url()), Some("other-key")).get("/Users");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["status"], "404");
}

#[test]
fn create_get_and_link_account() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let r = c.scim_json("POST", "/Users", &new_user("new.person@example.com"));
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.header("content-type"), Some("application/scim+json"));
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    let meta = &created["meta"];
    assert_eq!(meta["resourceType"], "User");
    assert!(meta["created"].is_string() && meta["lastModified"].is_string());
    let location = format!("{}/scim/directory/{}/Users/{id}", sb.base_url(), demo::DIRECTORY_ID);
    assert_eq!(meta["location"], location.as_str());
    assert_eq!(r.header("location"), Some(location.as_str()));
    assert!(created["schemas"].as_array().unwrap().contains(&json!(EXT)));

    // A new, SCIM-managed account was created and linked.
    let account_id = created[EXT]["atlassianAccountId"].as_str().unwrap().to_string();
    let account = sb.account(&account_id).expect("account created");
    assert_eq!(account.email, "new.person@example.com");
    assert_eq!(account.name, "New Person");
    assert_eq!(account.scim_directory.as_deref(), Some(demo::DIRECTORY_ID));
    let rules =
        Client::admin(&sb).get(&format!("/users/{account_id}/manage?privileges=lifecycle.enablement")).json();
    assert_eq!(rules["lifecycle.enablement"]["reason"]["key"], "externalDirectory.scim");

    let got = c.get(&format!("/Users/{id}"));
    assert_eq!(got.status, 200);
    assert_eq!(got.json(), created);

    // POST for an existing account's email links it.
    let sb2 = Sandbox::builder()
        .verified_domain("acme.test")
        .account(admin_sandbox::Account::new("557057:kim", "kim@acme.test", "Kim"))
        .directory("d", "k")
        .start()
        .unwrap();
    let c2 = Client::new(&format!("{}/scim/directory/d", sb2.base_url()), Some("k"));
    let r = c2.scim_json("POST", "/Users", &new_user("kim@acme.test"));
    assert_eq!(r.status, 201);
    assert_eq!(r.json()[EXT]["atlassianAccountId"], "557057:kim");
    assert!(sb2.account("557057:kim").unwrap().is_scim_managed());
    assert_eq!(sb2.account_by_email("KIM@acme.test").unwrap().account_id, "557057:kim");
    assert_eq!(sb.account_by_email("grace@example.com").unwrap().account_id, demo::SECOND_SCIM_ACCOUNT_ID);
}

#[test]
fn create_validation_and_uniqueness() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let r = c.scim_json("POST", "/Users", &new_user("Ada@Example.com"));
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json(),
        json!({"schemas": [ERROR], "status": "409", "scimType": "uniqueness", "detail": r.json()["detail"]})
    );

    let r = c.scim_json("POST", "/Users", &json!({"userName": "x@example.com"}));
    assert_eq!((r.status, r.json()["scimType"].clone()), (400, json!("invalidValue")));
    let r = c.scim_json("POST", "/Users", &new_user("x@unverified.test"));
    assert_eq!(r.status, 400);

    let r = c.send("POST", "/Users", Some(("application/scim+json", "{\"userName\": ")));
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["scimType"], "invalidSyntax");
    assert_eq!(r.json()["status"], "400");
    let r = c.send("POST", "/Users", Some(("text/plain", &new_user("y@example.com").to_string())));
    assert_eq!(r.status, 415);
    assert_eq!(r.json()["schemas"], json!([ERROR]));
    assert_eq!(sb.scim_users(demo::DIRECTORY_ID).len(), 2, "nothing was created");
}

#[test]
fn list_filter_and_paging() {
    let sb = Sandbox::builder().with_demo_data().max_page_size(3).start().unwrap();
    let c = Client::scim(&sb);
    for i in 0..5 {
        assert_eq!(c.scim_json("POST", "/Users", &new_user(&format!("user{i}@example.com"))).status, 201);
    }
    // 7 users now; the cap is 3.
    let r = c.get("/Users");
    let body = r.json();
    assert_eq!(body["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]));
    assert_eq!(
        (body["totalResults"].clone(), body["startIndex"].clone(), body["itemsPerPage"].clone()),
        (json!(7), json!(1), json!(3))
    );
    let body = c.get("/Users?startIndex=3&count=2").json();
    assert_eq!(body["startIndex"], 3);
    assert_eq!(body["Resources"][0]["userName"], "user0@example.com", "1-based: index 3 is the third user");
    assert_eq!(body["itemsPerPage"], 2);
    let body = c.get("/Users?startIndex=7&count=100").json();
    assert_eq!(body["itemsPerPage"], 1);
    let body = c.get("/Users?startIndex=0&count=1").json();
    assert_eq!(body["startIndex"], 1);
    assert_eq!(body["Resources"][0]["userName"], "ada@example.com");
    assert_eq!(c.get("/Users?count=0").json()["Resources"], json!([]));
    assert_eq!(c.get("/Users?count=abc").status, 400);

    let body = c.get(&format!("/Users?filter={}", enc(r#"userName eq "GRACE@example.com""#))).json();
    assert_eq!(body["totalResults"], 1);
    assert_eq!(body["Resources"][0]["id"], demo::SECOND_SCIM_USER_ID);
    let body = c.get(&format!("/Users?filter={}", enc(r#"externalId eq "ada""#))).json();
    assert_eq!(body["Resources"][0]["id"], demo::SCIM_USER_ID);
    assert_eq!(c.get(&format!("/Users?filter={}", enc(r#"externalId eq "ADA""#))).json()["totalResults"], 0);

    for bad in
        [r#"userName co "a""#, r#"title eq "x""#, "userName eq ada", r#"userName eq "a" or userName eq "b""#]
    {
        let r = c.get(&format!("/Users?filter={}", enc(bad)));
        assert_eq!(r.status, 400, "{bad}");
        let body = r.json();
        assert_eq!(body["schemas"], json!([ERROR]));
        assert_eq!(body["status"], "400");
        assert_eq!(body["scimType"], "invalidFilter");
        assert!(body["detail"].is_string());
    }
}

#[test]
fn filter_unescapes_quoted_strings() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let mut user = new_user("q@example.com");
    user["externalId"] = json!(r#"we"ird\id"#);
    assert_eq!(c.scim_json("POST", "/Users", &user).status, 201);
    let body = c.get(&format!("/Users?filter={}", enc(r#"externalId eq "we\"ird\\id""#))).json();
    assert_eq!(body["totalResults"], 1);
    assert_eq!(body["Resources"][0]["userName"], "q@example.com");
}

#[test]
fn attributes_and_excluded_attributes() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let body = c
        .get(&format!("/Users/{}?attributes=userName,emails.value,name.givenName", demo::SCIM_USER_ID))
        .json();
    let mut keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["emails", "id", "name", "schemas", "userName"]);
    assert_eq!(body["emails"], json!([{"value": "ada@example.com"}]));
    assert_eq!(body["name"], json!({"givenName": "Ada"}));

    let body =
        c.get(&format!("/Users/{}?excludedAttributes=emails,{ENT}:department", demo::SCIM_USER_ID)).json();
    assert!(body.get("emails").is_none());
    assert_eq!(body[ENT], json!({"organization": "Example Inc"}));
    assert!(body.get("id").is_some());

    let r = c.get("/Users?attributes=userName&excludedAttributes=emails");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["scimType"], "invalidSyntax");
}

#[test]
fn put_replaces_and_keeps_unknown_attributes() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let path = format!("/Users/{}", demo::SCIM_USER_ID);
    let before = c.get(&path).json();
    let r = c.scim_json(
        "PUT",
        &path,
        &json!({
            "schemas": [USER],
            "userName": "ada@example.com",
            "emails": [{"value": "ada@example.com", "primary": true}],
            "displayName": "Countess Lovelace",
            "x-custom": {"keep": "me"},
            "id": "ignored",
        }),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let after = r.json();
    assert_eq!(after["id"], demo::SCIM_USER_ID);
    assert_eq!(after["x-custom"], json!({"keep": "me"}));
    assert_eq!(after["displayName"], "Countess Lovelace");
    assert!(after.get("title").is_none(), "unspecified attributes are cleared");
    assert!(after.get("name").is_none());
    assert!(after.get(ENT).is_none());
    assert_eq!(after["active"], true);
    assert_eq!(after["meta"]["created"], before["meta"]["created"]);
    assert_eq!(after[EXT], before[EXT]);
    assert_eq!(sb.account(demo::SCIM_ACCOUNT_ID).unwrap().name, "Countess Lovelace");

    // PUT taking another user's userName → 409.
    let r = c.scim_json("PUT", &path, &new_user("grace@example.com"));
    assert_eq!(r.status, 409);
}

#[test]
fn patch_operations() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let path = format!("/Users/{}", demo::SCIM_USER_ID);
    let r = c.scim_json(
        "PATCH",
        &path,
        &patch(json!([
            {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "ada.l@example.com"},
            {"op": "Add", "path": "phoneNumbers", "value": [{"value": "+1 555", "type": "work"}]},
            {"op": "REPLACE", "value": {"displayName": "Ada L.", "name": {"givenName": "Augusta"}}},
            {"op": "remove", "path": "title"},
            {"op": "replace", "path": format!("{ENT}:department"), "value": "Maths"},
        ])),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let u = r.json();
    assert_eq!(u["emails"], json!([{"value": "ada.l@example.com", "type": "work", "primary": true}]));
    assert_eq!(u["phoneNumbers"][0]["value"], "+1 555");
    assert_eq!(u["displayName"], "Ada L.");
    assert_eq!(
        u["name"],
        json!({"givenName": "Augusta", "familyName": "Lovelace", "formatted": "Ada Lovelace"})
    );
    assert!(u.get("title").is_none());
    assert_eq!(u[ENT]["department"], "Maths");
    let account = sb.account(demo::SCIM_ACCOUNT_ID).unwrap();
    assert_eq!(account.email, "ada.l@example.com");
    assert_eq!(account.extended_profile.department.as_deref(), Some("Maths"));

    // lower-case `operations` (Atlassian's schema / go-atlassian) and active:false.
    let r = c.scim_json(
        "PATCH",
        &path,
        &json!({"schemas": [PATCH], "operations": [{"op": "replace", "path": "active", "value": false}]}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["active"], false);
    assert_eq!(sb.account(demo::SCIM_ACCOUNT_ID).unwrap().status, LifecycleState::Inactive { message: None });
    // Azure AD style: path-less replace with a string boolean.
    let r = c.scim_json("PATCH", &path, &patch(json!([{"op": "Replace", "value": {"active": "True"}}])));
    assert_eq!(r.json()["active"], true);
    assert_eq!(sb.account(demo::SCIM_ACCOUNT_ID).unwrap().status, LifecycleState::Active);

    // Refusals leave the user unchanged.
    let before = c.get(&path).json();
    for (ops, scim_type) in [
        (json!([{"op": "replace", "path": "id", "value": "x"}]), "mutability"),
        (json!([{"op": "remove"}]), "noTarget"),
        (json!([{"op": "copy", "path": "title"}]), "invalidSyntax"),
        (json!([{"op": "replace", "path": "emails[type eq]", "value": "x"}]), "invalidFilter"),
        (
            json!([{"op": "replace", "path": "title", "value": "ok"}, {"op": "remove", "path": "userName"}]),
            "invalidValue",
        ),
    ] {
        let r = c.scim_json("PATCH", &path, &patch(ops.clone()));
        assert_eq!(r.status, 400, "{ops}: {}", r.text);
        assert_eq!(r.json()["scimType"], scim_type, "{ops}");
    }
    assert_eq!(c.get(&path).json(), before);
    assert_eq!(c.scim_json("PATCH", &path, &json!({"Operations": []})).status, 400);
}

#[test]
fn delete_deactivates_then_404() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let path = format!("/Users/{}", demo::SCIM_USER_ID);
    let r = c.delete(&path);
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    for r in [
        c.get(&path),
        c.delete(&path),
        c.scim_json("PUT", &path, &new_user("ada@example.com")),
        c.scim_json("PATCH", &path, &patch(json!([{"op": "replace", "path": "active", "value": true}]))),
    ] {
        assert_eq!(r.status, 404);
        assert_eq!(r.json()["status"], "404");
        assert_eq!(r.json()["schemas"], json!([ERROR]));
    }
    let account = sb.account(demo::SCIM_ACCOUNT_ID).unwrap();
    assert_eq!(account.status, LifecycleState::Inactive { message: None });
    assert!(!account.is_scim_managed());
    let group = c.get(&format!("/Groups/{}", demo::GROUP_ID)).json();
    assert_eq!(group["members"].as_array().unwrap().len(), 1);
    assert_eq!(c.get("/Users").json()["totalResults"], 1);
    // Re-create with POST: allowed, relinks the account.
    let r = c.scim_json("POST", "/Users", &new_user("ada@example.com"));
    assert_eq!(r.status, 201);
    assert_eq!(r.json()[EXT]["atlassianAccountId"], demo::SCIM_ACCOUNT_ID);
}

#[test]
fn groups_and_membership() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let r = c.scim_json("POST", "/Groups", &json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "admins", "members": [{"value": demo::SCIM_USER_ID}]}));
    assert_eq!(r.status, 201, "{}", r.text);
    let group = r.json();
    let gid = group["id"].as_str().unwrap().to_string();
    assert_eq!(group["meta"]["resourceType"], "Group");
    assert_eq!(group["members"][0]["value"], demo::SCIM_USER_ID);
    assert_eq!(group["members"][0]["display"], "Ada Lovelace");

    assert_eq!(c.scim_json("POST", "/Groups", &json!({"displayName": "ADMINS"})).status, 409);
    let r = c.scim_json(
        "POST",
        "/Groups",
        &json!({"displayName": "ghosts", "members": [{"value": "no-such-user"}]}),
    );
    assert_eq!(r.status, 400);

    // Membership shows on the user.
    let user = c.get(&format!("/Users/{}", demo::SCIM_USER_ID)).json();
    let groups: Vec<&str> =
        user["groups"].as_array().unwrap().iter().map(|g| g["display"].as_str().unwrap()).collect();
    assert_eq!(groups, ["engineering", "admins"]);

    let r = c.scim_json(
        "PATCH",
        &format!("/Groups/{gid}"),
        &patch(json!([
            {"op": "add", "path": "members", "value": [{"value": demo::SECOND_SCIM_USER_ID, "display": "Grace"}]},
            {"op": "remove", "path": format!("members[value eq \"{}\"]", demo::SCIM_USER_ID)},
        ])),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let members: Vec<Value> =
        r.json()["members"].as_array().unwrap().iter().map(|m| m["value"].clone()).collect();
    assert_eq!(members, [json!(demo::SECOND_SCIM_USER_ID)]);
    assert!(
        c.get(&format!("/Users/{}", demo::SECOND_SCIM_USER_ID)).json()["groups"].as_array().unwrap().len()
            == 2
    );

    // Rename is refused; PUT replaces members.
    let r = c.scim_json(
        "PATCH",
        &format!("/Groups/{gid}"),
        &patch(json!([{"op": "replace", "path": "displayName", "value": "x"}])),
    );
    assert_eq!((r.status, r.json()["scimType"].clone()), (400, json!("mutability")));
    let r = c.scim_json("PUT", &format!("/Groups/{gid}"), &json!({"displayName": "admins", "members": []}));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["members"], json!([]));

    let body = c.get(&format!("/Groups?filter={}", enc(r#"displayName eq "Engineering""#))).json();
    assert_eq!(body["totalResults"], 1);
    assert_eq!(body["Resources"][0]["id"], demo::GROUP_ID);
    assert_eq!(c.get(&format!("/Groups?filter={}", enc(r#"userName eq "x""#))).status, 400);

    assert_eq!(c.delete(&format!("/Groups/{gid}")).status, 204);
    assert_eq!(c.get(&format!("/Groups/{gid}")).status, 404);
    assert_eq!(c.get("/Groups").json()["totalResults"], 1);
}

#[test]
fn discovery_endpoints() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let r = c.get("/Schemas");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/scim+json"));
    let body = r.json();
    assert!(body.get("schemas").is_none(), "Atlassian's /Schemas has no top-level schemas");
    assert_eq!(body["totalResults"], 3);
    for urn in [USER, "urn:ietf:params:scim:schemas:core:2.0:Group", ENT] {
        let r = c.get(&format!("/Schemas/{urn}"));
        assert_eq!(r.status, 200, "{urn}");
        assert_eq!(r.json()["id"], urn);
        assert!(r.json()["attributes"].as_array().is_some_and(|a| !a.is_empty()));
    }
    assert_eq!(c.get("/Schemas/urn:nope").status, 404);
    let types = c.get("/ResourceTypes").json();
    assert_eq!(types["totalResults"], 2);
    assert_eq!(c.get("/ResourceTypes/User").json()["endpoint"], "/Users");
    assert_eq!(c.get("/ResourceTypes/Group").json()["schema"], "urn:ietf:params:scim:schemas:core:2.0:Group");
    assert_eq!(c.get("/ResourceTypes/Other").status, 404);
    let spc = c.get("/ServiceProviderConfig").json();
    assert_eq!(spc["patch"]["supported"], true);
    assert_eq!(spc["filter"]["maxResults"], 100);
    assert_eq!(
        Client::new(sb.base_url(), None)
            .get(&format!("/scim/directory/{}/Schemas", demo::DIRECTORY_ID))
            .status,
        401
    );
}

/// Issue 11, item 16: Atlassian refuses a user none of whose emails is primary, on POST and PUT.
#[test]
fn a_user_without_a_primary_email_is_refused() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let no_primary = json!({
        "schemas": [USER],
        "userName": "np@example.com",
        "emails": [{"value": "np@example.com", "type": "work"}, {"value": "np2@example.com", "primary": false}],
    });
    let expected = json!({
        "schemas": [ERROR],
        "status": "400",
        "scimType": "invalidValue",
        "detail": "One email address need to be marked as primary",
    });
    let r = c.scim_json("POST", "/Users", &no_primary);
    assert_eq!((r.status, r.json()), (400, expected.clone()));
    assert_eq!(sb.scim_users(demo::DIRECTORY_ID).len(), 2, "nothing was created");
    assert!(sb.account_by_email("np@example.com").is_none());

    let before = c.get(&format!("/Users/{}", demo::SCIM_USER_ID)).json();
    let mut replacement = before.clone();
    replacement["emails"] = json!([{"value": "ada@example.com", "type": "work"}]);
    let r = c.scim_json("PUT", &format!("/Users/{}", demo::SCIM_USER_ID), &replacement);
    assert_eq!((r.status, r.json()), (400, expected.clone()));
    assert_eq!(c.get(&format!("/Users/{}", demo::SCIM_USER_ID)).json(), before, "nothing was changed");

    // A PATCH that leaves no primary email is refused the same way.
    let r = c.scim_json(
        "PATCH",
        &format!("/Users/{}", demo::SCIM_USER_ID),
        &patch(json!([{"op": "replace", "path": "emails[type eq \"work\"].primary", "value": false}])),
    );
    assert_eq!((r.status, r.json()), (400, expected));

    // Lenient like Atlassian: "primary": "True" is a primary email.
    let mut lenient = new_user("lenient@example.com");
    lenient["emails"][0]["primary"] = json!("True");
    lenient["active"] = json!("False");
    let r = c.scim_json("POST", "/Users", &lenient);
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        (r.json()["emails"][0]["primary"].clone(), r.json()["active"].clone()),
        (json!(true), json!(false))
    );
}

/// Unknown attributes are kept exactly as sent (the sandbox reads bodies with the lossless
/// admin-models types): a big integer comes back digit for digit through POST, GET and PUT.
#[test]
fn unknown_attributes_survive_exactly() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    let body = r#"{"userName": "big@example.com", "emails": [{"value": "big@example.com", "primary": true}],
                   "x-big": 123456789012345678901234567890, "urn:example:ext:1.0": {"n": 1.50}}"#;
    let r = c.send("POST", "/Users", Some(("application/scim+json", body)));
    assert_eq!(r.status, 201, "{}", r.text);
    assert!(r.text.contains(r#""x-big":123456789012345678901234567890"#), "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let got = c.get(&format!("/Users/{id}"));
    assert!(got.text.contains(r#""x-big":123456789012345678901234567890"#), "{}", got.text);
    assert!(got.text.contains(r#""urn:example:ext:1.0":{"n": 1.50}"#), "{}", got.text);
    let r = c.send("PUT", &format!("/Users/{id}"), Some(("application/scim+json", &got.text)));
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.text.contains(r#""x-big":123456789012345678901234567890"#), "{}", r.text);

    // Groups too; an empty group still says `"members":[]`.
    let body = r#"{"displayName": "big", "x-big": 123456789012345678901234567890}"#;
    let r = c.send("POST", "/Groups", Some(("application/scim+json", body)));
    assert_eq!(r.status, 201, "{}", r.text);
    assert!(r.text.contains(r#""x-big":123456789012345678901234567890"#), "{}", r.text);
    assert_eq!(r.json()["members"], json!([]));
}
