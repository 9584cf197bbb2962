//! Every Organizations fixture (built from the published response shapes: the 2024 spec's
//! schemas for v1, the transcribed v2 shapes) decodes with `from_str` and `from_reader`,
//! re-encodes to the same JSON (unknown members and enum values included), and its decoded
//! form is snapshotted.

use std::fmt::Debug;

use admin_models::org::{
    AccountStatus, AdminErrorCode, ApplicationErrors, ClaimStatus, Count, Data, DirectoryGroup,
    DirectoryUser, GroupManagedBy, GroupRoleAssignment, GroupStats, GroupType, InvitationResult,
    InviteStatus, LastActivePage, ManagedAccount, ManagementSource, MembershipStatus, Org, OrgDirectory,
    Page, ProductKey, ProxyError, RoleAssignmentMethod, RoleId, UserRoleAssignment, UserStats, UserStatus,
};
use admin_models::org::{Domain, Event, EventActionInfo, Policy, Workspace};
use insta::assert_debug_snapshot;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("fixtures/", $name))
    };
}

fn round_trip<T>(text: &str) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let from_str: T = serde_json::from_str(text).expect("from_str");
    let from_reader: T = serde_json::from_reader(text.as_bytes()).expect("from_reader");
    assert_eq!(from_str, from_reader);
    let encoded = serde_json::to_value(&from_str).expect("encode");
    let original: Value = serde_json::from_str(text).expect("fixture is JSON");
    assert_eq!(encoded, original, "re-encoding changed the JSON");
    let again: T = serde_json::from_value(encoded).expect("decode again");
    assert_eq!(again, from_str);
    from_str
}

#[test]
fn orgs() {
    let page: Page<Org> = round_trip(fixture!("org_orgs_page.json"));
    assert_eq!(page.data[0].name(), Some("Acme"));
    assert_eq!(page.links_next(), Some("https://api.atlassian.com/admin/v1/orgs?cursor=eyJvZmZzZXQiOjF9"));
    let org: Data<Org> = round_trip(fixture!("org_org.json"));
    assert_eq!(
        org.data.attributes.extra.value("tier"),
        Some(serde_json::json!("enterprise")),
        "unknown attributes are kept"
    );
    assert_debug_snapshot!("org_orgs_page", page);
    assert_debug_snapshot!("org_org", org);
}

#[test]
fn managed_accounts() {
    let page: Page<ManagedAccount> = round_trip(fixture!("org_managed_accounts.json"));
    let account = &page.data[0];
    assert_eq!(account.account_status, Some(AccountStatus::Active));
    assert_eq!(account.product_access[0].key, ProductKey::JiraSoftware);
    assert_eq!(
        account.product_access[1].key,
        ProductKey::Unknown("jira-product-discovery".into()),
        "a product the 2024 enum does not list still decodes"
    );
    assert_eq!(account.last_active.unwrap().millisecond(), 123);
    assert_eq!(account.extra.value("managed_since"), Some(serde_json::json!("2021-03-04")));
    assert_eq!(page.meta.as_ref().and_then(|m| m.total), Some(1304));
    assert_debug_snapshot!("org_managed_accounts", page);
}

#[test]
fn last_active_dates() {
    let page: LastActivePage = round_trip(fixture!("org_last_active.json"));
    assert_eq!(page.data.product_access[1].key, ProductKey::Unknown("loom".into()));
    assert_eq!(page.data.added_to_org.unwrap().to_string(), "2021-07-22");
    assert_debug_snapshot!("org_last_active", page);
}

#[test]
fn directories() {
    let page: Page<OrgDirectory> = round_trip(fixture!("org_directories.json"));
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.links_next(), Some("c2"));
    assert_debug_snapshot!("org_directories", page);
}

#[test]
fn users() {
    let page: Page<DirectoryUser> = round_trip(fixture!("org_users_search_page.json"));
    let lila = &page.data[0];
    assert_eq!(lila.claim_status, Some(ClaimStatus::Managed));
    assert_eq!(lila.management_source, Some(ManagementSource::Synced));
    assert_eq!(lila.platform_roles[0], RoleId::org_admin());
    assert_eq!(lila.product_access[1].key, Some(ProductKey::Unknown("rovo".into())));
    assert_eq!(lila.last_active().unwrap().day(), 3, "the latest product activity");
    let bob = &page.data[1];
    assert_eq!(bob.status, Some(UserStatus::Unknown("on_hold".into())), "a new status decodes");
    assert_eq!(bob.membership_status, Some(MembershipStatus::Suspended));
    assert_eq!(bob.extra.value("newField").unwrap()["kept"], true);
    assert_debug_snapshot!("org_users_search_page", page);

    let details: Data<DirectoryUser> = round_trip(fixture!("org_user_details.json"));
    assert_eq!(details.data.status, Some(UserStatus::Suspended));
    let count: Count = round_trip(fixture!("org_users_count.json"));
    assert_eq!(count.count, Some(1304));
    let stats: UserStats = round_trip(fixture!("org_user_stats.json"));
    assert_eq!(stats.account_status[1].status, Some(AccountStatus::Inactive));
    let roles: Page<UserRoleAssignment> = round_trip(fixture!("org_user_role_assignments.json"));
    assert_eq!(
        roles.data[0].role_assignments[0].role_assignment_methods,
        [RoleAssignmentMethod::Direct, RoleAssignmentMethod::GroupDirect]
    );
    assert!(roles.data[0].role_assignments[1].role_assignment_methods[0].is_unknown());
    assert_debug_snapshot!("org_user_details", details);
    assert_debug_snapshot!("org_user_stats", stats);
    assert_debug_snapshot!("org_user_role_assignments", roles);
}

