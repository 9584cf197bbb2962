//! Property tests: decoding never panics, model → JSON → model is the identity, unknown fields
//! survive a round trip.

use std::collections::BTreeMap;

use admin_models::scim::{
    Email, EnterpriseUser, Failure, Filter, GroupMember, GroupRef, ListResponse, Meta, Name, PatchOp,
    PatchOpKind, PatchOperation, PhoneNumber, ResourceType, ResourceTypeName, Schema, ScimError, ScimGroup,
    ScimType, ScimUser, ServiceProviderConfig,
};
use admin_models::user_management::{
    AccountCharacteristics, AccountStatus, AccountType, ApiToken, AtlassianAccountUser, ErrorKey,
    ErrorResponse, ExtendedProfile, LifecycleMessage, LifecycleResult, PermissionEntry, Permissions,
    ProfileResponse, ProfileUpdate, Restriction, RestrictionReason, Rule, SetEmailRequest,
};
use admin_models::{AccountId, ApiTokenId, Extra, GroupId, ScimUserId};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

/// Any JSON value without floats (whose text form need not round-trip bit for bit).
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z$:.]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown attributes: keys no typed field uses.
fn attributes() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("x-[a-z]{1,6}", json_value(), 0..3).prop_map(|m| m.into_iter().collect())
}

/// Unknown attributes: any JSON value, or a number no `f64`/`u64` holds (issue 11, item 10).
fn extra() -> impl Strategy<Value = Extra> {
    let raw = prop_oneof![
        json_value().prop_map(|v| serde_json::value::to_raw_value(&v).expect("a Value serializes")),
        prop_oneof![
            Just("123456789012345678901234567890"),
            Just("-1e400"),
            Just("0.1000000000000000000000000000001"),
            Just(r#"{"deep": [1e999, 18446744073709551616]}"#),
        ]
        .prop_map(|text| RawValue::from_string(text.to_owned()).expect("valid JSON")),
    ];
    prop::collection::btree_map("x-[a-z]{1,6}", raw, 0..3).prop_map(|m| m.into_iter().collect())
}

fn text() -> impl Strategy<Value = String> {
    ".{0,16}"
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn id_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_|:-]{1,40}"
}

prop_compose! {
    fn meta()(
        resource_type in proptest::option::of(prop_oneof![Just("User"), Just("USER"), Just("Group"), Just("x")]),
        created in opt_text(),
        last_modified in opt_text(),
        location in opt_text(),
        version in opt_text(),
        extra in extra(),
    ) -> Meta {
        Meta { resource_type: resource_type.map(ResourceTypeName::new), created, last_modified, location, version, extra }
    }
}

prop_compose! {
    fn name()(
        formatted in opt_text(), family_name in opt_text(), given_name in opt_text(), middle_name in opt_text(),
        honorific_prefix in opt_text(), honorific_suffix in opt_text(), extra in extra(),
    ) -> Name {
        Name { formatted, family_name, given_name, middle_name, honorific_prefix, honorific_suffix, extra }
    }
}

prop_compose! {
    fn email()(value in text(), kind in opt_text(), primary in proptest::option::of(any::<bool>()),
               display in opt_text(), extra in extra()) -> Email {
        Email { value, kind, primary, display, extra }
    }
}

prop_compose! {
    fn phone()(value in text(), kind in opt_text(), primary in proptest::option::of(any::<bool>()),
               display in opt_text(), extra in extra()) -> PhoneNumber {
        PhoneNumber { value, kind, primary, display, extra }
    }
}

prop_compose! {
    fn group_ref()(value in text(), display in opt_text(), reference in opt_text(), kind in opt_text(),
                   extra in extra()) -> GroupRef {
        GroupRef { value, display, reference, kind, extra }
    }
}

prop_compose! {
    fn member()(value in text(), display in opt_text(), reference in opt_text(), kind in opt_text(),
                extra in extra()) -> GroupMember {
        GroupMember { value, display, reference, kind, extra }
    }
}

prop_compose! {
    fn enterprise()(organization in opt_text(), department in opt_text(), division in opt_text(),
                    cost_center in opt_text(), employee_number in opt_text(), extra in extra()) -> EnterpriseUser {
        EnterpriseUser { organization, department, division, cost_center, employee_number, extra }
    }
}

prop_compose! {
    fn scim_user_core()(
        schemas in prop::collection::vec(text(), 0..3),
        id in proptest::option::of(id_text()),
        external_id in opt_text(),
        user_name in text(),
        name in proptest::option::of(name()),
        display_name in opt_text(),
        nick_name in opt_text(),
        title in opt_text(),
        preferred_language in opt_text(),
        department in opt_text(),
        organization in opt_text(),
        timezone in opt_text(),
    ) -> ScimUser {
        ScimUser {
            schemas,
            id: id.map(|id| ScimUserId::new(id).expect("valid id")),
            external_id, user_name, name, display_name, nick_name, title, preferred_language, department,
            organization, timezone,
            ..ScimUser::default()
        }
    }
}

