//! The Organizations API over the same world as user management and SCIM: directories, v2
//! users (search with last-active, suspend / restore / remove), groups and memberships, the
//! audit log and its events-stream, rate limits and faults.

mod common;

use std::time::Duration;

use admin_models::org::{DirectoryGroup, DirectoryUser, Event, MembershipStatus, Page, UserStatus};
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
    let got: DirectoryUser =
        serde_json::from_str(&c.get(&format!("{}?expand=productAccess", user(demo::ACCOUNT_ID))).text)
            .unwrap();
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

    let got: DirectoryUser =
        serde_json::from_str(&org(&sb).get(&format!("{}/users/{}", v2("-"), demo::SCIM_ACCOUNT_ID)).text)
            .unwrap();
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
    let created: DirectoryGroup = serde_json::from_str(&r.text).unwrap();
    let gid = created.id.unwrap().as_str().to_string();
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
    let got: DirectoryGroup = serde_json::from_str(&c.get(&format!("{groups}/groups/{gid}")).text).unwrap();
    assert_eq!(got.counts.unwrap().users, Some(1));

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
