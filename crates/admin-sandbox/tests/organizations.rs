//! The Organizations API over the same world as user management and SCIM: directories, v2
//! users (search with last-active, suspend / restore / remove), groups and memberships, the
//! audit log and its events-stream, rate limits and faults.

mod common;

use std::time::Duration;

use admin_models::org::{Data, DirectoryGroup, DirectoryUser, Event, MembershipStatus, Page, UserStatus};
use admin_sandbox::{Membership, Sandbox};
use common::{Client, Resp, demo, demo_sandbox};
use serde_json::{Value, json};

fn org(sb: &common::SandboxHandle) -> Client {
    Client::new(&format!("{}/admin", sb.base_url()), Some(sb.admin_key()))
}

fn v2(dir: &str) -> String {
    format!("/v2/orgs/{}/directories/{dir}", demo::ORG_ID)
}

fn users(r: &Resp) -> Page<DirectoryUser> {
    assert_eq!(r.status, 200, "{}", r.text);
    serde_json::from_str(&r.text).expect("a page of DirectoryUser")
}

fn search(sb: &common::SandboxHandle, body: Value) -> Page<DirectoryUser> {
    users(&org(sb).json("POST", &format!("{}/users/search", v2("-")), &body))
}

fn ids(page: &Page<DirectoryUser>) -> Vec<String> {
    page.data.iter().map(|u| u.account_id.as_ref().unwrap().as_str().to_string()).collect()
}

#[test]
fn orgs_and_directories() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let orgs = c.get("/v1/orgs").json();
    assert_eq!(orgs["data"][0]["id"], demo::ORG_ID);
    assert_eq!(orgs["data"][0]["attributes"]["name"], "Example Org");
    assert_eq!(c.get(&format!("/v1/orgs/{}", demo::ORG_ID)).json()["data"]["id"], demo::ORG_ID);

    let dirs = c.get(&format!("/v2/orgs/{}/directories", demo::ORG_ID)).json();
    let listed: Vec<&str> =
        dirs["data"].as_array().unwrap().iter().map(|d| d["directoryId"].as_str().unwrap()).collect();
    assert_eq!(listed, [demo::ORG_DIRECTORY_ID, demo::DIRECTORY_ID]);

    // Auth and unknown org: the API's two error shapes.
    let r = Client::new(&format!("{}/admin", sb.base_url()), Some("wrong")).get("/v1/orgs");
    assert_eq!((r.status, r.json()), (401, json!({"code": 401, "message": "Unauthorized"})));
    let r = c.get("/v1/orgs/nope");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["errors"][0]["code"], "ADMIN-404-2");
    let r = c.get(&format!("/v2/orgs/{}/directories/nope/users/x", demo::ORG_ID));
    assert_eq!(r.json()["errors"][0]["code"], "ADMIN-404-1");
}

