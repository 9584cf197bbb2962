//! Snapshots of every Organizations request plan: method, encoded path, query, media types,
//! body; and the input checks that stop a request before it is sent. Runs with any feature set.

use admin_api::BuildError;
use admin_api::models::AccountId;
use admin_api::models::org::{
    AccountStatus, ClaimStatus, GroupExpand, GroupRoleChange, GroupSearch, GroupSortField, Invitation,
    InviteRole, MembershipStatus, NewGroup, OrgDirectoryId, OrgGroupId, OrgId, OrgRoleChange, ResourceId,
    RoleId, SortBy, UserExpand, UserRoleChange, UserSearch, UserSortField, UserStatus,
};
use admin_api::plan::RequestPlan;
use admin_api::plan::org::{self, DirectoryQuery, RoleAssignmentQuery};

fn org_id() -> OrgId {
    OrgId::new("0cc7e8d6-8e27-4e2a-b5a6-6bbd2fde7b0a").unwrap()
}

fn dir() -> OrgDirectoryId {
    OrgDirectoryId::new("d/1").unwrap()
}

fn all() -> OrgDirectoryId {
    OrgDirectoryId::all()
}

fn account() -> AccountId {
    AccountId::new("557057:4f9acfd2|x").unwrap()
}

fn group() -> OrgGroupId {
    OrgGroupId::new("g 1?").unwrap()
}

fn site() -> ResourceId {
    ResourceId::new("ari:cloud:jira-software::site/1").unwrap()
}

fn render(plans: &[RequestPlan]) -> String {
    plans.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n\n")
}

fn full_user_search() -> UserSearch {
    let mut search = UserSearch::default();
    search.limit = Some(100);
    search.account_ids = vec![account()];
    search.directory_ids = vec![dir()];
    search.resource_ids = vec![site()];
    search.group_ids = vec![group()];
    search.mfa_enabled = Some(true);
    search.claim_status = Some(ClaimStatus::Managed);
    search.status = vec![UserStatus::Active, UserStatus::Suspended];
    search.account_status = vec![AccountStatus::Active];
    search.membership_status = vec![MembershipStatus::Active];
    search.role_ids = vec![RoleId::user()];
    search.email_domains = vec!["example.com".into()];
    search.search_term = Some("lila b".into());
    search
}

#[test]
fn org_and_directory_plans() {
    let mut query = DirectoryQuery::default();
    query.account_id = Some(account());
    query.directory_ids = vec![dir(), OrgDirectoryId::new("d2").unwrap()];
    query.search_term = Some("main dir".into());
    query.limit = Some(10);
    let plans = [
        org::list_orgs(None).unwrap(),
        org::list_orgs(Some("a+b/c=")).unwrap(),
        org::get_org(&org_id()).unwrap(),
        org::managed_accounts(&org_id(), Some("c2")).unwrap(),
        org::list_directories(&org_id(), &DirectoryQuery::default(), None).unwrap(),
        org::list_directories(&org_id(), &query, Some("c2")).unwrap(),
    ];
    insta::assert_snapshot!(render(&plans));
}

