//! Snapshots of what goes on the wire.

use admin_models::scim::{ERROR_SCHEMA, Email};
use admin_models::scim::{
    EnterpriseUser, Failure, Filter, GroupMember, ListResponse, Meta, Name, PatchOp, PatchOpKind,
    PatchOperation, PathError, PhoneNumber, ResourceType, ResourceTypeName, Schema, ScimError, ScimGroup,
    ScimType, ScimUser, ServiceProviderConfig, value_filter_path,
};
use admin_models::user_management::{
    ApiToken, ErrorKey, ErrorResponse, LifecycleMessage, LifecycleResult, Permissions, ProfileResponse,
    ProfileUpdate, SetEmailRequest,
};
use admin_models::{ApiTokenId, GroupId, ScimUserId};
use insta::assert_snapshot;

/// Snapshots a model as serde_json writes it. (insta's own serializer does not know serde_json's
/// raw values, in which models keep unknown attributes exactly as sent.)
macro_rules! assert_json_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        insta::assert_snapshot!(
            $name,
            serde_json::to_string_pretty(&$value).expect("a model serializes to JSON")
        )
    };
}
use serde_json::json;

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("fixture decodes")
}

#[test]
fn user_management_requests() {
    assert_json_snapshot!("profile_update_nickname", ProfileUpdate::new().nickname("marshmallow"));
    assert_json_snapshot!(
        "profile_update_full",
        ProfileUpdate::new()
            .name("Lila User")
            .nickname("lila")
            .zoneinfo("America/Los_Angeles")
            .locale("en-US")
            .job_title("Lead Investigator")
            .organization("Amalgamated Investigations")
            .department("Investigations")
            .location("Lompoc, CA")
    );
    assert_json_snapshot!(
        "profile_update_extended_only",
        ProfileUpdate::new().job_title("Lead Investigator")
    );
    assert_json_snapshot!("set_email", SetEmailRequest::new("lila@example.com"));
    assert_json_snapshot!("lifecycle_message_none", LifecycleMessage::default());
    assert_json_snapshot!("lifecycle_message", LifecycleMessage::new("On 6-month suspension"));
}

#[test]
fn user_management_responses() {
    assert_json_snapshot!(
        "profile_response",
        decode::<ProfileResponse>(include_str!("fixtures/um_profile.json"))
    );
    assert_json_snapshot!("permissions", decode::<Permissions>(include_str!("fixtures/um_permissions.json")));
    assert_json_snapshot!(
        "api_token",
        ApiToken {
            id: ApiTokenId::new("b6c0e1d2-0000-4000-8000-000000000001").unwrap(),
            label: "My Addon".into(),
            created_at: "2015-04-12T23:20:50.522Z".into(),
            last_access: None,
            extra: Default::default(),
        }
    );
    assert_json_snapshot!(
        "lifecycle_result",
        LifecycleResult { message: Some("Account deletion scheduled".into()), ..Default::default() }
    );
    assert_json_snapshot!(
        "error_forbidden_action",
        ErrorResponse {
            key: ErrorKey::ForbiddenAction,
            context: Some(json!({"allowed": false, "reason": {"key": "externalDirectory.scim"}})),
        }
    );
    assert_json_snapshot!("error_not_found", ErrorResponse { key: ErrorKey::AccountNotFound, context: None });
    assert_json_snapshot!(
        "error_unknown",
        ErrorResponse { key: ErrorKey::Unknown("some.newKey".into()), context: None }
    );
}

#[test]
fn scim_user() {
    let user = ScimUser {
        external_id: Some("ext-0001".into()),
        name: Some(Name { formatted: Some("Lila User".into()), ..Name::new("Lila", "User") }),
        display_name: Some("Lila User".into()),
        emails: vec![Email::work("lila@example.com").primary()],
        phone_numbers: vec![PhoneNumber::new("+1 555 0100", "work")],
        active: Some(false),
        ..ScimUser::new("lila@example.com")
    }
    .with_enterprise(EnterpriseUser { department: Some("Investigations".into()), ..Default::default() });
    assert_json_snapshot!("scim_user_new", user);
    assert_json_snapshot!("scim_user_minimal", ScimUser::new("lila@example.com"));
    assert_json_snapshot!("scim_user_rich", decode::<ScimUser>(include_str!("fixtures/scim_user_rich.json")));
}

#[test]
fn scim_group_and_list() {
    let group = ScimGroup {
        id: Some(GroupId::new("50202593-bc47-45df-8fa0-3f63343aa3c1").unwrap()),
        members: vec![GroupMember::user("ef5ff80e-9ca6-449c-8cca-5b621085c6c9")],
        meta: Some(Meta { resource_type: Some(ResourceTypeName::group()), ..Default::default() }),
        ..ScimGroup::new("demotime-confluence-users")
    };
    assert_json_snapshot!("scim_group", group);
    assert_json_snapshot!("scim_group_minimal", ScimGroup::new("confluence-users"));
    let user = ScimUser { id: Some(ScimUserId::new("u-1").unwrap()), ..ScimUser::new("a@example.com") };
    assert_json_snapshot!("scim_list_response", ListResponse::new(vec![user]));
}

