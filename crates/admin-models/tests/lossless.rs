//! Issue 11, items 9 and 10: what the server sent survives decode → encode, in every nested
//! object, with unknown values kept exactly as sent (numbers of any size included).

use admin_models::Extra;
use admin_models::scim::{ListResponse, ScimGroup, ScimUser, ServiceProviderConfig};
use admin_models::user_management::{LifecycleResult, PermissionEntry, Permissions, ProfileResponse};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `text` and encodes it again, compactly.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> String {
    let model: T = serde_json::from_str(text).expect("decode");
    serde_json::to_string(&model).expect("encode")
}

/// `text` without the whitespace between JSON tokens (unknown values are written back with
/// the whitespace they were sent with, so both sides are compacted before comparing).
fn compact(text: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            c if c.is_whitespace() && !in_string => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// A GET profile answer with unknown fields next to `account`, inside `account`, inside
/// `extended_profile` and inside `characteristics`, written in the order the model encodes
/// (known fields in declaration order, then unknown ones by name).
const PROFILE: &str = r#"{
    "account": {
        "account_id": "557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0",
        "account_type": "atlassian",
        "account_status": "active",
        "name": "Lila User",
        "nickname": "marshmallow",
        "extended_profile": {
            "job_title": "Lead Investigator",
            "x_badge_colour": "teal",
            "x_cost_centre": {"code": 42, "owner": ["a", "b"]}
        },
        "characteristics": {
            "not_mentionable": false,
            "x_mention_quota": 7,
            "x_new_flag": true
        },
        "x_account_tier": "gold"
    },
    "x_trace": {"region": "eu-west", "hops": [1, 2]}
}"#;

#[test]
fn item_9_unknown_fields_nested_in_a_profile_survive_get_then_encode() {
    let encoded = round_trip::<ProfileResponse>(PROFILE);
    assert_eq!(compact(&encoded), compact(PROFILE));
}

#[test]
fn item_9_unknown_profile_fields_are_readable_where_they_were() {
    let profile: ProfileResponse = serde_json::from_str(PROFILE).expect("decode");
    let account = &profile.account;
    let extended = account.extended_profile.as_ref().expect("extended_profile");
    let characteristics = account.characteristics.as_ref().expect("characteristics");
    assert_eq!(
        profile.extra.value("x_trace"),
        Some(serde_json::json!({"region": "eu-west", "hops": [1, 2]}))
    );
    assert_eq!(account.extra.value("x_account_tier"), Some(Value::from("gold")));
    assert_eq!(extended.extra.value("x_badge_colour"), Some(Value::from("teal")));
    assert_eq!(characteristics.extra.value("x_mention_quota"), Some(Value::from(7)));
    assert_eq!(characteristics.not_mentionable, Some(false));
}

#[test]
fn item_9_every_nested_scim_object_keeps_its_unknown_attributes() {
    let user = r#"{
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "ef5ff80e-9ca6-449c-8cca-5b621085c6c9",
        "userName": "lila@example.com",
        "name": {"familyName": "User", "givenName": "Lila", "x-phonetic": "lai-la"},
        "emails": [{"value": "lila@example.com", "type": "work", "primary": true, "x-verified": true}],
        "phoneNumbers": [{"value": "+1 555 0100", "type": "work", "x-ext": 12}],
        "groups": [{"value": "g-1", "display": "admins", "x-via": "rule"}],
        "meta": {"resourceType": "User", "version": "W/\"3\"", "x-shard": 9},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D", "manager": {"value": "m-1"}},
        "urn:scim:schemas:extension:atlassian-external:1.0": {"atlassianAccountId": "557057:1", "x-linked": true},
        "x-top": [1, {"a": null}]
    }"#;
    assert_eq!(compact(&round_trip::<ScimUser>(user)), compact(user));

    let group = r#"{
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": "g-1",
        "displayName": "admins",
        "members": [{"value": "u-1", "display": "Lila", "x-since": "2024"}],
        "x-owner": "it"
    }"#;
    assert_eq!(compact(&round_trip::<ScimGroup>(group)), compact(group));

    let page = r#"{
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 1,
        "startIndex": 1,
        "itemsPerPage": 1,
        "Resources": [{"displayName": "admins", "members": [{"value": "u-1", "x-k": 1}], "x-owner": "it"}],
        "x-next-cursor": "abc"
    }"#;
    assert_eq!(compact(&round_trip::<ListResponse<ScimGroup>>(page)), compact(page));

    let config = r#"{
        "patch": {"supported": true, "x-max-ops": 100},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0, "x-b": 1},
        "filter": {"supported": true, "maxResults": 100, "x-f": 1},
        "authenticationSchemes": [{"type": "oauthbearertoken", "name": "OAuth Bearer Token", "description": "d", "x-a": 1}],
        "x-vendor": "acme"
    }"#;
    let encoded: Value = serde_json::from_str(&round_trip::<ServiceProviderConfig>(config)).expect("JSON");
    let sent: Value = serde_json::from_str(config).expect("JSON");
    for (object, attribute) in [("patch", "x-max-ops"), ("bulk", "x-b"), ("filter", "x-f")] {
        assert_eq!(encoded[object][attribute], sent[object][attribute], "{object}.{attribute}");
    }
    assert_eq!(encoded["authenticationSchemes"][0]["x-a"], 1);
    assert_eq!(encoded["x-vendor"], "acme");
}

