//! Organizations users (v2), roles, last-active dates and invitations, operation by operation,
//! against an HTTP server: exact method, path, query and body.

use admin_api::Error;
use admin_api::models::org::{
    AdminErrorCode, ClaimStatus, Invitation, InviteRole, InviteStatus, OrgDirectoryId, ResourceId, RoleId,
    UserExpand, UserRoleChange, UserStatus,
};
use admin_api::{ApiErrorBody, BuildError};
use serde_json::json;

use super::org_support::{BEARER, account, api_error, org, user, v1, v2};
use super::{maybe, walk};
use crate::support::{self, ODD_ACCOUNT_ID_ENCODED};

#[maybe]
async fn the_user_search_posts_its_filters_and_walks_the_cursor_in_the_body_to_the_end() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("POST")
            .path(v2("-", "/users/search"))
            .header("authorization", BEARER)
            .header("content-type", "application/json")
            .json_body(json!({"limit": 2, "claimStatus": "managed", "expand": ["productAccess"]}));
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [user("a"), user("b")], "links": {"self": "c1", "next": "c2"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("POST").path(v2("-", "/users/search")).json_body(
            json!({"cursor": "c2", "limit": 2, "claimStatus": "managed", "expand": ["productAccess"]}),
        );
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [user("c")], "links": {"self": "c2"}
        }));
    });
    let unexpected = support::fail_unexpected(&server);

    let search = org(&server)
        .users()
        .search()
        .claim_status(ClaimStatus::Managed)
        .expand([UserExpand::ProductAccess])
        .page_size(2);
    let (users, error) = walk(search.pages()).await;

    assert!(error.is_none(), "{error:?}");
    let ids: Vec<_> = users.iter().map(|u| u.account_id.as_ref().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    first.assert_calls(1);
    second.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(the_user_search_posts_its_filters_and_walks_the_cursor_in_the_body_to_the_end);

#[maybe]
async fn a_search_by_email_in_one_directory_returns_one_page_and_all_collects_it() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("POST")
            .path(v2("d-1", "/users/search"))
            .json_body(json!({"emails": ["lila@example.com"]}));
        then.status(200)
            .header("content-type", "application/json")
            .json_body(json!({"data": [user("lila")]}));
    });
    let users = org(&server).users().directory(OrgDirectoryId::new("d-1").unwrap());

    let page = users.search().email("lila@example.com").send().await.expect("search");
    let all = users.search().email("lila@example.com").all().await.expect("all");

    assert_eq!(page.data[0].email.as_deref(), Some("lila@example.com"));
    assert_eq!(all.len(), 1);
    mock.assert_calls(2);
}
scenario!(a_search_by_email_in_one_directory_returns_one_page_and_all_collects_it);

#[maybe]
async fn inputs_the_api_refuses_fail_before_anything_is_sent() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let users = org(&server).users();

    let both = users.search().email("a@b.com").search_term("a").send().await.unwrap_err();
    let too_many = users
        .search()
        .account_ids((0..11).map(|i| admin_api::models::AccountId::new(format!("a{i}")).unwrap()))
        .all()
        .await
        .unwrap_err();
    let limit = users.search().page_size(101).send().await.unwrap_err();
    let role = users.assign_role(&account(), &UserRoleChange::org_wide(RoleId::user())).await.unwrap_err();

    assert!(matches!(
        both,
        Error::Build(BuildError::MutuallyExclusive { first: "emails", second: "searchTerm" })
    ));
    assert!(matches!(
        too_many,
        Error::Build(BuildError::TooManyValues { field: "accountIds", max: 10, given: 11 })
    ));
    assert!(matches!(limit, Error::Build(BuildError::OutOfRange { field: "limit", value: 101, .. })));
    assert!(matches!(role, Error::Build(BuildError::InvalidArgument(_))));
    unexpected.assert_calls(0);
}
scenario!(inputs_the_api_refuses_fail_before_anything_is_sent);

/// The tryout: `.email("not an email")` and `.email("")` were sent unchecked. They, and an
/// invitation to such an address, are checked like user management's email before sending.
#[maybe]
async fn emails_that_are_not_addresses_are_refused_before_sending() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let users = org(&server).users();

    for bad in ["not an email", "", "lila@", "@example.com", "lila@example..com"] {
        let search = users.search().email(bad).send().await.expect_err(bad);
        let mut invitation = Invitation::default();
        invitation.emails = vec!["ok@example.com".into(), bad.into()];
        let invite = users.invite(&invitation).await.expect_err(bad);

        for error in [search, invite] {
            let Error::Build(BuildError::Validation(validation)) = &error else {
                panic!("{bad:?}: expected a validation error, got {error:?}")
            };
            assert_eq!(validation.field, "emails", "{bad:?}");
        }
    }
    unexpected.assert_calls(0);
}
scenario!(emails_that_are_not_addresses_are_refused_before_sending);

