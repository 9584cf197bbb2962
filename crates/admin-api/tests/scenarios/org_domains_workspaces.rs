//! Verified domains (#44, #45) and workspaces (#59).

use admin_api::models::org::{
    DomainClaimStatus, DomainId, SortDirection, WorkspaceQuery, WorkspaceSearch, WorkspaceSort,
};
use serde_json::json;

use super::maybe;
use super::org_audit_support::*;
use crate::support;

fn domain_json(id: &str, name: &str) -> serde_json::Value {
    json!({"id": id, "type": "domains", "attributes": {"name": name, "claim": {"type": "dns", "status": "verified"}},
           "links": {"self": format!("https://api.atlassian.com/admin/v1/orgs/o/domains/{id}")}})
}

#[maybe]
async fn domains_are_walked_through_next_urls_and_read_one_by_one() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{}/domains", v1()))
            .header("authorization", ORG_BEARER)
            .query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").body(
            json!({"data": [domain_json("d1", "example.com")],
                   "links": {"next": format!("https://api.atlassian.com{}/domains?cursor=ZDI%3D", v1())}})
            .to_string(),
        );
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(format!("{}/domains", v1())).query_param("cursor", "ZDI=");
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": [domain_json("d2", "example.org")], "links": {}}).to_string());
    });
    let one = server.mock(|when, then| {
        when.method("GET").path(format!("{}/domains/d2", v1()));
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": domain_json("d2", "example.org")}).to_string());
    });
    let org = org_at(&server.base_url());

    let domains = org.domains().list().all().await.expect("all");
    let domain = org.domains().get(&DomainId::new("d2").unwrap()).await.expect("one");

    first.assert_calls(1);
    second.assert_calls(1);
    one.assert_calls(1);
    assert_eq!(domains.len(), 2);
    assert_eq!(domain.attributes.claim.and_then(|c| c.status), Some(DomainClaimStatus::Verified));
}
scenario!(domains_are_walked_through_next_urls_and_read_one_by_one);

#[maybe]
async fn workspaces_send_the_search_then_only_the_cursor() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{}/workspaces", v2()))
            .header("content-type", "application/json")
            .json_body(json!({
                "query": {"and": [{"field": {"name": "attributes.type", "values": ["confluence"]}},
                                  {"searchWorkspaces": "acme"}]},
                "limit": 1,
                "sort": [{"field": "attributes.name", "order": "asc"}]
            }));
        then.status(200).header("content-type", "application/json").body(
            json!({"data": [{"id": "ws-1", "type": "workspace", "attributes": {"name": "acme", "status": "online"}}],
                   "links": {"next": format!("https://api.atlassian.com{}/workspaces?cursor=d3MtMg%3D%3D", v2())},
                   "meta": {"pageSize": 1, "total": 2}})
            .to_string(),
        );
    });
    let second = server.mock(|when, then| {
        when.method("POST").path(format!("{}/workspaces", v2())).json_body(json!({"cursor": "d3MtMg=="}));
        then.status(200).header("content-type", "application/json").body(
            json!({"data": [{"id": "ws-2", "attributes": {"name": "acme-sandbox", "status": "brand-new"}}],
                   "links": {}, "meta": {"pageSize": 1, "total": 2}})
            .to_string(),
        );
    });
    let search = WorkspaceSearch::new()
        .query(WorkspaceQuery::And(vec![
            WorkspaceQuery::Field { name: "attributes.type".into(), values: vec!["confluence".into()] },
            WorkspaceQuery::SearchWorkspaces("acme".into()),
        ]))
        .limit(1)
        .sort(WorkspaceSort::new("attributes.name", SortDirection::Asc));

    let workspaces = org_at(&server.base_url()).workspaces(search).all().await.expect("all");

    first.assert_calls(1);
    second.assert_calls(1);
    assert_eq!(workspaces.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(), ["ws-1", "ws-2"]);
    assert!(workspaces[1].attributes.status.as_ref().unwrap().is_unknown());
}
scenario!(workspaces_send_the_search_then_only_the_cursor);

#[maybe]
async fn a_workspace_limit_out_of_range_is_refused_before_sending() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);

    for limit in [0, 1001] {
        let error = org_at(&server.base_url())
            .workspaces(WorkspaceSearch::new().limit(limit))
            .send()
            .await
            .expect_err("refused");
        assert!(matches!(error, admin_api::Error::Build(_)), "{error:?}");
    }
    unexpected.assert_calls(0);
}
scenario!(a_workspace_limit_out_of_range_is_refused_before_sending);