#[test]
fn user_search_with_last_active_filters_and_cursor_pages() {
    let sb = demo_sandbox();
    // Everyone, in every directory.
    let all = search(&sb, json!({}));
    assert_eq!(all.data.len(), 4);

    // By email (exact, any case), with product access and last-active dates.
    let page = search(
        &sb,
        json!({"emails": ["LILA@example.com"], "expand": ["productAccess", "groups", "platformRoles"]}),
    );
    assert_eq!(ids(&page), [demo::ACCOUNT_ID]);
    let lila = &page.data[0];
    assert_eq!(lila.product_access.len(), 2);
    assert_eq!(lila.last_active().unwrap().to_string(), "2025-05-30 9:12:00.0 +00:00:00");
    assert_eq!(lila.groups[0].name.as_deref(), Some(demo::ORG_GROUP_NAME));
    assert_eq!(lila.platform_roles[0].as_str(), "atlassian/org-admin");
    assert_eq!(lila.membership_status, Some(MembershipStatus::Active));

    // Directory scoping: the SCIM directory lists its two provisioned accounts, synced.
    let scim = users(&org(&sb).json("POST", &format!("{}/users/search", v2(demo::DIRECTORY_ID)), &json!({})));
    assert_eq!(ids(&scim), [demo::SCIM_ACCOUNT_ID, demo::SECOND_SCIM_ACCOUNT_ID]);
    assert_eq!(scim.data[0].groups.len(), 0, "groups only with expand");
    let local =
        users(&org(&sb).json("POST", &format!("{}/users/search", v2(demo::ORG_DIRECTORY_ID)), &json!({})));
    assert_eq!(ids(&local), [demo::ACCOUNT_ID, demo::UNMANAGED_ACCOUNT_ID]);

    // searchTerm, claim status, SCIM group membership (the SCIM group is an org group too).
    assert_eq!(ids(&search(&sb, json!({"searchTerm": "hopper"}))), [demo::SECOND_SCIM_ACCOUNT_ID]);
    assert_eq!(ids(&search(&sb, json!({"claimStatus": "unmanaged"}))), [demo::UNMANAGED_ACCOUNT_ID]);
    assert_eq!(search(&sb, json!({"groupIds": [demo::GROUP_ID]})).data.len(), 2);
    let r = org(&sb).json(
        "POST",
        &format!("{}/users/search", v2("-")),
        &json!({"emails": ["a@b"], "searchTerm": "x"}),
    );
    assert_eq!((r.status, r.json()["errors"][0]["code"].clone()), (400, json!("ADMIN-400-24")));

    // Cursor pages: links.next is a bare cursor, sent back in the body.
    let first = search(&sb, json!({"limit": 3}));
    assert_eq!(first.data.len(), 3);
    let cursor = first.links_next().expect("a next page").to_string();
    let second = search(&sb, json!({"limit": 3, "cursor": cursor}));
    assert_eq!(second.data.len(), 1);
    assert_eq!(second.links_next(), None);
    let mut seen = ids(&first);
    seen.extend(ids(&second));
    assert_eq!(seen, ids(&all));
    let r = org(&sb).json("POST", &format!("{}/users/search", v2("-")), &json!({"cursor": "not-a-cursor"}));
    assert_eq!((r.status, r.json()["errors"][0]["code"].clone()), (400, json!("ADMIN-400-1")));
}

#[test]
fn suspend_restore_and_remove_are_seen_by_every_api() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let user = |id: &str| format!("{}/users/{id}", v2("-"));

    assert_eq!(c.post_empty(&format!("{}/suspend", user(demo::ACCOUNT_ID))).status, 204);
    let got: Data<DirectoryUser> =
        serde_json::from_str(&c.get(&format!("{}?expand=productAccess", user(demo::ACCOUNT_ID))).text)
            .unwrap();
    let got = got.data;
    assert_eq!(
        (got.status, got.membership_status),
        (Some(UserStatus::Suspended), Some(MembershipStatus::Suspended))
    );
    assert!(got.product_access.is_empty(), "no product access while suspended");
    assert_eq!(ids(&search(&sb, json!({"membershipStatus": ["suspended"]}))), [demo::ACCOUNT_ID]);
    assert_eq!(sb.account(demo::ACCOUNT_ID).unwrap().membership, Membership::Suspended);

    assert_eq!(c.post_empty(&format!("{}/restore", user(demo::ACCOUNT_ID))).status, 204);
    let page = search(&sb, json!({"emails": ["lila@example.com"], "expand": ["productAccess"]}));
    assert_eq!(page.data[0].product_access.len(), 2, "access is back, with its dates");

    // Remove: gone from the directory, its groups and roles lost.
    assert_eq!(c.delete(&user(demo::ACCOUNT_ID)).status, 204);
    assert_eq!(c.get(&user(demo::ACCOUNT_ID)).json()["errors"][0]["code"], "ADMIN-404-8");
    assert!(!ids(&search(&sb, json!({}))).contains(&demo::ACCOUNT_ID.to_string()));
    let acct = sb.account(demo::ACCOUNT_ID).unwrap();
    assert_eq!((acct.membership, acct.roles.len()), (Membership::Removed, 0));
    assert_eq!(c.post_empty(&format!("{}/suspend", user(demo::ACCOUNT_ID))).status, 404);

    let actions: Vec<String> = sb.audit_events().into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, ["user_access_suspended", "user_access_restored", "user_removed_from_directory"]);
}

