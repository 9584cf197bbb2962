//! The rest of the Organizations API over the same world: policies and their resources,
//! workspaces, invitations, group roles and stats, the v1 managed accounts list, and the
//! provisioning admin calls that unlink or delete SCIM records.

mod common;

use admin_models::org::{
    ApplicationStatus, Data, GroupRoleAssignment, GroupStats, InvitationResult, InviteStatus, ManagedAccount,
    Page, Policy, PolicyInput, PolicyType, Workspace,
};
use admin_sandbox::Membership;
use common::{Client, Resp, demo, demo_sandbox};
use serde_json::{Value, json};

fn org(sb: &common::SandboxHandle) -> Client {
    Client::new(&format!("{}/admin", sb.base_url()), Some(sb.admin_key()))
}

fn policies() -> String {
    format!("/v1/orgs/{}/policies", demo::ORG_ID)
}

fn v2(dir: &str) -> String {
    format!("/v2/orgs/{}/directories/{dir}", demo::ORG_ID)
}

fn decode<T: serde::de::DeserializeOwned>(r: &Resp, status: u16) -> T {
    assert_eq!(r.status, status, "{}", r.text);
    serde_json::from_str(&r.text).unwrap_or_else(|e| panic!("{e}: {}", r.text))
}

fn code(r: &Resp) -> String {
    r.json()["errors"][0]["code"].as_str().unwrap_or_default().to_string()
}

fn actions(sb: &common::SandboxHandle) -> Vec<String> {
    sb.audit_events().into_iter().map(|(action, _)| action).collect()
}

/// A policy body as raw text: the unknown member holds a number no `f64` can.
const NEW_POLICY: &str = r#"{"data": {"type": "policy", "attributes": {
    "type": "ip-allowlist", "name": "Office", "status": "enabled",
    "rule": {"in": ["203.0.113.0/24"]},
    "resources": [{"id": "jira-software-0a1b2c3d-4e5f-4061-8273-8495a6b7c8d9"}],
    "xRevision": 123456789012345678901234567890
}}}"#;

