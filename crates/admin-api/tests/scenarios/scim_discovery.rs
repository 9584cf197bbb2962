//! SCIM discovery: `/Schemas`, `/ResourceTypes`, `/ServiceProviderConfig`, typed although the
//! spec says `string`.

use admin_api::models::scim::{ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA};
use serde_json::json;

use super::maybe;
use super::scim_support::*;
use crate::support;

fn schema_json(id: &str, name: &str, attribute: &str) -> serde_json::Value {
    json!({
        "id": id,
        "name": name,
        "description": format!("{name} schema"),
        "attributes": [{"name": attribute, "type": "string", "multiValued": false, "required": true,
                        "mutability": "readWrite", "returned": "default", "uniqueness": "server"}],
        "meta": {"resourceType": "Schema"}
    })
}

fn resource_type_json(name: &str, endpoint: &str, schema: &str) -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": name, "name": name, "endpoint": endpoint, "schema": schema,
        "schemaExtensions": [{"schema": ENTERPRISE_USER_SCHEMA, "required": false}]
    })
}

#[maybe]
async fn schemas_decode_without_the_list_schemas_attribute() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Schemas"))
            .header("authorization", BEARER)
            .header_missing("content-type");
        // As Atlassian sends it: a ListResponse without its `schemas` attribute.
        then.status(200).header("content-type", SCIM_JSON).body(
            json!({"totalResults": 3, "itemsPerPage": 3, "startIndex": 1, "Resources": [
                schema_json(USER_SCHEMA, "User", "userName"),
                schema_json(GROUP_SCHEMA, "Group", "displayName"),
                schema_json(ENTERPRISE_USER_SCHEMA, "EnterpriseUser", "department"),
            ]})
            .to_string(),
        );
    });

    let schemas = scim(&server).schemas().await.expect("schemas");

    mock.assert_calls(1);
    assert_eq!(
        schemas.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        [USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA]
    );
    assert_eq!(schemas[0].attribute("USERNAME").and_then(|a| a.required), Some(true));
}
scenario!(schemas_decode_without_the_list_schemas_attribute);

#[maybe]
async fn one_schema_by_urn_keeps_the_colons_literal() {
    let server = support::server();
    let mocks: Vec<_> =
        [(USER_SCHEMA, "User"), (GROUP_SCHEMA, "Group"), (ENTERPRISE_USER_SCHEMA, "EnterpriseUser")]
            .into_iter()
            .map(|(urn, name)| {
                server.mock(|when, then| {
                    when.method("GET").path(format!("{DIR}/Schemas/{urn}"));
                    then.status(200)
                        .header("content-type", "application/json")
                        .body(schema_json(urn, name, "x").to_string());
                })
            })
            .collect();
    let scim = scim(&server);
    let unexpected = support::fail_unexpected(&server);

    let user = scim.user_schema().await.expect("user");
    let group = scim.group_schema().await.expect("group");
    let enterprise = scim.enterprise_user_schema().await.expect("enterprise");
    let by_urn = scim.schema(USER_SCHEMA).await.expect("by urn");

    assert_eq!(user.name.as_deref(), Some("User"));
    assert_eq!(group.name.as_deref(), Some("Group"));
    assert_eq!(enterprise.id, ENTERPRISE_USER_SCHEMA);
    assert_eq!(by_urn.id, USER_SCHEMA);

    mocks[0].assert_calls(2);
    mocks[1].assert_calls(1);
    mocks[2].assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(one_schema_by_urn_keeps_the_colons_literal);

#[maybe]
async fn resource_types_decode_as_a_list_or_a_bare_array() {
    let server = support::server();
    let list = server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/ResourceTypes"));
        then.status(200).header("content-type", SCIM_JSON).body(
            list_json(
                2,
                1,
                vec![
                    resource_type_json("User", "/Users", USER_SCHEMA),
                    resource_type_json("Group", "/Groups", GROUP_SCHEMA),
                ],
            )
            .to_string(),
        );
    });
    let user = server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/ResourceTypes/User"));
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(resource_type_json("User", "/Users", USER_SCHEMA).to_string());
    });
    let group = server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/ResourceTypes/Group"));
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(resource_type_json("Group", "/Groups", GROUP_SCHEMA).to_string());
    });
    let scim = scim(&server);

    let types = scim.resource_types().await.expect("resource types");
    assert_eq!(types.iter().map(|t| t.endpoint.as_str()).collect::<Vec<_>>(), ["/Users", "/Groups"]);
    let user_type = scim.user_resource_type().await.expect("user type");
    assert_eq!(user_type.schema_extensions[0].schema, ENTERPRISE_USER_SCHEMA);
    let group_type = scim.group_resource_type().await.expect("group type");
    assert_eq!(group_type.schema, GROUP_SCHEMA);
    list.assert_calls(1);
    user.assert_calls(1);
    group.assert_calls(1);

    // Some servers answer with a bare array.
    let bare = crate::support::server();
    bare.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/ResourceTypes"));
        then.status(200)
            .header("content-type", "application/json")
            .body(json!([resource_type_json("User", "/Users", USER_SCHEMA)]).to_string());
    });
    let types = super::scim_support::scim(&bare).resource_types().await.expect("bare array");
    assert_eq!(types.len(), 1);
}
scenario!(resource_types_decode_as_a_list_or_a_bare_array);

#[maybe]
async fn service_provider_config_is_typed() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/ServiceProviderConfig")).header("authorization", BEARER);
        then.status(200).header("content-type", SCIM_JSON).body(
            json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
                "patch": {"supported": true},
                "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
                "filter": {"supported": true, "maxResults": 100},
                "changePassword": {"supported": false},
                "sort": {"supported": false},
                "etag": {"supported": false},
                "authenticationSchemes": [{"type": "oauthbearertoken", "name": "OAuth Bearer Token", "description": "Bearer token"}]
            })
            .to_string(),
        );
    });

    let config = scim(&server).service_provider_config().await.expect("config");

    assert!(config.supports_patch() && config.supports_filter());
    assert!(!config.supports_bulk() && !config.supports_sort() && !config.supports_etag());
    assert_eq!(config.filter.and_then(|f| f.max_results), Some(100));
}
scenario!(service_provider_config_is_typed);

#[maybe]
async fn an_unknown_schema_is_not_found() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Schemas/urn:example:nope"));
        then.status(404).header("content-type", SCIM_JSON).body(scim_error(404, None, "Schema not found"));
    });

    let error = scim(&server).schema("urn:example:nope").await.unwrap_err();
    assert!(error.is_not_found());
}
scenario!(an_unknown_schema_is_not_found);
