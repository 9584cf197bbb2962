//! Snapshots of the audit log, policy, domain, workspace and SCIM link plans: method, encoded
//! path, query, media types, body; and the checks that stop a request before it is sent.

use admin_api::BuildError;
use admin_api::models::org::time::macros::datetime;
use admin_api::models::org::{
    DomainId, EventAction, EventId, EventProduct, LocationFilter, OrgId, PolicyAttributes, PolicyId,
    PolicyInput, PolicyResource, PolicyResourceId, PolicyResourceMeta, PolicyResourceUpdate, PolicyRule,
    PolicyStatus, PolicyType, SortDirection, WorkspaceQuery, WorkspaceSearch, WorkspaceSort,
};
use admin_api::models::{AccountId, DirectoryId, ScimUserId};
use admin_api::plan::RequestPlan;
use admin_api::plan::org::{self, EventFilter, StreamFilter};

fn org_id() -> OrgId {
    OrgId::new("0cc7e8d6-8e27-4e2a-b5a6-6bbd2fde7b0a").unwrap()
}

fn policy() -> PolicyId {
    PolicyId::new("pol 1/x").unwrap()
}

fn resource() -> PolicyResourceId {
    PolicyResourceId::new("ari:cloud:jira::site/abc").unwrap()
}

fn render(plans: &[RequestPlan]) -> String {
    plans.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn audit_log_plans() {
    let every_filter = EventFilter::new()
        .q("jira-users")
        .from(datetime!(2025-06-01 00:00:00.250 UTC))
        .to(datetime!(2025-06-02 00:00 UTC))
        .action(EventAction::UserAddedToGroup)
        .actor("557057:aaa")
        .actor("557057:bbb")
        .ip("203.0.113.7")
        .product(EventProduct::Jira)
        .product(EventProduct::Confluence)
        .location(LocationFilter::new("Austin", "United States"))
        .limit(100);
    let stream = StreamFilter::new()
        .from(datetime!(2025-06-01 00:00 UTC))
        .to(datetime!(2025-06-30 00:00 UTC))
        .limit(500)
        .sort_order(SortDirection::Asc);
    insta::assert_snapshot!(render(&[
        org::list_events(&org_id(), &EventFilter::new(), None).unwrap(),
        org::list_events(&org_id(), &every_filter, None).unwrap(),
        org::list_events(&org_id(), &EventFilter::new(), Some("Y3Vy+c29y/=")).unwrap(),
        org::events_stream(&org_id(), &stream, None).unwrap(),
        org::events_stream(&org_id(), &stream, Some("c3RyZWFt")).unwrap(),
        org::get_event(&org_id(), &EventId::new("ev/1 ?").unwrap()).unwrap(),
        org::event_actions(&org_id()).unwrap(),
    ]));
}

#[test]
fn policy_plans() {
    let input = PolicyInput::new(
        PolicyAttributes::new(PolicyType::IpAllowlist)
            .name("Office only")
            .status(PolicyStatus::Enabled)
            .rule(PolicyRule::allow_if_contained(["203.0.113.0/24"]))
            .resource(PolicyResource::new(resource())),
    );
    let mut meta = PolicyResourceMeta::default();
    meta.scheduled_date = Some("2025-07-01".into());
    let mut update = PolicyResourceUpdate::default();
    update.meta = Some(meta);
    insta::assert_snapshot!(render(&[
        org::list_policies(&org_id(), None, None).unwrap(),
        org::list_policies(&org_id(), Some(&PolicyType::DataResidency), Some("bmV4dA==")).unwrap(),
        org::create_policy(&org_id(), &input).unwrap(),
        org::get_policy(&org_id(), &policy()).unwrap(),
        org::update_policy(&org_id(), &policy(), &input).unwrap(),
        org::delete_policy(&org_id(), &policy()).unwrap(),
        org::add_policy_resource(&org_id(), &policy(), &PolicyResource::new(resource())).unwrap(),
        org::update_policy_resource(&org_id(), &policy(), &resource(), &update).unwrap(),
        org::delete_policy_resource(&org_id(), &policy(), &resource()).unwrap(),
        org::validate_policy(&org_id(), &policy()).unwrap(),
    ]));
}

#[test]
fn domain_workspace_and_scim_link_plans() {
    let search = WorkspaceSearch::new()
        .query(WorkspaceQuery::Features(vec!["sandbox".into()]))
        .limit(1000)
        .sort(WorkspaceSort::new("attributes.name", SortDirection::Desc));
    insta::assert_snapshot!(render(&[
        org::list_domains(&org_id(), None).unwrap(),
        org::list_domains(&org_id(), Some("ZG9t")).unwrap(),
        org::get_domain(&org_id(), &DomainId::new("dom/1").unwrap()).unwrap(),
        org::search_workspaces(&org_id(), &WorkspaceSearch::new()).unwrap(),
        org::search_workspaces(&org_id(), &search).unwrap(),
        org::search_workspaces(&org_id(), &WorkspaceSearch::next_page("d3M=")).unwrap(),
        org::scim_links(&org_id(), &AccountId::new("557057:4f9acfd2|x").unwrap()).unwrap(),
        org::scim_links_for_email(&org_id(), "lila@example.com").unwrap(),
        org::unlink_scim_user(
            &org_id(),
            &DirectoryId::new("dir 1").unwrap(),
            &ScimUserId::new("u/1").unwrap()
        )
        .unwrap(),
        org::delete_scim_record(&org_id(), &AccountId::new("557057:4f9acfd2|x").unwrap()).unwrap(),
    ]));
}

#[test]
fn inputs_the_api_refuses_are_stopped_before_sending() {
    let reversed =
        EventFilter::new().from(datetime!(2025-06-02 00:00 UTC)).to(datetime!(2025-06-01 00:00 UTC));
    assert!(matches!(org::list_events(&org_id(), &reversed, None), Err(BuildError::InvalidArgument(_))));
    assert!(matches!(
        org::list_events(&org_id(), &EventFilter::new().actor("a,b"), None),
        Err(BuildError::InvalidArgument(_))
    ));
    assert!(matches!(
        org::list_events(&org_id(), &EventFilter::new().limit(0), None),
        Err(BuildError::OutOfRange { field: "limit", .. })
    ));
    assert!(matches!(
        org::events_stream(&org_id(), &StreamFilter::new().limit(501), None),
        Err(BuildError::OutOfRange { field: "limit", max: 500, .. })
    ));
    let with_cursor_and_limit = {
        let mut search = WorkspaceSearch::next_page("c");
        search.limit = Some(10);
        search
    };
    assert!(matches!(
        org::search_workspaces(&org_id(), &with_cursor_and_limit),
        Err(BuildError::MutuallyExclusive { first: "cursor", second: "limit" })
    ));
    assert!(matches!(
        org::search_workspaces(&org_id(), &WorkspaceSearch::new().limit(1001)),
        Err(BuildError::OutOfRange { .. })
    ));
    let mut with_id = PolicyInput::new(PolicyAttributes::new(PolicyType::IpAllowlist));
    with_id.id = Some(policy());
    assert!(matches!(org::create_policy(&org_id(), &with_id), Err(BuildError::InvalidArgument(_))));
    with_id.id = Some(PolicyId::new("another").unwrap());
    assert!(matches!(
        org::update_policy(&org_id(), &policy(), &with_id),
        Err(BuildError::InvalidArgument(_))
    ));
    assert!(matches!(org::scim_links_for_email(&org_id(), "nobody"), Err(BuildError::Validation(_))));
}

#[test]
fn times_go_on_the_wire_as_epoch_milliseconds() {
    assert_eq!(org::epoch_millis(datetime!(1970-01-01 00:00:00.001 UTC)), 1);
    assert_eq!(org::epoch_millis(datetime!(2025-06-01 02:00:00.250 +02:00)), 1_748_736_000_250);
    let from_system_time =
        EventFilter::new().from(std::time::UNIX_EPOCH + std::time::Duration::from_millis(42));
    let plan = org::list_events(&org_id(), &from_system_time, None).unwrap();
    assert_eq!(plan.query, "from=42");
}