#[test]
fn policies_are_written_with_202s_kept_as_sent_and_audited() {
    let sb = demo_sandbox();
    let c = org(&sb);

    let r = c.send("POST", &policies(), Some(("application/json", NEW_POLICY)));
    let created: Data<Policy> = decode(&r, 202);
    assert!(r.text.contains(r#""xRevision":123456789012345678901234567890"#), "{}", r.text);
    let id = created.data.id.as_str().to_string();
    let resource = &created.data.attributes.resources[0];
    assert_eq!(resource.application_status, Some(ApplicationStatus::Applied));

    let one = c.get(&format!("{}/{id}", policies()));
    let read: Data<Policy> = decode(&one, 200);
    assert_eq!(read.data, created.data);
    assert!(one.text.contains("123456789012345678901234567890"));

    // Replace (GET → modify → PUT): the unknown member goes back as it came.
    let mut changed = read.data.clone();
    changed.attributes.name = Some("Office and VPN".into());
    let body = serde_json::to_string(&Data::new(PolicyInput::from(changed))).unwrap();
    let r = c.send("PUT", &format!("{}/{id}", policies()), Some(("application/json", &body)));
    let updated: Data<Policy> = decode(&r, 202);
    assert!(r.text.contains(r#""xRevision":123456789012345678901234567890"#), "{}", r.text);
    assert_eq!(updated.data.attributes.name.as_deref(), Some("Office and VPN"));
    assert_eq!(
        updated.data.attributes.extra.get("xRevision").map(|r| r.get()),
        read.data.attributes.extra.get("xRevision").map(|r| r.get())
    );
    let other = json!({"data": {"id": "another", "type": "policy", "attributes": {"type": "ip-allowlist"}}});
    assert_eq!(code(&c.json("PUT", &format!("{}/{id}", policies()), &other)), "ADMIN-400-24");
    let not_a_policy = json!({"data": {"type": "group", "attributes": {"type": "ip-allowlist"}}});
    assert_eq!(code(&c.json("POST", &policies(), &not_a_policy)), "ADMIN-400-24");

    // Resources: add (a second time → 409), change, remove (a second time → 404).
    let resources = format!("{}/{id}/resources", policies());
    let added: Data<Policy> = decode(&c.json("POST", &resources, &json!({"id": "confluence-x"})), 202);
    assert_eq!(added.data.attributes.resources.len(), 2);
    assert_eq!(code(&c.json("POST", &resources, &json!({"id": "confluence-x"}))), "ADMIN-409-28");
    let meta = json!({"meta": {"scheduledDate": "2026-01-01"}});
    let moved: Data<Policy> = decode(&c.json("PUT", &format!("{resources}/confluence-x"), &meta), 202);
    let scheduled = moved.data.attributes.resources[1].meta.as_ref().and_then(|m| m.scheduled_date.clone());
    assert_eq!(scheduled.as_deref(), Some("2026-01-01"));
    assert_eq!(c.delete(&format!("{resources}/confluence-x")).status, 204);
    assert_eq!(code(&c.delete(&format!("{resources}/confluence-x"))), "ADMIN-404-1");

    assert_eq!(c.get(&format!("{}/{id}/validate", policies())).status, 202);
    let r = c.delete(&format!("{}/{id}", policies()));
    assert_eq!((r.status, r.text.as_str()), (202, ""));
    assert_eq!(code(&c.get(&format!("{}/{id}", policies()))), "ADMIN-404-5");
    assert_eq!(code(&c.get(&format!("{}/{id}/validate", policies()))), "ADMIN-404-5");

    assert_eq!(
        actions(&sb),
        [
            "policy_created",
            "policy_updated",
            "policy_resource_added",
            "policy_resource_updated",
            "policy_resource_removed",
            "policy_deleted"
        ]
    );
}

#[test]
fn policies_page_by_meta_next_with_a_links_next_url_and_filter_by_type() {
    let sb = demo_sandbox();
    let c = org(&sb);
    for i in 0..23 {
        let kind = if i % 2 == 0 { "ip-allowlist" } else { "data-residency" };
        let body = json!({"data": {"type": "policy", "attributes": {"type": kind, "name": format!("p{i}")}}});
        assert_eq!(c.json("POST", &policies(), &body).status, 202);
    }
    let first: Page<Policy> = decode(&c.get(&policies()), 200);
    assert_eq!(first.data.len(), 20);
    let cursor = first.meta_next().expect("meta.next").to_string();
    let url = first.links_next().expect("links.next");
    assert!(url.starts_with(&format!("{}/admin/v1/orgs/", sb.base_url())), "{url}");
    assert!(url.contains(&format!("cursor={cursor}")), "{url}");
    let second: Page<Policy> = decode(&c.get(&format!("{}?cursor={cursor}", policies())), 200);
    assert_eq!(second.data.len(), 3);
    assert_eq!(second.meta_next(), None);
    assert_eq!(second.data[2].attributes.name.as_deref(), Some("p22"));

    let residency: Page<Policy> = decode(&c.get(&format!("{}?type=data-residency", policies())), 200);
    assert_eq!(residency.data.len(), 11);
    assert!(residency.data.iter().all(|p| p.attributes.policy_type == PolicyType::DataResidency));
    assert_eq!(code(&c.get(&format!("{}?cursor=zz", policies()))), "ADMIN-400-1");
}

fn workspaces(c: &Client, body: &Value) -> Resp {
    c.json("POST", &format!("/v2/orgs/{}/workspaces", demo::ORG_ID), body)
}

/// The `cursor` query parameter of a `links.next` URL.
fn cursor_of(url: &str) -> String {
    let query = url.split_once('?').expect("a query").1;
    url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "cursor").expect("cursor").1.into_owned()
}

#[test]
fn workspaces_are_the_products_in_use_paged_by_a_url_cursor() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let all: Page<Workspace> = decode(&workspaces(&c, &json!({})), 200);
    let keys: Vec<_> = all.data.iter().map(|w| w.attributes.type_key.clone().unwrap()).collect();
    assert_eq!(keys, ["confluence", "jira-software"]);
    let jira = &all.data[1];
    assert_eq!(jira.id.as_str(), format!("jira-software-{}", demo::ORG_ID), "the v2 productAccess id");
    assert_eq!(jira.attributes.workspace_type.as_deref(), Some("jira"));
    assert_eq!(jira.attributes.usage, Some(2));
    assert_eq!(all.meta.as_ref().and_then(|m| m.total), Some(2));
    assert_eq!(all.meta.as_ref().unwrap().extra.value("pageSize"), Some(json!(20)));

    // One a page, sorted by type descending: the cursor keeps the search.
    let body = json!({"limit": 1, "sort": [{"field": "attributes.type", "order": "desc"}]});
    let first: Page<Workspace> = decode(&workspaces(&c, &body), 200);
    assert_eq!(first.data[0].attributes.type_key.as_deref(), Some("jira-software"));
    let cursor = cursor_of(first.links_next().expect("links.next"));
    let second: Page<Workspace> = decode(&workspaces(&c, &json!({"cursor": cursor})), 200);
    assert_eq!(second.data[0].attributes.type_key.as_deref(), Some("confluence"));
    assert_eq!(second.links_next(), None);
    assert_eq!(second.meta.as_ref().unwrap().extra.value("startIndex"), Some(json!(1)));

    // A cursor forbids the other members; limits are 1–1000.
    assert_eq!(code(&workspaces(&c, &json!({"cursor": cursor, "limit": 5}))), "ADMIN-400-24");
    assert_eq!(code(&workspaces(&c, &json!({"limit": 0}))), "ADMIN-400-24");
    assert_eq!(code(&workspaces(&c, &json!({"cursor": "nope"}))), "ADMIN-400-1");

    // Queries: by field, by text, by policy.
    let q = json!({"query": {"field": {"name": "attributes.type", "values": ["confluence"]}}});
    let found: Page<Workspace> = decode(&workspaces(&c, &q), 200);
    assert_eq!(found.data.len(), 1);
    let q = json!({"query": {"searchWorkspaces": "JIRA"}});
    assert_eq!(decode::<Page<Workspace>>(&workspaces(&c, &q), 200).data.len(), 1);
    let created: Data<Policy> =
        decode(&c.send("POST", &policies(), Some(("application/json", NEW_POLICY))), 202);
    let q = json!({"query": {"and": [{"policies": [created.data.id.as_str()]}]}});
    let governed: Page<Workspace> = decode(&workspaces(&c, &q), 200);
    assert_eq!(governed.data.len(), 1);
    assert_eq!(governed.data[0].id.as_str(), jira.id.as_str());
    assert!(governed.data[0].relationships.contains_key("policies"));
}

#[test]
fn an_invitation_creates_or_readmits_accounts_with_roles_and_groups() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let own =
        c.json("POST", &format!("{}/groups", v2(demo::ORG_DIRECTORY_ID)), &json!({"name": "new-hires"}));
    let own_id = own.json()["data"]["id"].as_str().unwrap().to_string();
    assert_eq!(c.delete(&format!("{}/users/{}", v2("-"), demo::UNMANAGED_ACCOUNT_ID)).status, 204);

    let body = json!({
        "emails": ["sam@example.com", "casey@partner.test"],
        "permissionRules": [{"resource": "jira-software-x", "role": "atlassian/user"}],
        "additionalGroups": [own_id, demo::GROUP_ID, "no-such-group"],
        "sendNotification": false
    });
    let result: InvitationResult =
        decode(&c.json("POST", &format!("/v2/orgs/{}/users/invite", demo::ORG_ID), &body), 200);
    assert_eq!(result.data.len(), 2);
    let sam = &result.data[0];
    assert_eq!(sam.email.as_deref(), Some("sam@example.com"));
    let groups: Vec<_> =
        sam.results[0].group_assignment_result.iter().map(|g| g.status.clone().unwrap()).collect();
    assert_eq!(groups, [InviteStatus::Invited, InviteStatus::Error, InviteStatus::Error]);
    assert_eq!(sam.results[0].role_assignment_result[0].status, Some(InviteStatus::Invited));

    let sam_id = sam.id.as_ref().unwrap().as_str();
    let account = sb.account(sam_id).expect("a new account");
    assert!(account.managed, "example.com is verified");
    assert_eq!(account.roles, ["atlassian/user"]);
    let casey = sb.account(demo::UNMANAGED_ACCOUNT_ID).unwrap();
    assert_eq!(casey.membership, Membership::Active, "a removed account is a member again");
    assert_eq!(result.data[1].id.as_ref().unwrap().as_str(), demo::UNMANAGED_ACCOUNT_ID);
    let members = c.json(
        "POST",
        &format!("{}/users/search", v2("-")),
        &json!({"emails": ["sam@example.com"], "expand": ["groups"]}),
    );
    assert_eq!(members.json()["data"][0]["groups"][0]["name"], "new-hires");

    let events = actions(&sb);
    assert_eq!(events.iter().filter(|a| *a == "user_invited").count(), 2);
    assert!(events.contains(&"user_added_to_group".to_string()));
    assert_eq!(
        code(&c.json("POST", &format!("/v2/orgs/{}/users/invite", demo::ORG_ID), &json!({"emails": []}))),
        "ADMIN-400-24"
    );
    assert_eq!(
        code(&c.json(
            "POST",
            &format!("/v2/orgs/{}/users/invite", demo::ORG_ID),
            &json!({"emails": ["nobody"]})
        )),
        "ADMIN-400-24"
    );
}

#[test]
fn group_roles_for_own_and_synced_groups_and_group_stats() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let stats: GroupStats = decode(&c.get(&format!("{}/groups/stats", v2("-"))), 200);
    let totals = stats.totals.unwrap();
    assert_eq!((totals.all, totals.synced, totals.managed), (Some(2), Some(1), Some(1)));
    let scim_only: GroupStats = decode(&c.get(&format!("{}/groups/stats", v2(demo::DIRECTORY_ID))), 200);
    assert_eq!(scim_only.totals.unwrap().all, Some(1));

    let synced = format!("{}/groups/{}/role-assignments", v2("-"), demo::GROUP_ID);
    let grant = |role: &str, resource: &str| json!({"resourceId": resource, "roleId": role});
    assert_eq!(
        c.json("POST", &format!("{synced}/assign"), &grant("atlassian/user", "jira-software-x")).status,
        204
    );
    assert_eq!(
        c.json("POST", &format!("{synced}/assign"), &grant("atlassian/admin", "jira-software-x")).status,
        204
    );
    assert_eq!(
        c.json("POST", &format!("{synced}/assign"), &grant("atlassian/user", "confluence-x")).status,
        204
    );

    let page: Page<GroupRoleAssignment> = decode(&c.get(&synced), 200);
    let by_resource: Vec<(String, Vec<String>)> = page
        .data
        .iter()
        .map(|a| {
            (
                a.resource_id.as_ref().unwrap().as_str().to_string(),
                a.roles.iter().map(|r| r.as_str().to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        by_resource,
        [
            ("confluence-x".to_string(), vec!["atlassian/user".to_string()]),
            (
                "jira-software-x".to_string(),
                vec!["atlassian/admin".to_string(), "atlassian/user".to_string()]
            )
        ]
    );
    assert_eq!(page.data[1].resource_owner.as_deref(), Some("jira-software"));
    let admins: Page<GroupRoleAssignment> = decode(&c.get(&format!("{synced}?roleIds=atlassian/admin")), 200);
    assert_eq!(admins.data.len(), 1);
    let paged: Page<GroupRoleAssignment> = decode(&c.get(&format!("{synced}?limit=1")), 200);
    assert!(paged.links_next().is_some());

    assert_eq!(
        c.json("POST", &format!("{synced}/revoke"), &grant("atlassian/admin", "jira-software-x")).status,
        204
    );
    assert_eq!(
        code(&c.json("POST", &format!("{synced}/revoke"), &grant("atlassian/admin", "jira-software-x"))),
        "ADMIN-404-1"
    );
    assert_eq!(code(&c.get(&format!("{}/groups/nope/role-assignments", v2("-")))), "ADMIN-404-10");
    let grants = actions(&sb).iter().filter(|a| *a == "role_assigned").count();
    assert_eq!((grants, actions(&sb).iter().filter(|a| *a == "role_revoked").count()), (3, 1));
}

#[test]
fn the_v1_users_list_is_the_managed_accounts() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let page: Page<ManagedAccount> = decode(&c.get(&format!("/v1/orgs/{}/users", demo::ORG_ID)), 200);
    let ids: Vec<_> = page.data.iter().map(|a| a.account_id.as_str().to_string()).collect();
    assert_eq!(ids.len(), 3);
    assert!(!ids.contains(&demo::UNMANAGED_ACCOUNT_ID.to_string()));
    assert_eq!(page.meta.as_ref().and_then(|m| m.total), Some(3));
    assert_eq!(page.links_next(), None);
    let lila = page.data.iter().find(|a| a.account_id.as_str() == demo::ACCOUNT_ID).unwrap();
    assert_eq!(lila.product_access.len(), 2);
    assert_eq!(lila.last_active.unwrap().to_string(), "2025-05-30 9:12:00.0 +00:00:00");
    assert_eq!(code(&c.get(&format!("/v1/orgs/{}/users?cursor=zz", demo::ORG_ID))), "ADMIN-400-1");
}

#[test]
fn scim_records_are_unlinked_or_deleted_with_the_org_key() {
    let sb = demo_sandbox();
    let prov = Client::new(
        &format!("{}/admin/user-provisioning/v1/org/{}", sb.base_url(), demo::ORG_ID),
        Some(sb.admin_key()),
    );
    let unlink = format!("/scimDirectoryId/{}/scimUserId/{}/unlink", demo::DIRECTORY_ID, demo::SCIM_USER_ID);
    assert_eq!(prov.send("PATCH", &unlink, None).status, 204);
    // Both stay; the account is no longer managed by the directory.
    assert_eq!(sb.account(demo::SCIM_ACCOUNT_ID).unwrap().scim_directory, None);
    let scim = Client::scim(&sb).get(&format!("/Users/{}", demo::SCIM_USER_ID));
    assert_eq!(scim.status, 200);
    let external = &scim.json()["urn:scim:schemas:extension:atlassian-external:1.0"];
    assert!(external.get("atlassianAccountId").is_none(), "{external}");
    let links = prov.get(&format!("/user/{}/get-scim-links", demo::SCIM_ACCOUNT_ID)).json();
    assert_eq!(links["scimLinks"], json!([]));
    let local = org(&sb).get(&format!("{}/users/{}", v2(demo::ORG_DIRECTORY_ID), demo::SCIM_ACCOUNT_ID));
    assert_eq!(local.status, 200, "now in the local directory");

    // onlyDeleteUserInDB: the record goes, the account stays active.
    let delete = format!("/user/{}/onlyDeleteUserInDB", demo::SECOND_SCIM_ACCOUNT_ID);
    assert_eq!(prov.delete(&delete).status, 204);
    assert_eq!(Client::scim(&sb).get(&format!("/Users/{}", demo::SECOND_SCIM_USER_ID)).status, 404);
    let grace = sb.account(demo::SECOND_SCIM_ACCOUNT_ID).unwrap();
    assert_eq!((grace.scim_directory, grace.status), (None, admin_sandbox::LifecycleState::Active));

    // Errors are the provisioning API's.
    let r = prov.delete(&format!("/user/{}/onlyDeleteUserInDB", demo::UNMANAGED_ACCOUNT_ID));
    assert_eq!((r.status, r.json()["status"].clone()), (404, json!("404")));
    assert!(r.json()["detail"].as_str().unwrap().contains("not a managed user"));
    let r =
        prov.send("PATCH", &format!("/scimDirectoryId/{}/scimUserId/nope/unlink", demo::DIRECTORY_ID), None);
    assert_eq!(r.status, 404);
    let wrong = Client::new(
        &format!("{}/admin/user-provisioning/v1/org/{}", sb.base_url(), demo::ORG_ID),
        Some("wrong"),
    );
    let r = wrong.send("PATCH", &unlink, None);
    assert_eq!(r.status, 401);
    assert!(r.json()["traceId"].is_string(), "{}", r.text);
    // The SCIM links reads answer the same way.
    let r = wrong.get(&format!("/user/{}/get-scim-links", demo::ACCOUNT_ID));
    assert_eq!(r.status, 401);
    assert!(r.json()["traceId"].is_string(), "{}", r.text);
    let r = prov.get("/user/nobody/get-scim-links");
    assert_eq!((r.status, r.json()["status"].clone()), (404, json!("404")));
    let r = prov.json("POST", "/get-scim-links-for-email", &json!({"mail": "x"}));
    assert_eq!((r.status, r.json()["scimType"].clone()), (400, json!("invalidSyntax")));

    assert_eq!(
        actions(&sb),
        ["scim_user_unlinked", "scim_user_record_deleted"],
        "the refused calls changed nothing"
    );
}
