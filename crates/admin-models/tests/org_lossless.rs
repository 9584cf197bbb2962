//! Issue 11, items 9 and 10, for the Organizations models: what the server sent survives
//! decode → encode in every nested object, with unknown values kept exactly as sent (a 30-digit
//! integer and a number outside `f64`'s range included, at the top level and nested).

use std::collections::BTreeMap;

use admin_models::org::{
    Data, DirectoryGroup, DirectoryUser, Event, Org, Page, Policy, PolicyInput, PolicyStatus, ScimLinks,
    Workspace,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

const BIG: &str = "123456789012345678901234567890";
const HUGE: &str = "1e400";

/// Whether two JSON texts hold the same value, numbers compared by their exact text (member
/// order and whitespace do not matter). `serde_json::Value` cannot be used here: it rounds
/// `BIG` and refuses `HUGE`.
fn same_json(a: &str, b: &str) -> bool {
    compare(a, b, false)
}

/// [`same_json`], except that members of `sent` that are `null` or `[]` may be absent from
/// `encoded` (known optional members are written back absent, not as `null` or `[]`).
fn same_json_but_empty_members(encoded: &str, sent: &str) -> bool {
    compare(encoded, sent, true)
}

fn compare(a: &str, b: &str, skip_empty_in_b: bool) -> bool {
    let (a, b) = (a.trim(), b.trim());
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(b'{'), Some(b'{')) => {
            let x: BTreeMap<String, Box<RawValue>> = serde_json::from_str(a).expect("object");
            let mut y: BTreeMap<String, Box<RawValue>> = serde_json::from_str(b).expect("object");
            if skip_empty_in_b {
                y.retain(|name, v| x.contains_key(name) || !matches!(v.get().trim(), "null" | "[]"));
            }
            x.len() == y.len()
                && x.iter()
                    .zip(&y)
                    .all(|((k, v), (l, w))| k == l && compare(v.get(), w.get(), skip_empty_in_b))
        }
        (Some(b'['), Some(b'[')) => {
            let x: Vec<Box<RawValue>> = serde_json::from_str(a).expect("array");
            let y: Vec<Box<RawValue>> = serde_json::from_str(b).expect("array");
            x.len() == y.len() && x.iter().zip(&y).all(|(v, w)| compare(v.get(), w.get(), skip_empty_in_b))
        }
        _ => a == b,
    }
}

/// Decodes `sent` as `T`, encodes it, and checks nothing changed: same members, numbers
/// written exactly as sent. Returns the decoded model.
fn assert_round_trip<T: DeserializeOwned + Serialize>(sent: &str) -> T {
    let model: T = serde_json::from_str(sent).expect("decodes");
    let encoded = serde_json::to_string(&model).expect("encodes");
    assert!(same_json(&encoded, sent), "sent:    {sent}\nencoded: {encoded}");
    assert!(encoded.contains(BIG), "{encoded}");
    assert!(encoded.contains(HUGE), "{encoded}");
    assert!(!encoded.contains("1.2345678901234568e+29"), "{encoded}");
    model
}

/// An org user (`GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users`) with unknown
/// numbers at the top level, in `counts`, in `productAccess`, in `groups`, in `links`, and in
/// the page's own `links` and `meta`.
const USERS_PAGE: &str = r#"{
    "data": [{
        "accountId": "557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0",
        "accountType": "atlassian",
        "status": "active",
        "name": "Lila User",
        "email": "lila@example.com",
        "counts": {"resources": 4, "xSeats": 123456789012345678901234567890},
        "productAccess": [{"key": "jira-software", "id": "site-1", "xQuota": 1e400}],
        "groups": [{"id": "g-1", "name": "jira-users", "xWeight": [1e400, {"deep": 123456789012345678901234567890}]}],
        "links": {"self": "dXNlcjE=", "xRank": 123456789012345678901234567890},
        "xBadge": 123456789012345678901234567890,
        "xScore": 1e400
    }],
    "links": {"next": "b64", "xHops": 1e400},
    "meta": {"total": 1, "xShard": 123456789012345678901234567890}
}"#;