#[test]
fn a_scim_deactivation_is_seen_by_v2_and_cannot_be_undone_by_user_management() {
    let sb = demo_sandbox();
    let scim = Client::scim(&sb);
    let patch = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                       "Operations": [{"op": "replace", "path": "active", "value": "False"}]});
    assert_eq!(scim.scim_json("PATCH", &format!("/Users/{}", demo::SCIM_USER_ID), &patch).status, 200);

    let got: Data<DirectoryUser> =
        serde_json::from_str(&org(&sb).get(&format!("{}/users/{}", v2("-"), demo::SCIM_ACCOUNT_ID)).text)
            .unwrap();
    let got = got.data;
    assert_eq!(got.status, Some(UserStatus::Deactivated));
    assert_eq!(got.account_status.as_ref().map(|s| s.as_str()), Some("inactive"));
    assert_eq!(ids(&search(&sb, json!({"accountStatus": ["inactive"]}))), [demo::SCIM_ACCOUNT_ID]);

    let um = Client::admin(&sb);
    let r = um.post_empty(&format!("/users/{}/manage/lifecycle/enable", demo::SCIM_ACCOUNT_ID));
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["context"]["reason"]["key"], "externalDirectory.scim");
    assert_eq!(
        um.get(&format!("/users/{}/manage/profile", demo::SCIM_ACCOUNT_ID)).json()["account"]["account_status"],
        "inactive"
    );

    // The SCIM write is in the audit log, attributed to the directory.
    assert_eq!(
        sb.audit_events(),
        [(
            "user_updated".to_string(),
            vec![demo::SCIM_ACCOUNT_ID.to_string(), demo::DIRECTORY_ID.to_string()]
        )]
    );
}

#[test]
fn groups_and_memberships() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let groups = v2(demo::ORG_DIRECTORY_ID);

    let r =
        c.json("POST", &format!("{groups}/groups"), &json!({"name": "auditors", "description": "read-only"}));
    assert_eq!(r.status, 201, "{}", r.text);
    let created: Data<DirectoryGroup> = serde_json::from_str(&r.text).unwrap();
    let gid = created.data.id.unwrap().as_str().to_string();
    assert_eq!(c.json("POST", &format!("{groups}/groups"), &json!({"name": "AUDITORS"})).status, 409);

    let member = |account: &str| json!({"accountId": account});
    assert_eq!(
        c.json("POST", &format!("{groups}/groups/{gid}/memberships"), &member(demo::SECOND_SCIM_ACCOUNT_ID))
            .status,
        204
    );
    assert_eq!(
        c.json("POST", &format!("{groups}/groups/{gid}/memberships"), &member("557057:nobody")).status,
        404
    );
    let got: Data<DirectoryGroup> =
        serde_json::from_str(&c.get(&format!("{groups}/groups/{gid}")).text).unwrap();
    assert_eq!(got.data.counts.unwrap().users, Some(1));

    // Search: by member, by name; the SCIM group is listed as synced, with its members.
    let found: Page<DirectoryGroup> = serde_json::from_str(
        &c.json(
            "POST",
            &format!("{}/groups/search", v2("-")),
            &json!({"accountIds": [demo::SECOND_SCIM_ACCOUNT_ID]}),
        )
        .text,
    )
    .unwrap();
    let names: Vec<&str> = found.data.iter().map(|g| g.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["auditors", "engineering"]);
    assert_eq!(found.data[1].external_synced, Some(true));
    assert_eq!(ids(&search(&sb, json!({"groupIds": [gid]}))), [demo::SECOND_SCIM_ACCOUNT_ID]);

    // A synced group is the identity provider's.
    let r = c.json(
        "POST",
        &format!("{}/groups/{}/memberships", v2("-"), demo::GROUP_ID),
        &member(demo::ACCOUNT_ID),
    );
    assert_eq!((r.status, r.json()["errors"][0]["code"].clone()), (403, json!("ADMIN-403-5")));

    let membership = format!("{groups}/groups/{gid}/memberships/{}", demo::SECOND_SCIM_ACCOUNT_ID);
    assert_eq!(c.delete(&membership).status, 204);
    assert_eq!(c.delete(&membership).status, 404);
    assert_eq!(c.delete(&format!("{groups}/groups/{gid}")).status, 204);
    assert_eq!(c.get(&format!("{groups}/groups/{gid}")).json()["errors"][0]["code"], "ADMIN-404-10");

    let actions: Vec<String> = sb.audit_events().into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, ["group_created", "user_added_to_group", "user_removed_from_group", "group_deleted"]);
}