prop_compose! {
    fn scim_user()(
        core in scim_user_core(),
        emails in prop::collection::vec(email(), 0..3),
        phone_numbers in prop::collection::vec(phone(), 0..2),
        active in proptest::option::of(any::<bool>()),
        groups in prop::collection::vec(group_ref(), 0..2),
        meta in proptest::option::of(meta()),
        enterprise in proptest::option::of(enterprise()),
        account_id in proptest::option::of(proptest::option::of(id_text())),
        extra in extra(),
    ) -> ScimUser {
        let atlassian = account_id.map(|id| admin_models::scim::AtlassianExternal {
            atlassian_account_id: id.map(|id| AccountId::new(id).expect("valid id")),
            extra: Extra::new(),
        });
        ScimUser { emails, phone_numbers, active, groups, meta, enterprise, atlassian, extra, ..core }
    }
}

prop_compose! {
    fn scim_group()(
        schemas in prop::collection::vec(text(), 0..2),
        id in proptest::option::of(id_text()),
        external_id in opt_text(),
        display_name in text(),
        members in prop::collection::vec(member(), 0..3),
        meta in proptest::option::of(meta()),
        extra in extra(),
    ) -> ScimGroup {
        ScimGroup { schemas, id: id.map(|id| GroupId::new(id).expect("valid id")), external_id, display_name, members, meta, extra }
    }
}

prop_compose! {
    fn extended_profile()(job_title in opt_text(), organization in opt_text(), department in opt_text(),
                          location in opt_text(), extra in extra()) -> ExtendedProfile {
        ExtendedProfile { job_title, organization, department, location, extra }
    }
}

prop_compose! {
    fn account()(
        account_id in id_text(),
        account_type in proptest::option::of(text()),
        account_status in proptest::option::of(text()),
        name in opt_text(), nickname in opt_text(), email in opt_text(), picture in opt_text(),
        zoneinfo in opt_text(), locale in opt_text(),
        extended_profile in proptest::option::of(extended_profile()),
        characteristics in proptest::option::of((proptest::option::of(any::<bool>()), extra())),
        extra in extra(),
    ) -> AtlassianAccountUser {
        AtlassianAccountUser {
            account_id: AccountId::new(account_id).expect("valid id"),
            account_type: account_type.map(AccountType::from),
            account_status: account_status.map(AccountStatus::from),
            name, nickname, email, picture, zoneinfo, locale, extended_profile,
            characteristics: characteristics
                .map(|(not_mentionable, extra)| AccountCharacteristics { not_mentionable, extra }),
            extra,
        }
    }
}

prop_compose! {
    fn profile_update()(name in opt_text(), nickname in opt_text(), zoneinfo in opt_text(), locale in opt_text(),
                        job_title in opt_text(), organization in opt_text(), department in opt_text(),
                        location in opt_text()) -> ProfileUpdate {
        let mut update = ProfileUpdate { name, nickname, zoneinfo, locale, ..ProfileUpdate::default() };
        update.extended_profile.job_title = job_title;
        update.extended_profile.organization = organization;
        update.extended_profile.department = department;
        update.extended_profile.location = location;
        update
    }
}

fn rule() -> impl Strategy<Value = Rule> {
    (any::<bool>(), proptest::option::of(text())).prop_map(|(allowed, reason)| Rule {
        allowed,
        reason: reason.map(|key| Restriction::new(RestrictionReason::from(key))),
        extra: Extra::new(),
    })
}

fn permissions() -> impl Strategy<Value = Permissions> {
    let entry = prop_oneof![
        rule().prop_map(PermissionEntry::Rule),
        prop::collection::btree_map("[a-z_.]{1,12}", rule(), 0..4).prop_map(PermissionEntry::Fields),
    ];
    prop::collection::btree_map("[a-zA-Z.]{1,16}", entry, 0..6).prop_map(|entries| Permissions { entries })
}

fn error_response() -> impl Strategy<Value = ErrorResponse> {
    (text(), proptest::option::of(json_value())).prop_map(|(key, context)| ErrorResponse {
        key: ErrorKey::from(key),
        context: context.filter(|c| !c.is_null()),
    })
}

/// An attribute path (RFC 7644 §3.10): `name`, `name.sub` or `urn:…:name`.
fn attribute_path() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9_-]{0,8}(\\.[a-zA-Z][a-zA-Z0-9_-]{0,8})?",
        "urn:[a-z]{1,5}:[a-z0-9.]{1,8}:[a-zA-Z][a-zA-Z0-9]{0,8}",
    ]
}