#[test]
fn item_9_permission_rules_keep_their_unknown_fields() {
    let permissions = r#"{"email.set":{"allowed":false,"reason":{"key":"externalDirectory.scim","x-since":"2024"},"x-rule-id":7},"profile.write":{"nickname":{"allowed":true,"x-f":1}},"x-odd":[1e400]}"#;
    assert_eq!(round_trip::<Permissions>(permissions), permissions);
    let decoded: Permissions = serde_json::from_str(permissions).expect("decode");
    assert!(matches!(decoded.entries["x-odd"], PermissionEntry::Other(_)));
}

#[test]
fn item_10_a_big_integer_in_an_unknown_field_comes_back_exactly() {
    let user = r#"{"userName":"lila@example.com","x-big":123456789012345678901234567890}"#;
    let encoded = round_trip::<ScimUser>(user);
    assert_eq!(encoded, user);
    assert!(!encoded.contains("1.2345678901234568e+29"), "{encoded}");

    let decoded: ScimUser = serde_json::from_str(user).expect("decode");
    assert_eq!(decoded.extra.get("x-big").map(|raw| raw.get()), Some("123456789012345678901234567890"));
}

#[test]
fn item_10_numbers_outside_f64_range_anywhere_unknown_do_not_fail_the_decode() {
    let profile = r#"{"account":{"account_id":"557057:1","extended_profile":{"job_title":"x","x_score":1e400},"characteristics":{"x_tiny":-1e-400},"x_big":123456789012345678901234567890},"x_huge":[1E+999]}"#;
    assert_eq!(round_trip::<ProfileResponse>(profile), profile);

    let page = r#"{"totalResults":1,"Resources":[{"userName":"a","emails":[{"value":"a@x","x-weight":1e400}],"urn:example:ext:1.0:User":{"n":99999999999999999999999999999999999999999}}]}"#;
    assert_eq!(round_trip::<ListResponse<ScimUser>>(page), page);

    let result = r#"{"message":"done","x-cost":1.00000000000000000000000000001}"#;
    assert_eq!(round_trip::<LifecycleResult>(result), result);
}

#[test]
fn item_10_unknown_values_keep_their_text_but_compare_by_value() {
    let spaced: ScimUser =
        serde_json::from_str(r#"{"userName":"a","x":{"b": [1, 2], "a": "é"}}"#).expect("decode");
    let compact: ScimUser =
        serde_json::from_str(r#"{"userName":"a","x":{"a":"\u00e9","b":[1,2]}}"#).expect("decode");
    assert_eq!(spaced, compact);
    assert_eq!(
        serde_json::to_string(&spaced).expect("encode"),
        r#"{"userName":"a","x":{"b": [1, 2], "a": "é"}}"#
    );
    let other: ScimUser =
        serde_json::from_str(r#"{"userName":"a","x":{"a":"é","b":[1,2.0]}}"#).expect("decode");
    assert_ne!(spaced, other, "numbers compare by their exact text");
}

#[test]
fn item_10_a_path_tracking_decoder_still_names_the_failing_field() {
    // admin-api explains a failed decode with serde_path_to_error: capturing unknown
    // attributes must neither break it nor hide the path.
    let text = r#"{"Resources":[{"userName":"a","x-big":123456789012345678901234567890,"emails":[{"value":"a@x","primary":"yes"}]}]}"#;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = serde_path_to_error::deserialize::<_, ListResponse<ScimUser>>(&mut deserializer).unwrap_err();
    assert_eq!(error.path().to_string(), "Resources[0].emails[0].primary");

    let ok = r#"{"Resources":[{"userName":"a","x-big":123456789012345678901234567890}],"x-n":1e400}"#;
    let mut deserializer = serde_json::Deserializer::from_str(ok);
    let page: ListResponse<ScimUser> = serde_path_to_error::deserialize(&mut deserializer).expect("decode");
    assert_eq!(
        page.resources[0].extra.get("x-big").map(|raw| raw.get()),
        Some("123456789012345678901234567890")
    );
    assert_eq!(serde_json::to_string(&page).expect("encode"), ok);
}

#[test]
fn item_10_extra_reads_and_writes_values() {
    let mut extra = Extra::new();
    assert!(extra.is_empty());
    extra.insert("x-a".to_owned(), serde_json::json!({"k": [1, "two"]}));
    assert_eq!(extra.get("x-a").map(|raw| raw.get()), Some(r#"{"k":[1,"two"]}"#));
    assert_eq!(
        extra.decode::<Value>("x-a").map(Result::ok),
        Some(Some(serde_json::json!({"k": [1, "two"]})))
    );
    assert_eq!(extra.keys().collect::<Vec<_>>(), ["x-a"]);
    assert!(extra.remove("x-a").is_some());
    assert!(!extra.contains_key("x-a"));
}