fn stream(c: &Client, query: &str) -> Page<Event> {
    let r = c.get(&format!("/v1/orgs/{}/events-stream{query}", demo::ORG_ID));
    assert_eq!(r.status, 200, "{}", r.text);
    serde_json::from_str(&r.text).expect("a page of events")
}

fn event_ids(page: &Page<Event>) -> Vec<String> {
    page.data.iter().map(|e| e.id.as_str().to_string()).collect()
}

#[test]
fn events_stream_pages_then_polls_with_its_last_cursor() {
    let sb = Sandbox::builder().with_demo_data().events_rate_limit(None).start().unwrap();
    let c = org(&sb);
    let um = Client::admin(&sb);
    for nickname in ["a", "b", "c"] {
        let r = um.json(
            "PATCH",
            &format!("/users/{}/manage/profile", demo::ACCOUNT_ID),
            &json!({"nickname": nickname}),
        );
        assert_eq!(r.status, 200);
    }
    // Ascending (the default), two per page.
    let first = stream(&c, "?limit=2");
    assert_eq!(event_ids(&first), ["evt-1", "evt-2"]);
    assert_eq!(first.data[0].attributes.action.as_str(), "user_profile_updated");
    assert!(first.links_next().is_some(), "more now");
    let second = stream(&c, &format!("?cursor={}", first.meta_next().unwrap()));
    assert_eq!(event_ids(&second), ["evt-3"]);
    assert_eq!(second.links_next(), None, "caught up");
    let end = second.meta_next().expect("the cursor to poll with").to_string();
    assert!(stream(&c, &format!("?cursor={end}")).data.is_empty(), "nothing new yet");

    // New events from any API reach the poller, and only those.
    assert_eq!(Client::scim(&sb).delete(&format!("/Users/{}", demo::SECOND_SCIM_USER_ID)).status, 204);
    assert_eq!(org(&sb).post_empty(&format!("{}/users/{}/suspend", v2("-"), demo::ACCOUNT_ID)).status, 204);
    let polled = stream(&c, &format!("?cursor={end}"));
    let actions: Vec<&str> = polled.data.iter().map(|e| e.attributes.action.as_str()).collect();
    assert_eq!(actions, ["user_deprovisioned", "user_access_suspended"]);

    // Newest first, then polling above where the window started.
    let desc = stream(&c, "?sortOrder=desc&limit=4");
    assert_eq!(event_ids(&desc), ["evt-5", "evt-4", "evt-3", "evt-2"]);
    let rest = stream(&c, &format!("?cursor={}", desc.meta_next().unwrap()));
    assert_eq!(event_ids(&rest), ["evt-1"]);
    let poll = rest.meta_next().unwrap().to_string();
    assert!(stream(&c, &format!("?cursor={poll}")).data.is_empty());
    um.json("PATCH", &format!("/users/{}/manage/profile", demo::ACCOUNT_ID), &json!({"nickname": "d"}));
    assert_eq!(event_ids(&stream(&c, &format!("?cursor={poll}"))), ["evt-6"]);

    // One event, and a bad cursor.
    let one = c.get(&format!("/v1/orgs/{}/events/evt-3", demo::ORG_ID)).json();
    assert_eq!(one["data"]["attributes"]["context"][0]["id"], demo::ACCOUNT_ID);
    let r = c.get(&format!("/v1/orgs/{}/events-stream?cursor=zz", demo::ORG_ID));
    assert_eq!((r.status, r.json()["errors"][0]["code"].clone()), (400, json!("ADMIN-400-1")));
}

