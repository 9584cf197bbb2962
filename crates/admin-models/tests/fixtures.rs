//! Every fixture (copied from the specs' examples and the seeds) decodes with `from_str` and
//! `from_reader`, and re-encodes to the same JSON.

use std::fmt::Debug;

use admin_models::scim::{ATLASSIAN_EXTERNAL_SCHEMA, Failure};
use admin_models::scim::{
    ListResponse, PatchOp, PatchOpKind, ResourceType, Schema, ScimError, ScimGroup, ScimType, ScimUser,
    ServiceProviderConfig,
};
use admin_models::user_management::{
    Access, ApiToken, ErrorKey, ErrorResponse, LifecycleMessage, LifecycleResult, Permissions, Privilege,
    ProfileResponse, ProfileUpdate, RestrictionReason, SetEmailRequest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("fixtures/", $name))
    };
}

/// Drops empty arrays: SCIM treats them as unassigned (RFC 7643 §2.5) and we do not send them.
fn normalize(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !matches!(v, Value::Array(a) if a.is_empty()))
                .map(|(k, v)| (k, normalize(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        other => other,
    }
}

fn round_trip<T>(text: &str) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let from_str: T = serde_json::from_str(text).expect("from_str");
    let from_reader: T = serde_json::from_reader(text.as_bytes()).expect("from_reader");
    assert_eq!(from_str, from_reader);
    let encoded = serde_json::to_value(&from_str).expect("encode");
    let original: Value = serde_json::from_str(text).expect("fixture is JSON");
    assert_eq!(normalize(encoded.clone()), normalize(original), "re-encoding changed the JSON");
    let again: T = serde_json::from_value(encoded).expect("decode again");
    assert_eq!(again, from_str);
    from_str
}

#[test]
fn profile() {
    let profile: ProfileResponse = round_trip(fixture!("um_profile.json"));
    let account = profile.account;
    assert_eq!(account.account_id, "557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0");
    assert_eq!(account.nickname.as_deref(), Some("marshmallow"));
    let extended = account.extended_profile.expect("extended_profile");
    assert_eq!(extended.job_title.as_deref(), Some("Lead Investigator"));
    assert!(account.extra.is_empty());
}

#[test]
fn profile_update() {
    let update: ProfileUpdate = round_trip(fixture!("um_profile_update.json"));
    assert_eq!(update, ProfileUpdate::new().nickname("marshmallow"));
    assert_eq!(serde_json::to_string(&update).unwrap(), r#"{"nickname":"marshmallow"}"#);
}

#[test]
fn permissions() {
    let permissions: Permissions = round_trip(fixture!("um_permissions.json"));
    assert_eq!(permissions.check(Privilege::ProfileRead), Access::Allowed);
    assert_eq!(permissions.check(Privilege::EmailSet), Access::Denied(RestrictionReason::ManagedAccount));
    assert_eq!(
        permissions.check(Privilege::LifecycleEnablement),
        Access::Denied(RestrictionReason::ExternalDirectoryScim)
    );
    assert_eq!(
        permissions.check(Privilege::LifecycleDelete),
        Access::Denied(RestrictionReason::AuthPolicySaml)
    );
    assert_eq!(permissions.check(Privilege::ProfileWrite), Access::Allowed);
    assert_eq!(permissions.check_field("extended_profile.location"), Access::Allowed);
    assert_eq!(permissions.check_field("picture"), Access::NotReported);
}

#[test]
fn api_tokens() {
    let tokens: Vec<ApiToken> = round_trip(fixture!("um_api_tokens.json"));
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].label, "My Addon");
    assert_eq!(tokens[0].last_access.as_deref(), Some("2015-05-12T20:20:50.521Z"));
}

#[test]
fn request_bodies() {
    let email: SetEmailRequest = round_trip(fixture!("um_set_email.json"));
    assert!(email.validate().is_ok());
    let message: LifecycleMessage = round_trip(fixture!("um_lifecycle_disable.json"));
    assert_eq!(message, LifecycleMessage::new("On 6-month suspension"));
    let result: LifecycleResult = round_trip(fixture!("um_result_message.json"));
    assert_eq!(result.message.as_deref(), Some("Account deletion scheduled"));
}