#[maybe]
#[allow(deprecated)]
async fn the_deprecated_list_sends_filters_as_repeated_query_keys_and_the_cursor_in_the_query() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET")
            .path(v2("-", "/users"))
            .query_param("limit", "1")
            .query_param("status", "active")
            .query_param("status", "suspended")
            .query_param("emailDomains", "example.com")
            .query_param_missing("cursor")
            .query_param_count(".*", ".*", 4);
        then.status(200)
            .header("content-type", "application/json")
            .json_body(json!({"data": [user("a")], "links": {"next": "c/2"}}));
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(v2("-", "/users")).query_param("cursor", "c/2").query_param("limit", "1");
        then.status(200).header("content-type", "application/json").json_body(json!({"data": [user("b")]}));
    });

    let list = org(&server)
        .users()
        .list()
        .status([UserStatus::Active, UserStatus::Suspended])
        .email_domains(["example.com"])
        .page_size(1);
    let (users, error) = walk(list.pages()).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(users.len(), 2);
    first.assert_calls(1);
    second.assert_calls(1);
}
scenario!(the_deprecated_list_sends_filters_as_repeated_query_keys_and_the_cursor_in_the_query);

#[maybe]
async fn get_count_and_stats_read_their_answers() {
    let server = support::server();
    let get = server.mock(|when, then| {
        when.method("GET")
            .path(v2("-", &format!("/users/{ODD_ACCOUNT_ID_ENCODED}")))
            .header("authorization", BEARER);
        then.status(200).header("content-type", "application/json").json_body(
            json!({"data": {"accountId": "557057:4f9acfd2|x", "status": "suspended", "newField": 1}}),
        );
    });
    let count = server.mock(|when, then| {
        when.method("GET")
            .path(v2("-", "/users/count"))
            .query_param("claimStatus", "managed")
            .query_param("searchTerm", "lila b")
            .query_param_count(".*", ".*", 2);
        then.status(200).header("content-type", "application/json").body(r#"{"count":42}"#);
    });
    let stats = server.mock(|when, then| {
        when.method("GET").path(v2("-", "/users/stats"));
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"roles":[{"roleId":"atlassian/user","count":40}],"accountStatus":[{"status":"active","count":42}]}"#);
    });
    let users = org(&server).users();

    let user = users.get(&account()).await.expect("get");
    let n =
        users.count().claim_status(ClaimStatus::Managed).search_term("lila b").send().await.expect("count");
    let s = users.stats().await.expect("stats");

    assert_eq!(user.status, Some(UserStatus::Suspended));
    assert_eq!(user.extra.value("newField"), Some(serde_json::json!(1)));
    assert_eq!(n.count, Some(42));
    assert_eq!(s.roles[0].role_id, Some(RoleId::user()));
    get.assert_calls(1);
    count.assert_calls(1);
    stats.assert_calls(1);
}
scenario!(get_count_and_stats_read_their_answers);

#[maybe]
async fn role_assignments_walk_their_cursor_in_the_query() {
    let server = support::server();
    let path = v2("-", &format!("/users/{ODD_ACCOUNT_ID_ENCODED}/role-assignments"));
    let first = server.mock(|when, then| {
        when.method("GET")
            .path(path.clone())
            .query_param("resourceOwners", "jira-software")
            .query_param("roleIds", "atlassian/admin")
            .query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"resourceId": "ari:1", "roles": ["atlassian/admin"]}], "links": {"next": "r2"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(path.clone()).query_param("cursor", "r2");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"resourceId": "ari:2", "roles": ["atlassian/admin"]}], "links": {"next": null}
        }));
    });

    let request = org(&server)
        .users()
        .role_assignments(&account())
        .resource_owners(["jira-software"])
        .role_ids([RoleId::admin()]);
    let (roles, error) = walk(request.pages()).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(roles.len(), 2);
    first.assert_calls(1);
    second.assert_calls(1);
}
scenario!(role_assignments_walk_their_cursor_in_the_query);

#[maybe]
async fn suspend_restore_and_remove_hit_their_v2_paths() {
    let server = support::server();
    let base = format!("/users/{ODD_ACCOUNT_ID_ENCODED}");
    let suspend = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", &format!("{base}/suspend"))).header("authorization", BEARER);
        then.status(204);
    });
    let restore = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", &format!("{base}/restore")));
        then.status(200).header("content-type", "application/json").body(r#"{"message":"restored"}"#);
    });
    let remove = server.mock(|when, then| {
        when.method("DELETE").path(v2("d-1", &base));
        then.status(204);
    });
    let users = org(&server).users().directory(OrgDirectoryId::new("d-1").unwrap());

    users.suspend(&account()).await.expect("suspend");
    users.restore(&account()).await.expect("restore");
    users.remove(&account()).await.expect("remove");

    suspend.assert_calls(1);
    restore.assert_calls(1);
    remove.assert_calls(1);
}
scenario!(suspend_restore_and_remove_hit_their_v2_paths);