#[test]
#[allow(deprecated)]
fn user_plans() {
    let mut search = UserSearch::default();
    search.emails = vec!["lila@example.com".into()];
    search.expand = vec![UserExpand::ProductAccess, UserExpand::Groups];
    search.sort_by = vec![SortBy::desc(UserSortField::NickName)];
    search.limit = Some(50);
    let mut roles = RoleAssignmentQuery::default();
    roles.limit = Some(20);
    roles.directory_ids = vec![dir()];
    roles.resource_owners = vec!["jira".into()];
    roles.resource_ids = vec![site()];
    roles.role_ids = vec![RoleId::admin()];
    let mut invitation = Invitation::default();
    invitation.emails = vec!["new@example.com".into()];
    invitation.permission_rules = vec![InviteRole::new(site(), RoleId::user())];
    invitation.additional_groups = vec![group()];
    invitation.send_notification = Some(true);
    invitation.notification_text = Some("Welcome!".into());
    let plans = [
        org::search_users(&org_id(), &all(), &UserSearch::default(), None).unwrap(),
        org::search_users(&org_id(), &all(), &search, None).unwrap(),
        org::search_users(&org_id(), &dir(), &full_user_search(), Some("eyJwIjoyfQ==")).unwrap(),
        org::list_users(&org_id(), &all(), &UserSearch::default(), None).unwrap(),
        org::list_users(&org_id(), &dir(), &full_user_search(), Some("c/2")).unwrap(),
        org::get_user(&org_id(), &all(), &account()).unwrap(),
        org::count_users(&org_id(), &all(), &full_user_search()).unwrap(),
        org::user_stats(&org_id(), &all()).unwrap(),
        org::user_role_assignments(&org_id(), &all(), &account(), &RoleAssignmentQuery::default(), None)
            .unwrap(),
        org::user_role_assignments(&org_id(), &dir(), &account(), &roles, Some("c2")).unwrap(),
        org::suspend_user(&org_id(), &all(), &account()).unwrap(),
        org::restore_user(&org_id(), &dir(), &account()).unwrap(),
        org::remove_user(&org_id(), &dir(), &account()).unwrap(),
        org::last_active_dates(&org_id(), &account(), None).unwrap(),
        org::last_active_dates(&org_id(), &account(), Some("c2")).unwrap(),
        org::invite_users(&org_id(), &invitation).unwrap(),
        org::assign_user_role(&org_id(), &account(), &UserRoleChange::new(RoleId::user(), site())).unwrap(),
        org::revoke_user_role(&org_id(), &account(), &UserRoleChange::org_wide(RoleId::org_admin())).unwrap(),
        org::assign_org_role(&org_id(), &account(), &OrgRoleChange::new(RoleId::org_admin())).unwrap(),
        org::revoke_org_role(&org_id(), &account(), &OrgRoleChange::new(RoleId::org_admin())).unwrap(),
    ];
    insta::assert_snapshot!(render(&plans));
}

#[test]
#[allow(deprecated)]
fn group_plans() {
    let mut search = GroupSearch::default();
    search.limit = Some(20);
    search.sort_by = vec![SortBy::asc(GroupSortField::Name)];
    search.account_ids = vec![account()];
    search.directory_ids = vec![dir()];
    search.role_ids = vec![RoleId::user()];
    search.resource_owners = vec!["confluence".into()];
    search.resource_ids = vec![site()];
    search.group_names = vec!["Auditors".into()];
    search.expand = vec![GroupExpand::CountsUsers, GroupExpand::CountsResources];
    let mut filter = GroupSearch::default();
    filter.search_term = Some("aud".into());
    filter.group_ids = vec![group()];
    filter.account_ids = vec![account()];
    let change = GroupRoleChange::new(site(), RoleId::user());
    let plans = [
        org::search_groups(&org_id(), &all(), &GroupSearch::default(), None).unwrap(),
        org::search_groups(&org_id(), &dir(), &search, Some("c2")).unwrap(),
        org::list_groups(&org_id(), &all(), &filter, None).unwrap(),
        org::create_group(&org_id(), &dir(), &NewGroup::new("Auditors").description("read-only")).unwrap(),
        org::delete_group(&org_id(), &dir(), &group()).unwrap(),
        org::get_group(&org_id(), &all(), &group()).unwrap(),
        org::count_groups(&org_id(), &all(), &filter).unwrap(),
        org::group_stats(&org_id(), &all()).unwrap(),
        org::group_role_assignments(&org_id(), &dir(), &group(), &RoleAssignmentQuery::default(), Some("c2"))
            .unwrap(),
        org::assign_group_role(&org_id(), &dir(), &group(), &change).unwrap(),
        org::revoke_group_role(&org_id(), &dir(), &group(), &change).unwrap(),
        org::add_group_member(&org_id(), &dir(), &group(), &account()).unwrap(),
        org::remove_group_member(&org_id(), &dir(), &group(), &account()).unwrap(),
    ];
    insta::assert_snapshot!(render(&plans));
}

#[test]
fn emails_and_search_term_are_refused_together() {
    let mut search = UserSearch::default();
    search.emails = vec!["a@b.com".into()];
    search.search_term = Some("a".into());
    let error = org::search_users(&org_id(), &all(), &search, None).unwrap_err();
    assert!(
        matches!(error, BuildError::MutuallyExclusive { first: "emails", second: "searchTerm" }),
        "{error}"
    );
}

