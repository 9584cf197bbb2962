//! The discovery documents (RFC 7643 §5–7), shaped like the spec's examples, built from the
//! admin-models discovery types.

use admin_models::scim::{
    ATLASSIAN_EXTERNAL_SCHEMA, AttributeType, AuthenticationScheme, BulkConfig, ENTERPRISE_USER_SCHEMA,
    FilterConfig, GROUP_SCHEMA, LIST_RESPONSE_SCHEMA, ListResponse, Meta, Mutability, RESOURCE_TYPE_SCHEMA,
    ResourceType, ResourceTypeName, Returned, SCHEMA_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA, Schema,
    SchemaAttribute, SchemaExtension, ServiceProviderConfig, Supported, USER_SCHEMA, Uniqueness,
};

fn attr(
    name: &str,
    kind: AttributeType,
    multi: bool,
    required: bool,
    mutability: Mutability,
    uniqueness: Uniqueness,
) -> SchemaAttribute {
    SchemaAttribute {
        name: name.to_owned(),
        kind: Some(kind),
        multi_valued: Some(multi),
        required: Some(required),
        case_exact: Some(false),
        mutability: Some(mutability),
        returned: Some(Returned::Default),
        uniqueness: Some(uniqueness),
        ..SchemaAttribute::default()
    }
}

fn complex(
    name: &str,
    multi: bool,
    required: bool,
    mutability: Mutability,
    subs: Vec<SchemaAttribute>,
) -> SchemaAttribute {
    SchemaAttribute {
        sub_attributes: subs,
        ..attr(name, AttributeType::Complex, multi, required, mutability, Uniqueness::None)
    }
}

fn rw(name: &str) -> SchemaAttribute {
    attr(name, AttributeType::String, false, false, Mutability::ReadWrite, Uniqueness::None)
}

fn ro(name: &str) -> SchemaAttribute {
    attr(name, AttributeType::String, false, false, Mutability::ReadOnly, Uniqueness::None)
}

fn boolean(name: &str) -> SchemaAttribute {
    attr(name, AttributeType::Boolean, false, false, Mutability::ReadWrite, Uniqueness::None)
}

fn typed_multi(name: &str, required: bool) -> SchemaAttribute {
    complex(name, true, required, Mutability::ReadWrite, vec![rw("value"), rw("type"), boolean("primary")])
}

fn meta(resource_type: &str, location: String) -> Option<Meta> {
    Some(Meta {
        resource_type: Some(ResourceTypeName::new(resource_type)),
        location: Some(location),
        ..Meta::default()
    })
}

fn schema_doc(
    base: &str,
    id: &str,
    name: &str,
    description: &str,
    attributes: Vec<SchemaAttribute>,
) -> Schema {
    Schema {
        schemas: vec![SCHEMA_SCHEMA.to_owned()],
        id: id.to_owned(),
        name: Some(name.to_owned()),
        description: Some(description.to_owned()),
        attributes,
        meta: meta("Schema", format!("{base}/Schemas/{id}")),
        ..Schema::default()
    }
}

fn user_schema(base: &str) -> Schema {
    let name_parts =
        ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"];
    schema_doc(
        base,
        USER_SCHEMA,
        "User",
        "User Account",
        vec![
            attr("userName", AttributeType::String, false, true, Mutability::ReadWrite, Uniqueness::Server),
            complex("name", false, false, Mutability::ReadWrite, name_parts.iter().map(|n| rw(n)).collect()),
            rw("displayName"),
            rw("nickName"),
            rw("title"),
            rw("preferredLanguage"),
            rw("department"),
            rw("organization"),
            rw("timezone"),
            boolean("active"),
            typed_multi("emails", true),
            typed_multi("phoneNumbers", false),
            complex(
                "groups",
                true,
                false,
                Mutability::ReadOnly,
                vec![ro("value"), ro("display"), ro("type"), ro("$ref")],
            ),
        ],
    )
}

fn group_schema(base: &str) -> Schema {
    let immutable =
        |name: &str, kind| attr(name, kind, false, false, Mutability::Immutable, Uniqueness::None);
    schema_doc(
        base,
        GROUP_SCHEMA,
        "Group",
        "Group",
        vec![
            attr(
                "displayName",
                AttributeType::String,
                false,
                true,
                Mutability::ReadWrite,
                Uniqueness::Server,
            ),
            complex(
                "members",
                true,
                false,
                Mutability::ReadWrite,
                vec![
                    immutable("value", AttributeType::String),
                    ro("display"),
                    immutable("type", AttributeType::String),
                    immutable("$ref", AttributeType::Reference),
                ],
            ),
        ],
    )
}

