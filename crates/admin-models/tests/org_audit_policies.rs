//! The audit log, policies, domains, workspaces and SCIM link models: decoded from fixtures
//! (shaped after `admin_organization.json` and jira.js's transcription of the newer spec),
//! snapshotted, and checked for what matters: typed timestamps, open enums, kept unknowns,
//! lossless round trips.

use admin_models::org::{
    AuthType, Data, Domain, DomainClaimStatus, Event, EventAction, EventActionInfo, Page, Policy,
    PolicyAttributes, PolicyInput, PolicyResource, PolicyResourceId, PolicyRule, PolicyStatus, PolicyType,
    ScimLinks, ScimLinksForEmail, SortDirection, Workspace, WorkspaceQuery, WorkspaceSearch, WorkspaceSort,
    WorkspaceStatus,
};
use serde_json::{Value, json};

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

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("fixture decodes")
}

/// Decoding then encoding gives back the fixture, member for member.
fn round_trips<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) {
    let value: T = decode(text);
    let original: Value = serde_json::from_str(text).unwrap();
    assert_eq!(strip_nulls(serde_json::to_value(&value).unwrap()), strip_nulls(original));
}

/// `null`, `[]` and absent are the same on this API; compare without them.
fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null() && v != &json!([]))
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip_nulls).collect()),
        other => other,
    }
}

#[test]
fn events_page_decodes_with_typed_times_and_open_actions() {
    let page: Page<Event> = decode(include_str!("fixtures/org_events_page.json"));
    assert_eq!(page.meta_next(), Some("Y3Vyc29yLTI="));
    let first = &page.data[0];
    let time = first.attributes.time.expect("time");
    assert_eq!(time.unix_timestamp_nanos() / 1_000_000, 1_748_852_130_123);
    assert_eq!(first.attributes.action, EventAction::UserAddedToGroup);
    let actor = first.attributes.actor.as_ref().unwrap();
    assert_eq!(actor.auth.as_ref().unwrap().auth_type, Some(AuthType::ApiToken));
    assert_eq!(first.attributes.context.len(), 2);
    assert_eq!(
        first.attributes.extra.value("riskScore"),
        Some(serde_json::json!(3)),
        "unknown attribute kept"
    );
    let second = &page.data[1];
    assert_eq!(second.attributes.action, EventAction::Unknown("brand_new_action".into()));
    assert_eq!(
        second.attributes.actor.as_ref().unwrap().auth.as_ref().unwrap().auth_type,
        Some(AuthType::AuthTokenFor3Lo)
    );
    assert_json_snapshot!("org_events_page", page);
    round_trips::<Page<Event>>(include_str!("fixtures/org_events_page.json"));
}

#[test]
fn stream_events_carry_processed_at() {
    let page: Page<Event> = decode(include_str!("fixtures/org_events_stream_page.json"));
    let event = &page.data[0];
    assert!(event.attributes.processed_at.unwrap() > event.attributes.time.unwrap());
    assert_eq!(page.meta_next(), Some("c3RyZWFtLWN1cnNvcg=="));
    assert_json_snapshot!("org_events_stream_page", page);
    round_trips::<Page<Event>>(include_str!("fixtures/org_events_stream_page.json"));
}

#[test]
fn event_action_catalogue_is_an_open_set_of_keys() {
    let actions: Page<EventActionInfo> = decode(include_str!("fixtures/org_event_actions.json"));
    assert_eq!(actions.data[0].id, EventAction::UserAddedToGroup);
    assert_eq!(actions.data[1].id, EventAction::Unknown("api_key_created".into()));
    assert_eq!(actions.data[1].attributes.group_display_names, ["API keys", "Security"]);
    assert_json_snapshot!("org_event_actions", actions);
}

#[test]
fn a_policy_decodes_inside_its_data_wrapper_and_survives_get_modify_put() {
    let policy: Data<Policy> = decode(include_str!("fixtures/org_policy.json"));
    let attributes = &policy.data.attributes;
    assert_eq!(attributes.policy_type, PolicyType::IpAllowlist);
    assert_eq!(attributes.rule.as_ref().unwrap().allowed, ["203.0.113.0/24", "198.51.100.7/32"]);
    assert_eq!(attributes.resources.len(), 2);
    assert_json_snapshot!("org_policy", policy);
    round_trips::<Data<Policy>>(include_str!("fixtures/org_policy.json"));

    // GET → disable → PUT: everything else, including the unknown `enforcement`, goes back.
    let mut input = PolicyInput::from(policy.data);
    input.attributes.status = Some(PolicyStatus::Disabled);
    let body = serde_json::to_value(&input).unwrap();
    assert_eq!(body["id"], "pol-1");
    assert_eq!(body["type"], "policy");
    assert_eq!(body["attributes"]["status"], "disabled");
    assert_eq!(body["attributes"]["enforcement"], "strict");
    assert_eq!(body["attributes"]["resources"][1]["meta"]["scheduledDate"], "2025-07-01");
}