#[maybe]
async fn a_restore_over_the_licence_limit_is_a_typed_admin_error() {
    let server = support::server();
    let body = r#"{"errors":[{"id":"e-1","status":"409","code":"ADMIN-409-3","title":"License limit exceeded","detail":"Jira is full"}]}"#;
    let restore = server.mock(|when, then| {
        when.method("POST").path_suffix("/restore");
        then.status(409).header("content-type", "application/json").body(body);
    });
    let breaches = server.mock(|when, then| {
        when.method("POST").path_suffix("/suspend");
        then.status(400).header("content-type", "application/json").body(
            r#"{"errors":[{"status":"400","code":"ADMIN-400-32","title":"Too many license breaches"}]}"#,
        );
    });
    let users = org(&server).users();

    let error = users.restore(&account()).await.unwrap_err();
    let other = users.suspend(&account()).await.unwrap_err();

    let api = api_error(&error);
    assert_eq!(api.status.as_u16(), 409);
    assert_eq!(error.admin_code(), Some(&AdminErrorCode::LicenseLimitExceeded));
    assert!(error.admin_code().unwrap().is_license_problem());
    assert!(matches!(api.body, ApiErrorBody::OrgApplication(_)));
    assert_eq!(api.admin_errors()[0].id.as_deref(), Some("e-1"));
    assert_eq!(api.raw, body);
    assert_eq!(api.attempts, 1, "a POST is not retried");
    assert!(error.to_string().contains("ADMIN-409-3: Jira is full"), "{error}");
    assert!(error.is_conflict());
    assert!(other.admin_code().unwrap().is_too_many_license_breaches());
    restore.assert_calls(1);
    breaches.assert_calls(1);
}
scenario!(a_restore_over_the_licence_limit_is_a_typed_admin_error);

#[maybe]
async fn last_active_dates_follow_their_cursor() {
    let server = support::server();
    let path = v1(&format!("/directory/users/{ODD_ACCOUNT_ID_ENCODED}/last-active-dates"));
    let first = server.mock(|when, then| {
        when.method("GET").path(path.clone()).query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": {"product_access": [{"id": "p1", "key": "jira-software", "last_active": "2024-05-01"}], "added_to_org": "2021-07-22"},
            "links": {"next": "la2"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(path.clone()).query_param("cursor", "la2");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": {"product_access": [{"id": "p2", "key": "loom", "last_active": "2024-04-01"}]}
        }));
    });

    let (dates, error) = walk(org(&server).users().last_active_dates(&account())).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(dates.len(), 2);
    assert!(dates[1].key.is_unknown(), "a product key the 2024 enum lacks");
    assert_eq!(dates[0].last_active.unwrap().to_string(), "2024-05-01");
    first.assert_calls(1);
    second.assert_calls(1);
}
scenario!(last_active_dates_follow_their_cursor);

#[maybe]
async fn invite_posts_the_invitation_and_reads_the_outcomes() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("POST").path("/admin/v2/orgs/o-1/users/invite").json_body(json!({
            "emails": ["new@example.com"],
            "permissionRules": [{"resource": "ari:cloud:jira-software::site/1", "role": "atlassian/user"}],
            "sendNotification": false
        }));
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"id": "5b1", "email": "new@example.com", "results": [
                {"roleAssignmentResult": [{"resource": "ari:cloud:jira-software::site/1", "role": "atlassian/user", "status": "INVITED"}]}
            ]}]
        }));
    });
    let mut invitation = Invitation::default();
    invitation.emails = vec!["new@example.com".into()];
    invitation.permission_rules =
        vec![InviteRole::new(ResourceId::new("ari:cloud:jira-software::site/1").unwrap(), RoleId::user())];
    invitation.send_notification = Some(false);

    let result = org(&server).users().invite(&invitation).await.expect("invite");

    assert_eq!(result.data[0].results[0].role_assignment_result[0].status, Some(InviteStatus::Invited));
    mock.assert_calls(1);
}
scenario!(invite_posts_the_invitation_and_reads_the_outcomes);

#[maybe]
async fn product_and_org_roles_are_assigned_and_revoked_with_their_bodies() {
    let server = support::server();
    let base = format!("/users/{ODD_ACCOUNT_ID_ENCODED}");
    let site = ResourceId::new("ari:cloud:confluence::site/1").unwrap();
    let product_body = json!({"role": "atlassian/admin", "resource": "ari:cloud:confluence::site/1"});
    let mocks = [
        ("/roles/assign", product_body.clone()),
        ("/roles/revoke", product_body),
        ("/role-assignments/assign", json!({"role": "atlassian/org-admin"})),
        ("/role-assignments/revoke", json!({"role": "atlassian/org-admin"})),
    ]
    .map(|(suffix, body)| {
        server.mock(|when, then| {
            when.method("POST").path(v1(&format!("{base}{suffix}"))).json_body(body);
            then.status(204);
        })
    });
    let users = org(&server).users();
    let change = UserRoleChange::new(RoleId::admin(), site);

    users.assign_role(&account(), &change).await.expect("assign");
    users.revoke_role(&account(), &change).await.expect("revoke");
    users.assign_org_role(&account(), RoleId::org_admin()).await.expect("assign org");
    users.revoke_org_role(&account(), RoleId::org_admin()).await.expect("revoke org");

    for mock in &mocks {
        mock.assert_calls(1);
    }
}
scenario!(product_and_org_roles_are_assigned_and_revoked_with_their_bodies);