#[test]
fn nulls_where_the_shapes_allow_them_decode_as_absent() {
    let user: DirectoryUser = serde_json::from_str(
        r#"{"accountId":"a","managementSource":null,"department":null,"deactivatedOn":null,"platformRoles":null,"productAccess":null}"#,
    )
    .unwrap();
    assert_eq!((user.management_source, user.department, user.deactivated_on), (None, None, None));
    assert!(user.platform_roles.is_empty() && user.product_access.is_empty());
    let page: Page<DirectoryUser> = serde_json::from_str(r#"{"data":[],"links":{"next":null}}"#).unwrap();
    assert!(page.data.is_empty() && page.links_next().is_none());
    let bad = serde_json::from_str::<DirectoryUser>(r#"{"addedToOrg":"last tuesday"}"#).unwrap_err();
    assert!(bad.to_string().contains("ISO 8601"), "{bad}");
}

/// `data` is required on every page: a body without it, or with `"data": null`, is an error that
/// names `data`, never an empty page (which would read as "no users").
#[test]
fn a_page_without_data_or_with_null_data_is_an_error_naming_data() {
    fn refused<T: DeserializeOwned + Debug>(text: &str) {
        let error = serde_json::from_str::<T>(text).expect_err(text);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let located = serde_path_to_error::deserialize::<_, T>(&mut deserializer).expect_err(text);
        let named = format!("{} {}", located.path(), located.inner());
        assert!(named.contains("data"), "{} for {text}: {named}", std::any::type_name::<T>());
        assert_eq!(error.to_string(), located.inner().to_string());
    }
    fn every_page(text: &str) {
        refused::<Page<DirectoryUser>>(text);
        refused::<Page<DirectoryGroup>>(text);
        refused::<Page<OrgDirectory>>(text);
        refused::<Page<UserRoleAssignment>>(text);
        refused::<Page<GroupRoleAssignment>>(text);
        refused::<Page<Org>>(text);
        refused::<Page<ManagedAccount>>(text);
        refused::<Page<Domain>>(text);
        refused::<Page<Event>>(text);
        refused::<Page<EventActionInfo>>(text);
        refused::<Page<Policy>>(text);
        refused::<Page<Workspace>>(text);
        refused::<LastActivePage>(text);
    }
    every_page(fixture!("org_users_search_page_without_data.json"));
    every_page(fixture!("org_users_search_page_null_data.json"));
    every_page(r#"{"links":{},"meta":{"next":null}}"#);
    every_page("{}");
    // An empty page says so with `[]`.
    let empty: Page<DirectoryUser> = round_trip(r#"{"data":[],"links":{}}"#);
    assert!(empty.data.is_empty());
}

#[test]
fn groups() {
    let page: Page<DirectoryGroup> = round_trip(fixture!("org_groups_search_page.json"));
    assert_eq!(page.data[0].managed_by, Some(GroupManagedBy::Admins));
    assert_eq!(page.data[1].managed_by, Some(GroupManagedBy::Unknown("scim-bridge".into())));
    let details: Data<DirectoryGroup> = round_trip(fixture!("org_group_details.json"));
    assert_eq!(details.data.counts.as_ref().and_then(|c| c.users), Some(120));
    let stats: GroupStats = round_trip(fixture!("org_group_stats.json"));
    assert_eq!(stats.types[0].type_, Some(GroupType::Group));
    assert!(stats.types[2].type_.as_ref().unwrap().is_unknown());
    let roles: Page<GroupRoleAssignment> = round_trip(fixture!("org_group_role_assignments.json"));
    assert_eq!(roles.data[0].default_role, Some(RoleId::user()));
    assert_eq!(roles.links_next(), None);
    assert_debug_snapshot!("org_groups_search_page", page);
    assert_debug_snapshot!("org_group_details", details);
    assert_debug_snapshot!("org_group_stats", stats);
    assert_debug_snapshot!("org_group_role_assignments", roles);
}

#[test]
fn invitation_result() {
    let result: InvitationResult = round_trip(fixture!("org_invite_result.json"));
    let outcome = &result.data[0].results[0];
    assert_eq!(outcome.role_assignment_result[0].status, Some(InviteStatus::Invited));
    assert_eq!(outcome.group_assignment_result[0].status, Some(InviteStatus::Error));
    assert_debug_snapshot!("org_invite_result", result);
}

#[test]
fn error_bodies() {
    let errors: ApplicationErrors = round_trip(fixture!("org_error_application.json"));
    assert_eq!(errors.code(), Some(&AdminErrorCode::LicenseLimitExceeded));
    assert!(errors.code().unwrap().is_license_problem());
    let proxy: ProxyError = round_trip(fixture!("org_error_proxy.json"));
    assert_eq!(proxy.status(), Some(429));
    assert_debug_snapshot!("org_error_application", errors);
    assert_debug_snapshot!("org_error_proxy", proxy);
}