#[test]
fn list_limits_are_checked_before_sending() {
    let ids = |n: usize| (0..n).map(|i| AccountId::new(format!("a{i}")).unwrap()).collect::<Vec<_>>();
    let mut search = UserSearch::default();
    search.account_ids = ids(10);
    assert!(org::search_users(&org_id(), &all(), &search, None).is_ok(), "10 account ids are allowed");
    search.account_ids = ids(11);
    let error = org::search_users(&org_id(), &all(), &search, None).unwrap_err();
    assert!(
        matches!(error, BuildError::TooManyValues { field: "accountIds", max: 10, given: 11 }),
        "{error}"
    );

    let mut search = UserSearch::default();
    search.group_ids = (0..11).map(|i| OrgGroupId::new(format!("g{i}")).unwrap()).collect();
    assert!(matches!(
        org::count_users(&org_id(), &all(), &search),
        Err(BuildError::TooManyValues { field: "groupIds", max: 10, .. })
    ));

    let mut search = GroupSearch::default();
    search.resource_ids = (0..21).map(|i| ResourceId::new(format!("ari:r/{i}")).unwrap()).collect();
    assert!(matches!(
        org::search_groups(&org_id(), &all(), &search, None),
        Err(BuildError::TooManyValues { field: "resourceIds", max: 20, given: 21 })
    ));

    let mut roles = RoleAssignmentQuery::default();
    roles.resource_ids = (0..21).map(|i| ResourceId::new(format!("ari:r/{i}")).unwrap()).collect();
    assert!(org::user_role_assignments(&org_id(), &all(), &account(), &roles, None).is_err());
}

#[test]
fn page_limits_are_checked_before_sending() {
    for (limit, ok) in [(0, false), (1, true), (100, true), (101, false)] {
        let mut search = UserSearch::default();
        search.limit = Some(limit);
        assert_eq!(org::search_users(&org_id(), &all(), &search, None).is_ok(), ok, "limit {limit}");
        let mut groups = GroupSearch::default();
        groups.limit = Some(limit);
        assert_eq!(org::search_groups(&org_id(), &all(), &groups, None).is_ok(), ok, "limit {limit}");
    }
    let mut query = DirectoryQuery::default();
    query.limit = Some(0);
    assert!(matches!(
        org::list_directories(&org_id(), &query, None),
        Err(BuildError::OutOfRange { field: "limit", value: 0, .. })
    ));
}

#[test]
fn group_names_exclude_search_term_and_group_ids() {
    let mut search = GroupSearch::default();
    search.group_names = vec!["a".into()];
    search.search_term = Some("a".into());
    assert!(matches!(
        org::search_groups(&org_id(), &all(), &search, None),
        Err(BuildError::MutuallyExclusive { first: "groupNames", second: "searchTerm" })
    ));
    search.search_term = None;
    search.group_ids = vec![group()];
    assert!(matches!(
        org::search_groups(&org_id(), &all(), &search, None),
        Err(BuildError::MutuallyExclusive { first: "groupNames", second: "groupIds" })
    ));
}

#[test]
#[allow(deprecated)]
fn search_only_fields_are_refused_by_the_get_listings() {
    let mut search = UserSearch::default();
    search.emails = vec!["a@b.com".into()];
    assert!(matches!(org::list_users(&org_id(), &all(), &search, None), Err(BuildError::InvalidArgument(_))));
    let mut search = UserSearch::default();
    search.expand = vec![UserExpand::ProductAccess];
    assert!(org::count_users(&org_id(), &all(), &search).is_err());
    let mut groups = GroupSearch::default();
    groups.group_names = vec!["a".into()];
    assert!(org::list_groups(&org_id(), &all(), &groups, None).is_err());
}

#[test]
fn writes_refuse_meaningless_inputs() {
    assert!(org::invite_users(&org_id(), &Invitation::default()).is_err(), "no email");
    assert!(org::create_group(&org_id(), &dir(), &NewGroup::new(" ")).is_err(), "no name");
    let error =
        org::assign_user_role(&org_id(), &account(), &UserRoleChange::org_wide(RoleId::user())).unwrap_err();
    assert!(error.to_string().contains("needs a resource"), "{error}");
}

#[test]
fn every_id_is_one_encoded_segment() {
    let plan = org::get_user(&org_id(), &dir(), &account()).unwrap();
    assert_eq!(
        plan.path,
        "/admin/v2/orgs/0cc7e8d6-8e27-4e2a-b5a6-6bbd2fde7b0a/directories/d%2F1/users/557057:4f9acfd2%7Cx"
    );
    let plan = org::get_group(&org_id(), &all(), &group()).unwrap();
    assert_eq!(
        plan.path,
        "/admin/v2/orgs/0cc7e8d6-8e27-4e2a-b5a6-6bbd2fde7b0a/directories/-/groups/g%201%3F"
    );
    assert!(org::get_org(&OrgId::new("..").unwrap()).is_err(), "a dot segment would climb the path");
}