#[test]
fn a_new_policy_body_is_minimal() {
    let input = PolicyInput::new(
        PolicyAttributes::new(PolicyType::IpAllowlist)
            .name("Office only")
            .status(PolicyStatus::Enabled)
            .rule(PolicyRule::allow_if_contained(["203.0.113.0/24"]))
            .resource(PolicyResource::new(PolicyResourceId::new("ari:cloud:jira::site/abc").unwrap())),
    );
    assert_json_snapshot!("org_policy_create", input);
}

#[test]
fn policy_pages_accept_a_null_next_and_unknown_types() {
    let page: Page<Policy> = decode(include_str!("fixtures/org_policy_page.json"));
    assert_eq!(page.meta_next(), None);
    assert_eq!(page.data[1].attributes.policy_type, PolicyType::Unknown("session-duration".into()));
    assert_json_snapshot!("org_policy_page", page);
}

#[test]
fn domains_decode_with_open_claim_statuses() {
    let page: Page<Domain> = decode(include_str!("fixtures/org_domain_page.json"));
    assert!(page.data[0].is_verified());
    assert!(!page.data[1].is_verified());
    assert_eq!(
        page.data[1].attributes.claim.as_ref().unwrap().status,
        Some(DomainClaimStatus::Unknown("pending_review".into()))
    );
    assert!(page.links_next().unwrap().contains("cursor="));
    assert_json_snapshot!("org_domain_page", page);
    round_trips::<Page<Domain>>(include_str!("fixtures/org_domain_page.json"));
}

#[test]
fn workspaces_decode_with_typed_times_and_kept_extras() {
    let page: Page<Workspace> = decode(include_str!("fixtures/org_workspaces_page.json"));
    let workspace = &page.data[0];
    assert_eq!(workspace.attributes.status, Some(WorkspaceStatus::Online));
    assert_eq!(workspace.attributes.created_at.unwrap().year(), 2023);
    assert_eq!(workspace.attributes.updated_at, None);
    assert!(workspace.attributes.extra.contains_key("icons"));
    assert_eq!(page.meta.as_ref().unwrap().extra.value("pageSize"), Some(serde_json::json!(20)));
    assert_json_snapshot!("org_workspaces_page", page);
    round_trips::<Page<Workspace>>(include_str!("fixtures/org_workspaces_page.json"));
}

#[test]
fn a_workspace_search_body_matches_the_spec_example() {
    let search = WorkspaceSearch::new()
        .query(WorkspaceQuery::And(vec![
            WorkspaceQuery::Field { name: "attributes.type".into(), values: vec!["confluence".into()] },
            WorkspaceQuery::SearchWorkspaces("some-particular-workspace".into()),
            WorkspaceQuery::Features(vec!["some-feature".into()]),
            WorkspaceQuery::Policies(vec!["some-policy".into()]),
        ]))
        .limit(20)
        .sort(WorkspaceSort::new("attributes.type", SortDirection::Asc));
    // The `search_workspaces_request` example of admin_organization.json.
    assert_eq!(
        serde_json::to_value(&search).unwrap(),
        json!({
            "limit": 20,
            "sort": [{"field": "attributes.type", "order": "asc"}],
            "query": {"and": [
                {"field": {"name": "attributes.type", "values": ["confluence"]}},
                {"searchWorkspaces": "some-particular-workspace"},
                {"features": ["some-feature"]},
                {"policies": ["some-policy"]}
            ]}
        })
    );
}

#[test]
fn scim_links_decode_with_and_without_an_account() {
    let links: ScimLinks = decode(include_str!("fixtures/org_scim_links.json"));
    assert_eq!(links.scim_links[0].atlassian_account_id.as_deref(), Some("5b10ac8d82e05b22cc7d4ef5"));
    assert_eq!(links.scim_links[1].atlassian_account_id, None);
    assert_eq!(links.scim_links[1].extra.value("linkedAt"), Some(serde_json::json!("2025-01-01")));
    assert_json_snapshot!("org_scim_links", links);
    assert_eq!(
        serde_json::to_value(ScimLinksForEmail::new("lila@example.com")).unwrap(),
        json!({"email": "lila@example.com"})
    );
    let empty: ScimLinks = decode(r#"{"scimLinks": null}"#);
    assert!(empty.scim_links.is_empty());
}

#[test]
fn a_next_page_search_sends_only_the_cursor() {
    assert_eq!(
        serde_json::to_value(WorkspaceSearch::next_page("d3MtMg==")).unwrap(),
        json!({"cursor": "d3MtMg=="})
    );
}