#[test]
fn the_events_paths_allow_ten_requests_a_minute_each_by_default() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let stream_path = format!("/v1/orgs/{}/events-stream", demo::ORG_ID);
    for i in 0..10 {
        let r = c.get(&stream_path);
        assert_eq!(r.status, 200, "request {i}");
        assert_eq!(r.header("x-ratelimit-remaining"), Some((9 - i).to_string().as_str()));
    }
    let r = c.get(&stream_path);
    assert_eq!((r.status, r.json()), (429, json!({"code": 429, "message": "Too many requests"})));
    assert_eq!(r.header("x-ratelimit-limit"), Some("10"));
    assert!(r.header("x-ratelimit-reset").is_some_and(|v| v.ends_with('Z')));
    assert_eq!(r.header("retry-after"), None, "the Organizations API documents no Retry-After");
    // Per path: the search is counted apart; other org paths are not limited.
    assert_eq!(c.get(&format!("/v1/orgs/{}/events", demo::ORG_ID)).status, 200);
    assert_eq!(c.get(&format!("/v1/orgs/{}", demo::ORG_ID)).status, 200);

    // Configurable.
    sb.set_events_rate_limit(Some((1, Duration::from_secs(60))));
    assert_eq!(c.get(&stream_path).status, 200);
    assert_eq!(c.get(&stream_path).status, 429);
    sb.set_events_rate_limit(None);
    assert_eq!(c.get(&stream_path).status, 200);
}

#[test]
fn injected_faults_apply_to_the_organizations_api() {
    let sb = demo_sandbox();
    let c = org(&sb);
    let path = format!("{}/users/search", v2("-"));
    sb.rate_limit_next(1, Duration::from_secs(2));
    let r = c.json("POST", &path, &json!({}));
    assert_eq!((r.status, r.json()["code"].clone()), (429, json!(429)));
    assert_eq!(r.header("retry-after"), Some("2"));
    sb.service_unavailable_next(1, None);
    let r = c.post_empty(&format!("{}/users/{}/suspend", v2("-"), demo::ACCOUNT_ID));
    assert_eq!((r.status, r.json()["code"].clone()), (503, json!(503)));
    assert_eq!(sb.account(demo::ACCOUNT_ID).unwrap().membership, Membership::Active, "a 503 changes nothing");
    assert!(sb.audit_events().is_empty());
    sb.malform_next(1);
    let r = c.json("POST", &path, &json!({}));
    assert!(serde_json::from_str::<Value>(&r.text).is_err(), "truncated: {}", r.text);
    assert_eq!(search(&sb, json!({})).data.len(), 4);
}