#[test]
fn scim_errors() {
    assert_json_snapshot!(
        "scim_error",
        ScimError {
            schemas: vec![ERROR_SCHEMA.into()],
            status: "409".into(),
            scim_type: Some(ScimType::Uniqueness),
            detail: Some("Resource already exists".into()),
        }
    );
    assert_json_snapshot!(
        "scim_failure",
        Failure {
            error: Some("Missing authorization header".into()),
            trace_id: Some("5a6c6d0e4b2f4c43".into())
        }
    );
}

#[test]
fn scim_discovery() {
    assert_json_snapshot!("schema_user", decode::<Schema>(include_str!("fixtures/scim_schema_user.json")));
    assert_json_snapshot!(
        "resource_type_user",
        decode::<ResourceType>(include_str!("fixtures/scim_resource_type_user.json"))
    );
    assert_json_snapshot!(
        "service_provider_config",
        decode::<ServiceProviderConfig>(include_str!("fixtures/scim_service_provider_config.json"))
    );
}

#[test]
fn patch_ops() -> Result<(), PathError> {
    assert_json_snapshot!("patch_deactivate", PatchOp::new().set_active(false));
    assert_json_snapshot!(
        "patch_user_attributes",
        PatchOp::new()
            .replace_user_name("lila@example.com")
            .replace_display_name("Lila User")
            .replace_given_name("Lila")
            .replace_family_name("User")
            .replace_name(&Name::new("Lila", "User"))
            .replace_email("work", "lila@example.com")
            .replace_emails(&[Email::work("lila@example.com").primary()])
            .replace_enterprise("department", "Investigations")?
    );
    let mut attributes = serde_json::Map::new();
    attributes.insert("displayName".into(), json!("Lila User"));
    attributes.insert("active".into(), json!(true));
    assert_json_snapshot!("patch_pathless_replace", PatchOp::new().replace_attributes(attributes));
    assert_json_snapshot!(
        "patch_group_members",
        PatchOp::new()
            .add_members(["ef5ff80e-9ca6-449c-8cca-5b621085c6c9", "0b9a5d4c-0000-4000-8000-000000000002"])
            .remove_members(["3c1f0000-0000-4000-8000-000000000003"])
    );
    assert_json_snapshot!("patch_replace_members", PatchOp::new().replace_members(["u-1"]));
    assert_json_snapshot!(
        "patch_raw",
        PatchOp::new()
            .remove("title")?
            .operation(PatchOperation::raw(
                PatchOpKind::Remove,
                Some("members".into()),
                Some(json!([{"value": "u-1"}]))
            ))
            .add(value_filter_path("emails", &Filter::eq("type", "home")?, Some("display"))?, "home")?
    );
    assert_json_snapshot!("patch_empty", PatchOp::new());
    Ok(())
}

#[test]
fn filters() -> Result<(), PathError> {
    let filters = [
        Filter::user_name_eq("lila@example.com"),
        Filter::external_id_eq("ext-0001"),
        Filter::display_name_eq("SCIM_GROUP"),
        Filter::user_name_eq(r#"quote"and\backslash"#),
        Filter::user_name_eq("line\nbreak\ttab\u{1}"),
        Filter::ne("title", "CEO")?,
        Filter::co("displayName", "Lila")?,
        Filter::sw("userName", "l")?,
        Filter::ew("userName", "@example.com")?,
        Filter::gt("meta.lastModified", "2011-05-13T04:42:34Z")?,
        Filter::ge("age", 21)?,
        Filter::lt("age", 65_i64)?,
        Filter::le("score", 10_u64)?,
        Filter::eq("active", true)?,
        Filter::eq("manager", admin_models::scim::FilterValue::Null)?,
        Filter::pr("title")?,
        Filter::eq("title", "a")?.and(Filter::eq("title", "b")?).and(Filter::eq("title", "c")?),
        Filter::eq("title", "a")?.or(Filter::eq("title", "b")?).and(Filter::pr("emails")?),
        Filter::pr("emails")?.and(Filter::eq("title", "a")?.or(Filter::eq("title", "b")?)),
        Filter::pr("emails")?.or(Filter::eq("title", "a")?.and(Filter::eq("title", "b")?)),
        Filter::eq("title", "a")?.or(Filter::eq("title", "b")?).negate(),
        !Filter::pr("title")? & (Filter::pr("emails")? | Filter::pr("phoneNumbers")?),
        Filter::value_path("emails", Filter::eq("type", "work")?.and(Filter::co("value", "@example.com")?))?,
        Filter::raw(r#"userName eq "x" or userName eq "y""#).and(Filter::eq("active", true)?),
        Filter::raw(r#"userName eq "x""#),
        Filter::eq(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "Investigations",
        )?,
    ];
    let lines: Vec<String> = filters.iter().map(ToString::to_string).collect();
    assert_snapshot!("filters", lines.join("\n"));
    Ok(())
}