/// A PATCH path (RFC 7644 §3.5.2): an attribute path or a value path with a filter on any text.
fn patch_path() -> impl Strategy<Value = String> {
    prop_oneof![
        attribute_path(),
        (attribute_path(), text(), proptest::option::of("[a-z]{1,6}")).prop_map(|(attribute, value, sub)| {
            let filter = Filter::eq("type", value).expect("valid attribute");
            admin_models::scim::value_filter_path(&attribute, &filter, sub.as_deref())
                .expect("valid value path")
        }),
    ]
}

fn patch_op() -> impl Strategy<Value = PatchOp> {
    let op = prop_oneof![
        (patch_path(), json_value()).prop_map(|(p, v)| PatchOperation::add(p, v).expect("valid path")),
        (patch_path(), json_value()).prop_map(|(p, v)| PatchOperation::replace(p, v).expect("valid path")),
        patch_path().prop_map(|p| PatchOperation::remove(p).expect("valid path")),
        attributes().prop_map(PatchOperation::replace_attributes),
        (
            prop_oneof![Just(PatchOpKind::Add), Just(PatchOpKind::Remove), Just(PatchOpKind::Replace)],
            opt_text(),
            proptest::option::of(json_value()),
        )
            .prop_map(|(kind, path, value)| PatchOperation::raw(kind, path, value)),
    ];
    prop::collection::vec(op, 0..5).prop_map(PatchOp::from_iter)
}

fn list<T: std::fmt::Debug>(item: impl Strategy<Value = T>) -> impl Strategy<Value = ListResponse<T>> {
    (
        prop::collection::vec(text(), 0..2),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        prop::collection::vec(item, 0..3),
        extra(),
    )
        .prop_map(|(schemas, total_results, start_index, items_per_page, resources, extra)| {
            ListResponse { schemas, total_results, start_index, items_per_page, resources, extra }
        })
}

fn assert_round_trip<T>(model: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(model).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
    prop_assert_eq!(&back, model, "JSON was {}", text);
    Ok(())
}