#[test]
fn an_org_user_keeps_big_and_out_of_range_numbers_everywhere() {
    let page: Page<DirectoryUser> = assert_round_trip(USERS_PAGE);
    let user = &page.data[0];
    assert_eq!(user.extra.get("xBadge").map(RawValue::get), Some(BIG));
    assert_eq!(user.extra.get("xScore").map(RawValue::get), Some(HUGE));
    assert_eq!(user.counts.as_ref().and_then(|c| c.extra.get("xSeats")).map(RawValue::get), Some(BIG));
    assert_eq!(user.product_access[0].extra.get("xQuota").map(RawValue::get), Some(HUGE));
    assert_eq!(
        user.groups[0].extra.get("xWeight").map(RawValue::get),
        Some(r#"[1e400, {"deep": 123456789012345678901234567890}]"#)
    );
    assert_eq!(page.meta.as_ref().and_then(|m| m.extra.get("xShard")).map(RawValue::get), Some(BIG));
    assert_eq!(page.links_next(), Some("b64"), "known members still decode");
}

#[test]
fn an_org_group_keeps_big_and_out_of_range_numbers_everywhere() {
    let sent = r#"{
        "data": {
            "id": "g-1",
            "name": "jira-users",
            "managementAccess": {"deletable": false, "xLevel": 123456789012345678901234567890},
            "counts": {"users": 120, "xQuota": 1e400},
            "xBig": 123456789012345678901234567890,
            "xHuge": -1e400
        },
        "xTrace": 1e400
    }"#;
    let group: Data<DirectoryGroup> = assert_round_trip(sent);
    assert_eq!(group.data.extra.get("xHuge").map(RawValue::get), Some("-1e400"));
    assert_eq!(group.extra.get("xTrace").map(RawValue::get), Some(HUGE));
    let access = group.data.management_access.as_ref().expect("managementAccess");
    assert_eq!(access.extra.get("xLevel").map(RawValue::get), Some(BIG));
    assert_eq!(access.deletable, Some(false));
}

/// An audit log page: unknown numbers in the event, its attributes, the actor and its `auth`,
/// `onBehalfOf` and `app`, a context object's free-form `attributes`, the location and the
/// message.
const EVENTS_PAGE: &str = r#"{
    "data": [{
        "id": "ev-1",
        "type": "events",
        "attributes": {
            "time": "2024-05-01T12:30:15.123Z",
            "action": "user_added_to_group",
            "actor": {
                "id": "557057:1",
                "auth": {"authType": "api-token", "xTokenAge": 123456789012345678901234567890},
                "onBehalfOf": {"id": "557057:2", "xRisk": 1e400},
                "app": {"id": "app-1", "attributes": {"xInstalls": 123456789012345678901234567890}},
                "xTrust": 1e400
            },
            "context": [{"id": "g-1", "type": "groups", "attributes": {"name": "admins", "xSize": 123456789012345678901234567890}, "links": {"alt": "u", "xN": 1e400}}],
            "location": {"ip": "203.0.113.5", "xAsn": 123456789012345678901234567890},
            "xRiskScore": 1e400
        },
        "message": {"format": "encrypted", "xLen": 123456789012345678901234567890},
        "xSeq": 123456789012345678901234567890
    }],
    "meta": {"next": "c2", "xLag": 1e400}
}"#;

#[test]
fn an_audit_event_keeps_big_and_out_of_range_numbers_everywhere() {
    let page: Page<Event> = assert_round_trip(EVENTS_PAGE);
    let event = &page.data[0];
    assert_eq!(event.extra.get("xSeq").map(RawValue::get), Some(BIG));
    assert_eq!(event.attributes.extra.get("xRiskScore").map(RawValue::get), Some(HUGE));
    let actor = event.attributes.actor.as_ref().expect("actor");
    assert_eq!(actor.on_behalf_of.as_ref().and_then(|o| o.get("xRisk")).map(RawValue::get), Some(HUGE));
    assert_eq!(event.attributes.context[0].attributes.get("xSize").map(RawValue::get), Some(BIG));
    assert_eq!(event.attributes.context[0].attributes.value("name"), Some("admins".into()));
    assert_eq!(page.meta_next(), Some("c2"));
}

