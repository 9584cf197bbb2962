//! The discovery documents (RFC 7643 §5–7), shaped like the spec's examples.

use serde_json::{Value, json};

use crate::schemas;

fn attr(name: &str, ty: &str, multi: bool, required: bool, mutability: &str, uniqueness: &str) -> Value {
    json!({
        "name": name,
        "type": ty,
        "multiValued": multi,
        "required": required,
        "caseExact": false,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": uniqueness,
    })
}

fn complex(name: &str, multi: bool, required: bool, mutability: &str, subs: Vec<Value>) -> Value {
    let mut a = attr(name, "complex", multi, required, mutability, "none");
    if let Some(m) = a.as_object_mut() {
        m.insert("subAttributes".into(), Value::Array(subs));
    }
    a
}

fn rw(name: &str) -> Value {
    attr(name, "string", false, false, "readWrite", "none")
}

fn typed_multi(name: &str, required: bool) -> Value {
    complex(
        name,
        true,
        required,
        "readWrite",
        vec![rw("value"), rw("type"), attr("primary", "boolean", false, false, "readWrite", "none")],
    )
}

fn schema_doc(base: &str, id: &str, name: &str, description: &str, attributes: Vec<Value>) -> Value {
    json!({
        "schemas": [schemas::SCHEMA],
        "id": id,
        "name": name,
        "description": description,
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{id}")},
    })
}

fn user_schema(base: &str) -> Value {
    let ref_sub = |name: &str| attr(name, "string", false, false, "readOnly", "none");
    schema_doc(
        base,
        schemas::USER,
        "User",
        "User Account",
        vec![
            attr("userName", "string", false, true, "readWrite", "server"),
            complex(
                "name",
                false,
                false,
                "readWrite",
                ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"]
                    .iter()
                    .map(|n| rw(n))
                    .collect(),
            ),
            rw("displayName"),
            rw("nickName"),
            rw("title"),
            rw("preferredLanguage"),
            rw("department"),
            rw("organization"),
            rw("timezone"),
            attr("active", "boolean", false, false, "readWrite", "none"),
            typed_multi("emails", true),
            typed_multi("phoneNumbers", false),
            complex(
                "groups",
                true,
                false,
                "readOnly",
                vec![ref_sub("value"), ref_sub("display"), ref_sub("type"), ref_sub("$ref")],
            ),
        ],
    )
}

fn group_schema(base: &str) -> Value {
    schema_doc(
        base,
        schemas::GROUP,
        "Group",
        "Group",
        vec![
            attr("displayName", "string", false, true, "readWrite", "server"),
            complex(
                "members",
                true,
                false,
                "readWrite",
                vec![
                    attr("value", "string", false, false, "immutable", "none"),
                    attr("display", "string", false, false, "readOnly", "none"),
                    attr("type", "string", false, false, "immutable", "none"),
                    attr("$ref", "reference", false, false, "immutable", "none"),
                ],
            ),
        ],
    )
}

fn enterprise_schema(base: &str) -> Value {
    schema_doc(
        base,
        schemas::ENTERPRISE_USER,
        "EnterpriseUser",
        "Enterprise User",
        vec![rw("organization"), rw("department")],
    )
}

/// `GET /Schemas`: a ListResponse **without** a top-level `schemas` key, as Atlassian sends it.
pub(crate) fn schema_list(base: &str) -> Value {
    let all = vec![user_schema(base), group_schema(base), enterprise_schema(base)];
    json!({"totalResults": all.len(), "startIndex": 1, "itemsPerPage": all.len(), "Resources": all})
}

/// `GET /Schemas/{urn}`.
pub(crate) fn schema(base: &str, urn: &str) -> Option<Value> {
    match urn {
        u if u.eq_ignore_ascii_case(schemas::USER) => Some(user_schema(base)),
        u if u.eq_ignore_ascii_case(schemas::GROUP) => Some(group_schema(base)),
        u if u.eq_ignore_ascii_case(schemas::ENTERPRISE_USER) => Some(enterprise_schema(base)),
        _ => None,
    }
}

fn user_type(base: &str) -> Value {
    json!({
        "schemas": [schemas::RESOURCE_TYPE],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "User Account",
        "schema": schemas::USER,
        "schemaExtensions": [
            {"schema": schemas::ENTERPRISE_USER, "required": false},
            {"schema": schemas::ATLASSIAN_EXTERNAL, "required": false},
        ],
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User")},
    })
}

fn group_type(base: &str) -> Value {
    json!({
        "schemas": [schemas::RESOURCE_TYPE],
        "id": "Group",
        "name": "Group",
        "endpoint": "/Groups",
        "description": "Group",
        "schema": schemas::GROUP,
        "schemaExtensions": [],
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group")},
    })
}

/// `GET /ResourceTypes`.
pub(crate) fn resource_type_list(base: &str) -> Value {
    json!({
        "schemas": [schemas::LIST_RESPONSE],
        "totalResults": 2,
        "startIndex": 1,
        "itemsPerPage": 2,
        "Resources": [user_type(base), group_type(base)],
    })
}

/// `GET /ResourceTypes/{name}`.
pub(crate) fn resource_type(base: &str, name: &str) -> Option<Value> {
    match name {
        n if n.eq_ignore_ascii_case("User") => Some(user_type(base)),
        n if n.eq_ignore_ascii_case("Group") => Some(group_type(base)),
        _ => None,
    }
}

/// `GET /ServiceProviderConfig`.
pub(crate) fn service_provider_config(base: &str, max_results: usize) -> Value {
    json!({
        "schemas": [schemas::SERVICE_PROVIDER_CONFIG],
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": max_results},
        "changePassword": {"supported": false},
        "sort": {"supported": false},
        "etag": {"supported": false},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "Authentication scheme using the OAuth Bearer Token Standard",
        }],
        "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig")},
    })
}
