//! Org policies (#50–#58): the `data` wrapper both ways, 202 Accepted on writes, resources,
//! validation, GET → modify → PUT without loss, and the typed 404.

use admin_api::models::org::{
    PolicyAttributes, PolicyId, PolicyInput, PolicyResource, PolicyResourceId, PolicyResourceMeta,
    PolicyResourceUpdate, PolicyRule, PolicyStatus, PolicyType,
};
use serde_json::{Value, json};

use super::maybe;
use super::org_audit_support::*;
use crate::support;

fn policy_json(id: &str, status: &str) -> Value {
    json!({
        "id": id,
        "type": "policy",
        "attributes": {
            "type": "ip-allowlist",
            "name": "Office only",
            "status": status,
            "rule": {"in": ["203.0.113.0/24"]},
            "resources": [{"id": "ari:cloud:jira::site/abc", "applicationStatus": "applying"}],
            "enforcement": "strict"
        }
    })
}

fn policy_id() -> PolicyId {
    PolicyId::new("pol/1").unwrap()
}

const POLICY: &str = "pol%2F1";

#[maybe]
async fn policies_are_listed_by_type_to_a_null_next() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{}/policies", v1()))
            .header("authorization", ORG_BEARER)
            .query_param("type", "ip-allowlist")
            .query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").body(
            json!({"data": [policy_json("p1", "enabled")], "meta": {"next": "bmV4dA==", "page_size": 1}})
                .to_string(),
        );
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(format!("{}/policies", v1())).query_param("cursor", "bmV4dA==");
        then.status(200).header("content-type", "application/json").body(
            json!({"data": [policy_json("p2", "disabled")], "meta": {"next": null, "page_size": 1}})
                .to_string(),
        );
    });

    let policies =
        org_at(&server.base_url()).policies().list(Some(PolicyType::IpAllowlist)).all().await.expect("all");

    first.assert_calls(1);
    second.assert_calls(1);
    assert_eq!(policies.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p1", "p2"]);
}
scenario!(policies_are_listed_by_type_to_a_null_next);

#[maybe]
async fn a_policy_is_created_inside_data_and_accepted_with_202() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{}/policies", v1()))
            .header("content-type", "application/json")
            .json_body(json!({"data": {"type": "policy", "attributes": {
                "type": "ip-allowlist", "name": "Office only", "status": "enabled",
                "rule": {"in": ["203.0.113.0/24"]},
                "resources": [{"id": "ari:cloud:jira::site/abc"}]
            }}}));
        then.status(202)
            .header("content-type", "application/json")
            .body(json!({"data": policy_json("p-new", "enabled")}).to_string());
    });
    let input = PolicyInput::new(
        PolicyAttributes::new(PolicyType::IpAllowlist)
            .name("Office only")
            .status(PolicyStatus::Enabled)
            .rule(PolicyRule::allow_if_contained(["203.0.113.0/24"]))
            .resource(PolicyResource::new(PolicyResourceId::new("ari:cloud:jira::site/abc").unwrap())),
    );

    let created = org_at(&server.base_url()).policies().create(&input).await.expect("created");

    mock.assert_calls(1);
    assert_eq!(created.id.as_str(), "p-new");
    assert_eq!(
        created.attributes.resources[0].application_status,
        Some(admin_api::models::org::ApplicationStatus::Applying)
    );
}
scenario!(a_policy_is_created_inside_data_and_accepted_with_202);

#[maybe]
async fn get_modify_put_keeps_what_this_crate_does_not_know() {
    let server = support::server();
    let get = server.mock(|when, then| {
        when.method("GET").path(format!("{}/policies/{POLICY}", v1()));
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": policy_json("pol/1", "enabled")}).to_string());
    });
    let mut expected = policy_json("pol/1", "disabled");
    expected["attributes"]["resources"][0] =
        json!({"id": "ari:cloud:jira::site/abc", "applicationStatus": "applying"});
    let put = server.mock(|when, then| {
        when.method("PUT").path(format!("{}/policies/{POLICY}", v1())).json_body(json!({"data": expected}));
        then.status(202)
            .header("content-type", "application/json")
            .body(json!({"data": policy_json("pol/1", "disabled")}).to_string());
    });
    let policies = org_at(&server.base_url()).policies();

    let policy = policies.get(&policy_id()).await.expect("get");
    let mut input = PolicyInput::from(policy);
    input.attributes.status = Some(PolicyStatus::Disabled);
    let updated = policies.update(&policy_id(), &input).await.expect("put");

    get.assert_calls(1);
    put.assert_calls(1);
    assert_eq!(updated.attributes.status, Some(PolicyStatus::Disabled));
    assert_eq!(updated.attributes.extra.value("enforcement"), Some(serde_json::json!("strict")));
}
scenario!(get_modify_put_keeps_what_this_crate_does_not_know);