#[test]
fn user_management_errors() {
    let cases: [(&str, ErrorKey); 11] = [
        (fixture!("um_error_body_parse_failure.json"), ErrorKey::BodyParseFailure),
        (fixture!("um_error_field_constraints.json"), ErrorKey::FieldConstraintsViolated),
        (fixture!("um_error_unauthorized.json"), ErrorKey::Unauthorized),
        (fixture!("um_error_forbidden.json"), ErrorKey::Forbidden),
        (fixture!("um_error_target_unverified.json"), ErrorKey::ForbiddenTargetUnverified),
        (fixture!("um_error_forbidden_action.json"), ErrorKey::ForbiddenAction),
        (fixture!("um_error_unclaimed_domain.json"), ErrorKey::ForbiddenUnclaimedDomain),
        (fixture!("um_error_field_mutation.json"), ErrorKey::ForbiddenFieldMutation),
        (fixture!("um_error_account_not_found.json"), ErrorKey::AccountNotFound),
        (fixture!("um_error_not_found.json"), ErrorKey::NotFound),
        (fixture!("um_error_conflict_lifecycle.json"), ErrorKey::ConflictLifecycleErrors),
    ];
    for (text, key) in cases {
        let error: ErrorResponse = round_trip(text);
        assert_eq!(error.key, key);
        assert!(!error.key.is_unknown());
    }

    let violations: ErrorResponse =
        serde_json::from_str(fixture!("um_error_field_constraints.json")).unwrap();
    let violations = violations.field_violations();
    assert_eq!(violations[0].field, "nickname");
    assert_eq!(violations[0].violations[0].key, "maxLength");

    let action: ErrorResponse = serde_json::from_str(fixture!("um_error_forbidden_action.json")).unwrap();
    assert_eq!(action.restriction_reason(), Some(RestrictionReason::ExternalDirectoryScim));

    let domain: ErrorResponse = serde_json::from_str(fixture!("um_error_unclaimed_domain.json")).unwrap();
    assert_eq!(domain.unclaimed_domain(), Some("vanlowe-pi.net"));

    let mutation: ErrorResponse = serde_json::from_str(fixture!("um_error_field_mutation.json")).unwrap();
    assert_eq!(mutation.denied_fields(), vec!["name".to_owned()]);

    let conflict: ErrorResponse = serde_json::from_str(fixture!("um_error_conflict_lifecycle.json")).unwrap();
    assert_eq!(conflict.lifecycle_errors()[0].code, "example.error.code");
    assert_eq!(conflict.context_message(), Some("This account isn't eligible for the requested action"));

    let unknown: ErrorResponse = round_trip(r#"{"key":"brand.newKey","context":{"a":[1,2]}}"#);
    assert_eq!(unknown.key, ErrorKey::Unknown("brand.newKey".into()));
    assert!(unknown.field_violations().is_empty());
}

#[test]
fn scim_users() {
    let user: ScimUser = round_trip(fixture!("scim_user.json"));
    assert_eq!(user.user_name, "lila@example.com");
    assert_eq!(
        user.atlassian_account_id().map(|id| id.as_str()),
        Some("557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0")
    );
    assert_eq!(user.enterprise.as_ref().and_then(|e| e.department.as_deref()), Some("Investigations"));
    assert!(user.meta.as_ref().and_then(|m| m.resource_type.as_ref()).is_some_and(|t| t.is_user()));
    assert!(user.extra.is_empty());
    assert!(user.schemas.iter().any(|s| s == ATLASSIAN_EXTERNAL_SCHEMA));

    let write: ScimUser = round_trip(fixture!("scim_user_write.json"));
    assert_eq!(write.primary_email(), Some("lila@example.com"));

    let rich: ScimUser = round_trip(fixture!("scim_user_rich.json"));
    assert_eq!(rich.active, Some(false));
    assert!(!rich.is_active());
    assert!(rich.meta.as_ref().and_then(|m| m.resource_type.as_ref()).is_some_and(|t| t.is_user()));
    assert!(rich.extension("urn:example:params:scim:schemas:extension:custom:1.0").is_some());
    assert!(rich.extra.contains_key("x-unknown-attribute"));
    assert!(rich.name.as_ref().is_some_and(|n| n.extra.contains_key("phonetic")));
    assert!(rich.emails[1].extra.contains_key("verified"));
    assert!(rich.enterprise.as_ref().is_some_and(|e| e.extra.contains_key("manager")));
    assert_eq!(rich.groups[0].reference.as_deref().map(|r| r.ends_with("3f63343aa3c1")), Some(true));

    let list: ListResponse<ScimUser> = round_trip(fixture!("scim_user_list.json"));
    assert_eq!((list.total_results(), list.start_index(), list.items_per_page()), (1, 1, 1));
    assert_eq!(list.next_start_index(), None);
}

#[test]
fn scim_groups() {
    let group: ScimGroup = round_trip(fixture!("scim_group.json"));
    assert_eq!(group.display_name, "demotime-confluence-users");
    assert_eq!(group.members[0].kind.as_deref(), Some("User"));
    let write: ScimGroup = round_trip(fixture!("scim_group_write.json"));
    assert_eq!(write, ScimGroup::new("demotime-confluence-users"));
    let list: ListResponse<ScimGroup> = round_trip(fixture!("scim_group_list.json"));
    assert_eq!(list.resources.len(), 1);
}

#[test]
fn scim_errors() {
    let not_found: ScimError = round_trip(fixture!("scim_error_404.json"));
    assert_eq!(not_found.status_code(), Some(404));
    assert_eq!(not_found.scim_type, None);
    let conflict: ScimError = round_trip(fixture!("scim_error_409.json"));
    assert_eq!(conflict.scim_type, Some(ScimType::Uniqueness));
    let bad: ScimError = round_trip(fixture!("scim_error_400.json"));
    assert_eq!(bad.scim_type, Some(ScimType::InvalidValue));
    let failure: Failure = round_trip(fixture!("scim_failure_401.json"));
    assert_eq!(failure.error.as_deref(), Some("Missing authorization header"));

    let numeric: ScimError = serde_json::from_str(r#"{"status": 503, "scimType": "newType"}"#).unwrap();
    assert_eq!(numeric.status_code(), Some(503));
    assert_eq!(numeric.scim_type, Some(ScimType::Unknown("newType".into())));
}

#[test]
fn scim_discovery() {
    let schemas: ListResponse<Schema> = round_trip(fixture!("scim_schemas_list.json"));
    assert_eq!(schemas.resources.len(), 3);
    let user: Schema = round_trip(fixture!("scim_schema_user.json"));
    assert!(user.schemas.is_empty(), "Atlassian sends no `schemas` on /Schemas");
    assert_eq!(user.attribute("USERNAME").and_then(|a| a.required), Some(true));
    let _: Schema = round_trip(fixture!("scim_schema_enterprise.json"));
    let types: ListResponse<ResourceType> = round_trip(fixture!("scim_resource_types_list.json"));
    assert_eq!(types.resources[1].endpoint, "/Groups");
    let user_type: ResourceType = round_trip(fixture!("scim_resource_type_user.json"));
    assert_eq!(user_type.schema_extensions.len(), 2);
    let config: ServiceProviderConfig = round_trip(fixture!("scim_service_provider_config.json"));
    assert!(config.supports_patch() && config.supports_filter());
    assert!(!config.supports_bulk() && !config.supports_sort() && !config.supports_etag());
}

#[test]
fn scim_patch() {
    let patch: PatchOp = round_trip(fixture!("scim_patch_op.json"));
    assert_eq!(patch, PatchOp::new().set_active(false));

    // go-atlassian sends lower-case `operations` and mixed-case ops; we always send RFC form.
    let peer: PatchOp = serde_json::from_str(fixture!("scim_patch_go_atlassian.json")).unwrap();
    assert_eq!(peer.len(), 4);
    assert!(peer.operations().iter().take(3).all(|op| op.op() == PatchOpKind::Replace));
    let sent = serde_json::to_value(&peer).unwrap();
    assert!(sent.get("Operations").is_some() && sent.get("operations").is_none());
    assert_eq!(sent["Operations"][2]["op"], "replace");
    assert_eq!(sent["Operations"][3]["value"][1]["primary"], false);
}

#[test]
fn lenient_list_without_counts_or_resources() {
    let empty: ListResponse<ScimUser> = serde_json::from_str("{}").unwrap();
    assert!(empty.resources.is_empty());
    assert_eq!((empty.total_results(), empty.start_index(), empty.items_per_page()), (0, 1, 0));
    assert!(!empty.has_more());
    let lower: ListResponse<ScimGroup> =
        serde_json::from_str(r#"{"totalResults": 5, "startIndex": 3, "resources": [{"displayName": "x"}]}"#)
            .unwrap();
    assert_eq!(lower.resources.len(), 1);
    assert_eq!(lower.next_start_index(), Some(4));
}