/// Decodes `bytes` as every response (and request) type; only `Err` is allowed, never a panic.
fn decode_all(bytes: &[u8]) {
    let _ = serde_json::from_slice::<ProfileResponse>(bytes);
    let _ = serde_json::from_slice::<AtlassianAccountUser>(bytes);
    let _ = serde_json::from_slice::<ProfileUpdate>(bytes);
    let _ = serde_json::from_slice::<Permissions>(bytes);
    let _ = serde_json::from_slice::<Vec<ApiToken>>(bytes);
    let _ = serde_json::from_slice::<SetEmailRequest>(bytes);
    let _ = serde_json::from_slice::<LifecycleMessage>(bytes);
    let _ = serde_json::from_slice::<LifecycleResult>(bytes);
    if let Ok(error) = serde_json::from_slice::<ErrorResponse>(bytes) {
        let _ = (error.field_violations(), error.restriction_reason(), error.unclaimed_domain());
        let _ = (error.denied_fields(), error.lifecycle_errors(), error.context_message());
    }
    let _ = serde_json::from_slice::<ScimUser>(bytes);
    let _ = serde_json::from_slice::<ScimGroup>(bytes);
    let _ = serde_json::from_slice::<ListResponse<ScimUser>>(bytes);
    if let Ok(page) = serde_json::from_slice::<ListResponse<ScimGroup>>(bytes) {
        let _ = (page.total_results(), page.start_index(), page.items_per_page(), page.next_start_index());
    }
    if let Ok(error) = serde_json::from_slice::<ScimError>(bytes) {
        let _ = error.status_code();
    }
    let _ = serde_json::from_slice::<Failure>(bytes);
    let _ = serde_json::from_slice::<PatchOp>(bytes);
    let _ = serde_json::from_slice::<Schema>(bytes);
    let _ = serde_json::from_slice::<ResourceType>(bytes);
    let _ = serde_json::from_slice::<ServiceProviderConfig>(bytes);
    let _ = serde_json::from_slice::<ListResponse<Schema>>(bytes);
    let _ = serde_json::from_slice::<ScimType>(bytes);
    let _ = serde_json::from_slice::<ApiTokenId>(bytes);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_all(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        decode_all(value.to_string().as_bytes());
    }

    #[test]
    fn scim_user_round_trips(user in scim_user()) {
        assert_round_trip(&user)?;
    }

    #[test]
    fn scim_group_round_trips(group in scim_group()) {
        assert_round_trip(&group)?;
    }

    #[test]
    fn list_responses_round_trip(page in list(scim_group())) {
        assert_round_trip(&page)?;
    }

    #[test]
    fn profile_round_trips(account in account(), extra in extra()) {
        assert_round_trip(&ProfileResponse { account, extra })?;
    }

    #[test]
    fn profile_update_round_trips(update in profile_update()) {
        assert_round_trip(&update)?;
        // Only what is set goes on the wire.
        let value = serde_json::to_value(&update).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let object = value.as_object().cloned().unwrap_or_default();
        prop_assert_eq!(object.contains_key("nickname"), update.nickname.is_some());
        prop_assert_eq!(object.contains_key("extended_profile"), !update.extended_profile.is_empty());
    }

    #[test]
    fn permissions_round_trip(permissions in permissions()) {
        assert_round_trip(&permissions)?;
    }

    #[test]
    fn user_management_errors_round_trip(error in error_response()) {
        assert_round_trip(&error)?;
    }

    #[test]
    fn scim_errors_round_trip(status in text(), scim_type in opt_text(), detail in opt_text()) {
        let error = ScimError {
            schemas: vec![admin_models::scim::ERROR_SCHEMA.to_owned()],
            status,
            scim_type: scim_type.map(ScimType::from),
            detail,
        };
        assert_round_trip(&error)?;
    }

    #[test]
    fn api_tokens_round_trip(id in id_text(), label in text(), created_at in text(), last_access in opt_text(), extra in extra()) {
        let token = ApiToken { id: ApiTokenId::new(id).expect("valid id"), label, created_at, last_access, extra };
        assert_round_trip(&token)?;
    }

    #[test]
    fn patch_ops_round_trip(patch in patch_op()) {
        assert_round_trip(&patch)?;
        let value = serde_json::to_value(&patch).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(value.get("Operations").is_some());
        prop_assert_eq!(&value["schemas"][0], "urn:ietf:params:scim:api:messages:2.0:PatchOp");
    }

    #[test]
    fn unknown_fields_survive(user in scim_user(), key in "x-new-[a-z]{1,6}", unknown in json_value()) {
        let fail = |e: serde_json::Error| TestCaseError::fail(e.to_string());
        let mut object: BTreeMap<String, Box<RawValue>> =
            serde_json::from_str(&serde_json::to_string(&user).map_err(fail)?).map_err(fail)?;
        let unknown_text = serde_json::value::to_raw_value(&unknown).map_err(fail)?;
        let nested = RawValue::from_string(format!(r#"{{"a": {unknown_text}}}"#)).map_err(fail)?;
        object.insert(key.clone(), unknown_text.clone());
        object.insert("urn:example:new:extension".into(), nested.clone());
        let decoded: ScimUser = serde_json::from_str(&serde_json::to_string(&object).map_err(fail)?).map_err(fail)?;
        prop_assert_eq!(decoded.extra.value(&key), Some(unknown.clone()));
        let again: BTreeMap<String, Box<RawValue>> =
            serde_json::from_str(&serde_json::to_string(&decoded).map_err(fail)?).map_err(fail)?;
        prop_assert_eq!(again.get(&key).map(|raw| raw.get()), Some(unknown_text.get()));
        prop_assert_eq!(again.get("urn:example:new:extension").map(|raw| raw.get()), Some(nested.get()));
    }

    #[test]
    fn filter_strings_escape_quotes(value in ".{0,24}") {
        let filter = Filter::user_name_eq(value.clone()).to_string();
        let literal = filter.strip_prefix("userName eq ").unwrap_or_default();
        // The quoted value is a JSON string literal that decodes back to the input.
        let back: String = serde_json::from_str(literal).map_err(|e| TestCaseError::fail(format!("{e}: {filter}")))?;
        prop_assert_eq!(back, value);
    }

    /// Issue 11, item 7: whatever an attribute argument holds, an accepted one carries nothing a
    /// filter parser reads as syntax, so the filter has exactly the one clause that was built.
    #[test]
    fn item_7_accepted_filter_attributes_carry_no_syntax(attribute in "[a-zA-Z0-9 \"()\\[\\]:._$-]{0,12}", value in text()) {
        match Filter::eq(attribute.clone(), value) {
            Ok(filter) => {
                prop_assert!(!attribute.contains([' ', '"', '(', ')', '[', ']']), "{}", attribute);
                let clause = attribute.clone() + " eq \"";
                prop_assert!(filter.to_string().starts_with(&clause));
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    /// Issue 11, item 8: PATCH paths built from valid parts are accepted; random text never
    /// panics the checker, and a blank path never passes.
    #[test]
    fn item_8_patch_paths(valid in patch_path(), any in ".{0,24}") {
        prop_assert!(admin_models::scim::PatchPath::parse(valid.clone()).is_ok(), "{}", valid);
        let checked = admin_models::scim::PatchPath::parse(any.clone());
        if any.trim().is_empty() {
            prop_assert!(checked.is_err());
        }
    }
}

#[test]
fn permission_entries_keep_their_shape() {
    let mut entries = BTreeMap::new();
    entries.insert("profile.write".to_owned(), PermissionEntry::Fields(BTreeMap::new()));
    assert_round_trip(&Permissions { entries }).expect("round trip");
}