#[maybe]
async fn delete_resources_and_validate() {
    let server = support::server();
    let resource = "ari:cloud:jira::site%2Fabc";
    let delete = server.mock(|when, then| {
        when.method("DELETE").path(format!("{}/policies/{POLICY}", v1()));
        then.status(202);
    });
    let add = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{}/policies/{POLICY}/resources", v1()))
            .json_body(json!({"id": "ari:cloud:jira::site/abc", "meta": {"scheduledDate": "2025-07-01"}}));
        then.status(202)
            .header("content-type", "application/json")
            .body(json!({"data": policy_json("pol/1", "enabled")}).to_string());
    });
    let update = server.mock(|when, then| {
        when.method("PUT")
            .path(format!("{}/policies/{POLICY}/resources/{resource}", v1()))
            .json_body(json!({"meta": {"scheduledDate": "2025-08-01"}}));
        then.status(202)
            .header("content-type", "application/json")
            .body(json!({"data": policy_json("pol/1", "enabled")}).to_string());
    });
    let remove = server.mock(|when, then| {
        when.method("DELETE").path(format!("{}/policies/{POLICY}/resources/{resource}", v1()));
        then.status(204);
    });
    let validate = server.mock(|when, then| {
        when.method("GET").path(format!("{}/policies/{POLICY}/validate", v1()));
        then.status(202);
    });
    let policies = org_at(&server.base_url()).policies();
    let resource_id = PolicyResourceId::new("ari:cloud:jira::site/abc").unwrap();
    let mut to_add = PolicyResource::new(resource_id.clone());
    to_add.meta = Some(serde_json::from_value(json!({"scheduledDate": "2025-07-01"})).unwrap());
    let mut meta = PolicyResourceMeta::default();
    meta.scheduled_date = Some("2025-08-01".into());
    let mut change = PolicyResourceUpdate::default();
    change.meta = Some(meta);

    policies.add_resource(&policy_id(), &to_add).await.expect("add");
    policies.update_resource(&policy_id(), &resource_id, &change).await.expect("update");
    policies.delete_resource(&policy_id(), &resource_id).await.expect("remove");
    policies.validate(&policy_id()).await.expect("validate");
    policies.delete(&policy_id()).await.expect("delete");

    for mock in [&add, &update, &remove, &validate, &delete] {
        mock.assert_calls(1);
    }
}
scenario!(delete_resources_and_validate);

#[maybe]
async fn an_unknown_policy_is_a_typed_not_found() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET").path(format!("{}/policies/nope", v1()));
        then.status(404)
            .header("content-type", "application/json")
            .body(admin_error(404, "ADMIN-404-5", "Policy not found").to_string());
    });

    let error =
        org_at(&server.base_url()).policies().get(&PolicyId::new("nope").unwrap()).await.expect_err("404");

    mock.assert_calls(1);
    assert!(error.is_not_found());
    assert_eq!(error.admin_code().map(|c| c.as_str()), Some("ADMIN-404-5"));
    assert!(error.to_string().contains("Policy not found"), "{error}");
}
scenario!(an_unknown_policy_is_a_typed_not_found);

#[maybe]
async fn a_body_naming_another_policy_is_refused_before_sending() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let mut input = PolicyInput::new(PolicyAttributes::new(PolicyType::IpAllowlist));
    input.id = Some(PolicyId::new("other").unwrap());

    let error =
        org_at(&server.base_url()).policies().update(&policy_id(), &input).await.expect_err("refused");

    assert!(matches!(error, admin_api::Error::Build(_)), "{error:?}");
    unexpected.assert_calls(0);
}
scenario!(a_body_naming_another_policy_is_refused_before_sending);