#[test]
fn domains_counts_last_active_dates_and_scim_links() {
    use admin_models::org::{Count, Domain, LastActivePage, ScimLinks};
    let sb = demo_sandbox();
    let c = org(&sb);

    let domains: Page<Domain> =
        serde_json::from_str(&c.get(&format!("/v1/orgs/{}/domains", demo::ORG_ID)).text).unwrap();
    assert_eq!(domains.data.len(), 1);
    assert!(domains.data[0].is_verified());
    let id = domains.data[0].id.as_str().to_string();
    assert_eq!(
        c.get(&format!("/v1/orgs/{}/domains/{id}", demo::ORG_ID)).json()["data"]["attributes"]["name"],
        demo::DOMAIN
    );
    assert_eq!(
        c.get(&format!("/v1/orgs/{}/domains/nope", demo::ORG_ID)).json()["errors"][0]["code"],
        "ADMIN-404-3"
    );

    let count: Count = serde_json::from_str(&c.get(&format!("{}/users/count", v2("-"))).text).unwrap();
    assert_eq!(count.count, Some(4));
    let count: Count =
        serde_json::from_str(&c.get(&format!("{}/users/count", v2(demo::DIRECTORY_ID))).text).unwrap();
    assert_eq!(count.count, Some(2));
    let count: Count = serde_json::from_str(&c.get(&format!("{}/groups/count", v2("-"))).text).unwrap();
    assert_eq!(count.count, Some(2), "site-admins and the synced engineering");

    let path = format!("/v1/orgs/{}/directory/users/{}/last-active-dates", demo::ORG_ID, demo::ACCOUNT_ID);
    let dates: LastActivePage = serde_json::from_str(&c.get(&path).text).unwrap();
    let products: Vec<(String, String)> = dates
        .data
        .product_access
        .iter()
        .map(|p| (p.key.as_str().to_string(), p.last_active.unwrap().to_string()))
        .collect();
    assert_eq!(
        products,
        [("jira-software".into(), "2025-05-30".into()), ("confluence".into(), "2025-04-02".into())]
    );
    assert_eq!(dates.data.added_to_org.unwrap().to_string(), "2021-03-01");

    // SCIM links, with the org key: by account and by email; none for an account no SCIM
    // directory provisions.
    let prov = Client::new(
        &format!("{}/admin/user-provisioning/v1/org/{}", sb.base_url(), demo::ORG_ID),
        Some(sb.admin_key()),
    );
    let links: ScimLinks =
        serde_json::from_str(&prov.get(&format!("/user/{}/get-scim-links", demo::SCIM_ACCOUNT_ID)).text)
            .unwrap();
    assert_eq!(links.scim_links.len(), 1);
    assert_eq!(
        (links.scim_links[0].scim_user_id.as_str(), links.scim_links[0].directory_id.as_str()),
        (demo::SCIM_USER_ID, demo::DIRECTORY_ID)
    );
    let links: ScimLinks = serde_json::from_str(
        &prov.json("POST", "/get-scim-links-for-email", &json!({"email": "GRACE@example.com"})).text,
    )
    .unwrap();
    assert_eq!(links.scim_links[0].scim_user_id, demo::SECOND_SCIM_USER_ID);
    let links: ScimLinks =
        serde_json::from_str(&prov.get(&format!("/user/{}/get-scim-links", demo::ACCOUNT_ID)).text).unwrap();
    assert!(links.scim_links.is_empty());
}

#[test]
fn the_organization_is_seeded_from_json() {
    let seed = r#"{
        "admin_key": "k",
        "verified_domains": ["acme.test"],
        "org": {"id": "org-1", "name": "Acme", "directory_id": "local-1"},
        "accounts": [{"account_id": "557057:kim", "email": "kim@acme.test", "name": "Kim",
                      "membership": "suspended", "roles": ["atlassian/org-admin"],
                      "added_to_org": "2024-01-01T00:00:00Z",
                      "product_access": [{"key": "jira-software", "last_active": "2025-05-30T09:12:00Z"}]}],
        "org_groups": [{"name": "auditors", "members": ["557057:kim"]}]
    }"#;
    let sb = Sandbox::builder().seed_json(seed).unwrap().start().unwrap();
    assert_eq!((sb.org_id(), sb.org_directory_id()), ("org-1".to_string(), "local-1".to_string()));
    let c = Client::new(&format!("{}/admin", sb.base_url()), Some("k"));
    let page = users(&c.json(
        "POST",
        "/v2/orgs/org-1/directories/local-1/users/search",
        &json!({"expand": ["groups", "platformRoles"]}),
    ));
    let kim = &page.data[0];
    assert_eq!(kim.membership_status, Some(MembershipStatus::Suspended));
    assert_eq!(kim.groups[0].name.as_deref(), Some("auditors"));
    assert_eq!(kim.added_to_org.unwrap().year(), 2024);
    assert!(
        Sandbox::builder()
            .seed_json(
                r#"{"accounts": [{"account_id": "a", "email": "a@b", "name": "A", "membership": "gone"}]}"#
            )
            .is_err()
    );
    assert!(
        Sandbox::builder()
            .seed_json(r#"{"org_groups": [{"name": "g", "members": ["nobody"]}]}"#)
            .unwrap()
            .start()
            .is_err()
    );
}