/// `GET …/policies/{policyId}` with unknown numbers in the policy, its attributes, rule,
/// resources and their meta and links.
const POLICY: &str = r#"{
    "data": {
        "id": "pol-1",
        "type": "policy",
        "attributes": {
            "type": "ip-allowlist",
            "name": "Office only",
            "status": "enabled",
            "rule": {"in": ["203.0.113.0/24"], "xPriority": 123456789012345678901234567890},
            "resources": [{
                "id": "ari:cloud:jira::site/abc",
                "applicationStatus": "applied",
                "meta": {"scheduledDate": "2025-07-01", "xWindow": 1e400},
                "links": {"ticket": "T-1", "xRef": 123456789012345678901234567890},
                "xWeight": 1e400
            }],
            "xVersion": 123456789012345678901234567890
        },
        "xEtag": 1e400
    }
}"#;

#[test]
fn a_policy_keeps_big_and_out_of_range_numbers_everywhere() {
    let policy: Data<Policy> = assert_round_trip(POLICY);
    let attributes = &policy.data.attributes;
    assert_eq!(attributes.extra.get("xVersion").map(RawValue::get), Some(BIG));
    assert_eq!(attributes.rule.as_ref().and_then(|r| r.extra.get("xPriority")).map(RawValue::get), Some(BIG));
    assert_eq!(attributes.resources[0].extra.get("xWeight").map(RawValue::get), Some(HUGE));
    assert_eq!(policy.data.extra.get("xEtag").map(RawValue::get), Some(HUGE));
}

#[test]
fn get_modify_put_of_a_policy_sends_unknown_attribute_numbers_back_exactly() {
    let policy: Data<Policy> = serde_json::from_str(POLICY).expect("decodes");
    let mut input = PolicyInput::from(policy.data);
    input.attributes.status = Some(PolicyStatus::Disabled);
    let body = serde_json::to_string(&Data::new(input)).expect("encodes");
    assert!(body.contains(r#""xVersion":123456789012345678901234567890"#), "{body}");
    assert!(body.contains(r#""xPriority":123456789012345678901234567890"#), "{body}");
    assert!(body.contains(r#""xWindow":1e400"#), "{body}");
    assert!(body.contains(r#""status":"disabled""#), "{body}");
}

/// GET → encode of the fixtures, compared member for member (a known optional member sent as
/// `null` or `[]` comes back absent).
#[test]
fn get_then_encode_of_every_org_fixture_gives_back_what_was_sent() {
    fn check<T: DeserializeOwned + Serialize>(name: &str, sent: &str) {
        let model: T = serde_json::from_str(sent).unwrap_or_else(|e| panic!("{name}: {e}"));
        let encoded = serde_json::to_string(&model).expect("encodes");
        assert!(same_json_but_empty_members(&encoded, sent), "{name}\nsent:    {sent}\nencoded: {encoded}");
    }
    check::<Data<Org>>("org", include_str!("fixtures/org_org.json"));
    check::<Page<Org>>("orgs page", include_str!("fixtures/org_orgs_page.json"));
    check::<Data<DirectoryGroup>>("group", include_str!("fixtures/org_group_details.json"));
    check::<Data<Policy>>("policy", include_str!("fixtures/org_policy.json"));
    check::<Page<Policy>>("policy page", include_str!("fixtures/org_policy_page.json"));
    check::<Page<Event>>("events page", include_str!("fixtures/org_events_page.json"));
    check::<Page<Event>>("events stream page", include_str!("fixtures/org_events_stream_page.json"));
    check::<Page<Workspace>>("workspaces page", include_str!("fixtures/org_workspaces_page.json"));
    check::<ScimLinks>("scim links", include_str!("fixtures/org_scim_links.json"));
}

#[test]
fn a_known_field_that_does_not_fit_still_names_its_path() {
    let sent = r#"{"data":[{"accountId":"557057:1","counts":{"resources":"four"},"xBig":123456789012345678901234567890}]}"#;
    let de = &mut serde_json::Deserializer::from_str(sent);
    let err =
        serde_path_to_error::deserialize::<_, Page<DirectoryUser>>(de).expect_err("a string is not a count");
    assert_eq!(err.path().to_string(), "data[0].counts.resources");
}