fn enterprise_schema(base: &str) -> Schema {
    schema_doc(
        base,
        ENTERPRISE_USER_SCHEMA,
        "EnterpriseUser",
        "Enterprise User",
        vec![rw("organization"), rw("department")],
    )
}

/// `GET /Schemas`: a ListResponse **without** a top-level `schemas` key, as Atlassian sends it.
pub(crate) fn schema_list(base: &str) -> ListResponse<Schema> {
    ListResponse {
        schemas: Vec::new(),
        ..ListResponse::new(vec![user_schema(base), group_schema(base), enterprise_schema(base)])
    }
}

/// `GET /Schemas/{urn}`.
pub(crate) fn schema(base: &str, urn: &str) -> Option<Schema> {
    match urn {
        u if u.eq_ignore_ascii_case(USER_SCHEMA) => Some(user_schema(base)),
        u if u.eq_ignore_ascii_case(GROUP_SCHEMA) => Some(group_schema(base)),
        u if u.eq_ignore_ascii_case(ENTERPRISE_USER_SCHEMA) => Some(enterprise_schema(base)),
        _ => None,
    }
}

fn resource_type_doc(
    base: &str,
    name: &str,
    description: &str,
    schema: &str,
    extensions: &[&str],
) -> ResourceType {
    ResourceType {
        schemas: vec![RESOURCE_TYPE_SCHEMA.to_owned()],
        id: Some(name.to_owned()),
        name: name.to_owned(),
        endpoint: format!("/{name}s"),
        description: Some(description.to_owned()),
        schema: schema.to_owned(),
        schema_extensions: extensions
            .iter()
            .map(|urn| SchemaExtension {
                schema: (*urn).to_owned(),
                required: false,
                ..SchemaExtension::default()
            })
            .collect(),
        meta: meta("ResourceType", format!("{base}/ResourceTypes/{name}")),
        ..ResourceType::default()
    }
}

fn user_type(base: &str) -> ResourceType {
    resource_type_doc(
        base,
        "User",
        "User Account",
        USER_SCHEMA,
        &[ENTERPRISE_USER_SCHEMA, ATLASSIAN_EXTERNAL_SCHEMA],
    )
}

fn group_type(base: &str) -> ResourceType {
    resource_type_doc(base, "Group", "Group", GROUP_SCHEMA, &[])
}

/// `GET /ResourceTypes`.
pub(crate) fn resource_type_list(base: &str) -> ListResponse<ResourceType> {
    let list = ListResponse::new(vec![user_type(base), group_type(base)]);
    debug_assert_eq!(list.schemas, [LIST_RESPONSE_SCHEMA]);
    list
}

/// `GET /ResourceTypes/{name}`.
pub(crate) fn resource_type(base: &str, name: &str) -> Option<ResourceType> {
    match name {
        n if n.eq_ignore_ascii_case("User") => Some(user_type(base)),
        n if n.eq_ignore_ascii_case("Group") => Some(group_type(base)),
        _ => None,
    }
}

fn supported(yes: bool) -> Option<Supported> {
    Some(Supported { supported: yes, ..Supported::default() })
}

/// `GET /ServiceProviderConfig`.
pub(crate) fn service_provider_config(base: &str, max_results: usize) -> ServiceProviderConfig {
    ServiceProviderConfig {
        schemas: vec![SERVICE_PROVIDER_CONFIG_SCHEMA.to_owned()],
        patch: supported(true),
        bulk: Some(BulkConfig {
            supported: false,
            max_operations: Some(0),
            max_payload_size: Some(0),
            ..BulkConfig::default()
        }),
        filter: Some(FilterConfig {
            supported: true,
            max_results: Some(max_results as u64),
            ..FilterConfig::default()
        }),
        change_password: supported(false),
        sort: supported(false),
        etag: supported(false),
        authentication_schemes: vec![AuthenticationScheme {
            kind: "oauthbearertoken".to_owned(),
            name: "OAuth Bearer Token".to_owned(),
            description: Some("Authentication scheme using the OAuth Bearer Token Standard".to_owned()),
            ..AuthenticationScheme::default()
        }],
        meta: meta("ServiceProviderConfig", format!("{base}/ServiceProviderConfig")),
        ..ServiceProviderConfig::default()
    }
}