#[test]
fn get_lists_stats_and_roles() {
    use admin_models::org::{UserRoleAssignment, UserStats};
    let sb = demo_sandbox();
    let c = org(&sb);

    // The GET list takes the search's filters as query parameters, and its cursor alone.
    let page = users(&c.get(&format!("{}/users?limit=2&accountStatus=active", v2("-"))));
    assert_eq!(page.data.len(), 2);
    let next = page.links_next().unwrap().to_string();
    let rest = users(&c.get(&format!("{}/users?cursor={next}&limit=2", v2("-"))));
    assert_eq!(rest.data.len(), 2);
    let by_email = users(&c.get(&format!("{}/users?emails=grace@example.com,ada@example.com", v2("-"))));
    assert_eq!(ids(&by_email), [demo::SCIM_ACCOUNT_ID, demo::SECOND_SCIM_ACCOUNT_ID]);
    let groups: Page<DirectoryGroup> =
        serde_json::from_str(&c.get(&format!("{}/groups", v2("-"))).text).unwrap();
    assert_eq!(groups.data.len(), 2);

    // Roles: grant, see, revoke — each in the audit log.
    let user_roles = |account: &str| -> Page<UserRoleAssignment> {
        serde_json::from_str(&c.get(&format!("{}/users/{account}/role-assignments", v2("-"))).text).unwrap()
    };
    assert!(user_roles(demo::SCIM_ACCOUNT_ID).data.is_empty());
    let assign = format!("/v1/orgs/{}/users/{}/role-assignments/assign", demo::ORG_ID, demo::SCIM_ACCOUNT_ID);
    assert_eq!(c.json("POST", &assign, &json!({"role": "atlassian/org-admin"})).status, 204);
    let roles = user_roles(demo::SCIM_ACCOUNT_ID);
    assert_eq!(roles.data[0].roles[0].as_str(), "atlassian/org-admin");
    let stats: UserStats = serde_json::from_str(&c.get(&format!("{}/users/stats", v2("-"))).text).unwrap();
    assert_eq!(stats.roles[0].count, Some(2), "lila and ada are org admins");
    let revoke = format!("/v1/orgs/{}/users/{}/roles/revoke", demo::ORG_ID, demo::SCIM_ACCOUNT_ID);
    assert_eq!(c.json("POST", &revoke, &json!({"role": "atlassian/org-admin"})).status, 204);
    assert!(user_roles(demo::SCIM_ACCOUNT_ID).data.is_empty());
    let actions: Vec<String> = sb.audit_events().into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, ["role_assigned", "role_revoked"]);
}

#[test]
fn the_action_catalogue_names_what_the_audit_log_records() {
    use admin_models::org::EventActionInfo;
    let sb = demo_sandbox();
    let c = org(&sb);
    let page: Page<EventActionInfo> =
        serde_json::from_str(&c.get(&format!("/v1/orgs/{}/event-actions", demo::ORG_ID)).text).unwrap();
    let known: Vec<&str> = page.data.iter().map(|a| a.id.as_str()).collect();
    assert!(page.data.iter().all(|a| a.attributes.display_name.is_some()));
    // Writes in the three APIs: each action recorded is in the catalogue.
    Client::admin(&sb).json(
        "PATCH",
        &format!("/users/{}/manage/profile", demo::ACCOUNT_ID),
        &json!({"nickname": "x"}),
    );
    Client::scim(&sb).delete(&format!("/Groups/{}", demo::GROUP_ID));
    c.post_empty(&format!("{}/users/{}/suspend", v2("-"), demo::ACCOUNT_ID));
    let recorded = sb.audit_events();
    assert_eq!(recorded.len(), 3);
    assert!(recorded.iter().all(|(action, _)| known.contains(&action.as_str())), "{recorded:?}");
}
