//! The Organizations API against the sandbox: directories, the v2 user search with last-active
//! dates, suspend / restore / remove, groups and memberships, domains and SCIM links — and the
//! effects that cross the three APIs. State changes are real, so each scenario checks what the
//! other APIs (and the sandbox itself) see afterwards.

use std::time::Duration;

use admin_api::models::org::{
    AccountStatus, AdminErrorCode, DomainId, MembershipStatus, NewGroup, OrgDirectoryId, OrgGroupId, OrgId,
    UserExpand, UserStatus,
};
use admin_api::models::{AccountId, DirectoryId, ScimUserId};
use admin_api::{AdminApiKey, RetryPolicy, ScimApiKey};
use admin_sandbox::{Account, Membership, Sandbox, SandboxBuilder, SandboxHandle, demo};

use super::{Client, OrgService, ScimService, maybe, walk};

/// How many extra members [`seeded`] adds to the demo org.
const EXTRA_MEMBERS: usize = 7;

fn client(sandbox: &SandboxHandle) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .expect("client")
}

fn org(sandbox: &SandboxHandle) -> OrgService {
    client(sandbox).org(AdminApiKey::new(sandbox.admin_key()).unwrap(), OrgId::new(sandbox.org_id()).unwrap())
}

fn scim(sandbox: &SandboxHandle) -> ScimService {
    client(sandbox)
        .scim(ScimApiKey::new(demo::SCIM_KEY, DirectoryId::new(demo::DIRECTORY_ID).unwrap()).unwrap())
}

/// The demo org plus [`EXTRA_MEMBERS`] members of the local directory, each active in Jira on
/// a different day of June 2025.
fn with_members(mut builder: SandboxBuilder) -> SandboxBuilder {
    for n in 0..EXTRA_MEMBERS {
        let last_active = format!("2025-06-{:02}T09:00:00Z", n + 1);
        builder = builder.account(
            Account::new(
                format!("557057:member-{n}"),
                format!("member{n}@example.com"),
                format!("Member {n}"),
            )
            .product("jira-software", Some(&last_active))
            .added_to_org("2024-01-01T00:00:00Z"),
        );
    }
    builder
}

fn seeded() -> SandboxHandle {
    with_members(Sandbox::builder().with_demo_data()).start().expect("sandbox")
}

fn id(raw: &str) -> AccountId {
    AccountId::new(raw).unwrap()
}

#[maybe]
async fn the_org_lists_its_local_directory_and_one_per_scim_directory() {
    let sandbox = seeded();
    let directories = org(&sandbox).directories().all().await.expect("directories");

    let ids: Vec<&str> =
        directories.iter().filter_map(|d| d.directory_id.as_ref()).map(|d| d.as_str()).collect();
    assert!(ids.contains(&demo::ORG_DIRECTORY_ID), "{ids:?}");
    assert!(ids.contains(&demo::DIRECTORY_ID), "{ids:?}");
    assert_eq!(ids.len(), 1 + sandbox.directories().len());
    assert!(directories.iter().all(|d| d.name.is_some()), "every directory is named: {directories:?}");

    let local = org(&sandbox).users().directory(OrgDirectoryId::new(demo::ORG_DIRECTORY_ID).unwrap());
    let scim_managed = sandbox.accounts().iter().filter(|a| a.is_scim_managed()).count();
    assert_eq!(scim_managed, 2, "ada and grace");
    let in_local = local.count().send().await.expect("count").count;
    assert_eq!(in_local, Some((sandbox.accounts().len() - scim_managed) as u64));
}
scenario!(the_org_lists_its_local_directory_and_one_per_scim_directory);

#[maybe]
async fn the_user_search_walks_every_cursor_page_with_last_active_dates() {
    let sandbox = seeded();
    let users = org(&sandbox).users();

    let search = users.search().expand([UserExpand::ProductAccess]).page_size(3);
    let (found, error) = walk(search.pages()).await;

    assert!(error.is_none(), "{error:?}");
    let expected = sandbox.accounts().len();
    assert!(expected >= 4 + EXTRA_MEMBERS, "{expected}");
    assert_eq!(found.len(), expected, "every account once");
    let mut ids: Vec<_> = found.iter().filter_map(|u| u.account_id.clone()).collect();
    ids.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    ids.dedup();
    assert_eq!(ids.len(), expected, "no account twice");
    let searches = sandbox.requests().iter().filter(|r| r.path.ends_with("/users/search")).count();
    assert_eq!(searches, expected.div_ceil(3), "one request per page of 3");

    let member = found.iter().find(|u| u.email.as_deref() == Some("member3@example.com")).expect("member3");
    let last_active = member.last_active().expect("expand=productAccess gives last-active dates");
    assert_eq!((last_active.year(), u8::from(last_active.month()), last_active.day()), (2025, 6, 4));
    let lila = found.iter().find(|u| u.account_id.as_ref().is_some_and(|a| a.as_str() == demo::ACCOUNT_ID));
    assert_eq!(lila.expect("lila").product_access.len(), 2, "jira-software and confluence");
}
scenario!(the_user_search_walks_every_cursor_page_with_last_active_dates);

#[maybe]
async fn one_user_is_read_counted_and_summarized() {
    let sandbox = seeded();
    let users = org(&sandbox).users();

    let lila = users.get(&id(demo::ACCOUNT_ID)).await.expect("get");
    assert_eq!(lila.email.as_deref(), Some("lila@example.com"));
    assert_eq!(lila.membership_status, Some(MembershipStatus::Active));

    let everyone = users.count().send().await.expect("count").count;
    assert_eq!(everyone, Some(sandbox.accounts().len() as u64));
    let on_example =
        users.count().email_domains(["example.com"]).send().await.expect("count by domain").count;
    assert_eq!(on_example, Some(everyone.unwrap() - 1), "all but casey@partner.test");

    let stats = users.stats().await.expect("stats");
    let active: u64 = stats
        .account_status
        .iter()
        .filter(|s| s.status == Some(AccountStatus::Active))
        .filter_map(|s| s.count)
        .sum();
    assert_eq!(Some(active), everyone, "{stats:?}");

    let missing = users.get(&id("557057:nobody")).await.unwrap_err();
    assert!(missing.is_not_found(), "{missing:?}");
}
scenario!(one_user_is_read_counted_and_summarized);

#[maybe]
async fn a_suspended_user_shows_in_the_search_without_access_until_restored() {
    let sandbox = seeded();
    let users = org(&sandbox).users();
    let member = id("557057:member-0");

    users.suspend(&member).await.expect("suspend");
    assert_eq!(sandbox.account(member.as_str()).unwrap().membership, Membership::Suspended);

    let suspended =
        users.search().status([UserStatus::Suspended]).expand([UserExpand::ProductAccess]).all().await;
    let suspended = suspended.expect("search");
    assert_eq!(suspended.len(), 1, "{suspended:?}");
    assert_eq!(suspended[0].account_id.as_ref(), Some(&member));
    assert!(suspended[0].product_access.is_empty(), "a suspension removes product access");
    let seen = users.get(&member).await.expect("get");
    assert_eq!(seen.membership_status, Some(MembershipStatus::Suspended));

    users.restore(&member).await.expect("restore");
    let restored =
        users.search().account_ids([member.clone()]).expand([UserExpand::ProductAccess]).send().await;
    let restored = restored.expect("search");
    assert_eq!(restored.data[0].status, Some(UserStatus::Active));
    assert!(restored.data[0].last_active().is_some(), "access is back");
    let none_suspended = users.count().status([UserStatus::Suspended]).send().await.expect("count");
    assert_eq!(none_suspended.count, Some(0));
}
scenario!(a_suspended_user_shows_in_the_search_without_access_until_restored);

#[maybe]
async fn a_removed_user_leaves_its_groups_and_the_active_members() {
    let sandbox = seeded();
    let org = org(&sandbox);
    let lila = id(demo::ACCOUNT_ID);
    let active_before = org.users().count().membership_status([MembershipStatus::Active]).send().await;
    let active_before = active_before.expect("count").count.unwrap();

    org.users().remove(&lila).await.expect("remove");

    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().membership, Membership::Removed);
    let active_after = org.users().count().membership_status([MembershipStatus::Active]).send().await;
    assert_eq!(active_after.expect("count").count, Some(active_before - 1));
    let site_admins = org.groups().search().group_names([demo::ORG_GROUP_NAME]).send().await.expect("group");
    let counts = site_admins.data[0].counts.as_ref().expect("counts");
    assert_eq!(counts.users, Some(0), "a removal drops the memberships");
}
scenario!(a_removed_user_leaves_its_groups_and_the_active_members);

#[maybe]
async fn a_scim_deactivation_shows_in_the_v2_search() {
    let sandbox = seeded();
    let users = org(&sandbox).users();

    scim(&sandbox)
        .users()
        .deactivate(&ScimUserId::new(demo::SCIM_USER_ID).unwrap())
        .await
        .expect("deactivate");

    let ada = users.search().email("ada@example.com").send().await.expect("search");
    assert_eq!(ada.data.len(), 1);
    assert_eq!(ada.data[0].status, Some(UserStatus::Deactivated));
    let deactivated = users.search().status([UserStatus::Deactivated]).all().await.expect("search");
    let ids: Vec<_> = deactivated.iter().filter_map(|u| u.account_id.as_ref()).map(|a| a.as_str()).collect();
    assert_eq!(ids, [demo::SCIM_ACCOUNT_ID]);
}
scenario!(a_scim_deactivation_shows_in_the_v2_search);

#[maybe]
async fn a_group_is_created_filled_emptied_and_deleted() {
    let sandbox = seeded();
    let groups = org(&sandbox).groups();
    let members = [id("557057:member-1"), id("557057:member-2")];

    let created = groups.create(&NewGroup::new("tour-guides").description("Show people around")).await;
    let created = created.expect("create").expect("the sandbox answers the group");
    let group: OrgGroupId = created.id.clone().expect("group id");
    assert_eq!(created.directory_id.as_ref().map(|d| d.as_str()), Some(demo::ORG_DIRECTORY_ID));

    for member in &members {
        groups.add_member(&group, member).await.expect("add member");
    }
    let filled = groups.get(&group).await.expect("get");
    assert_eq!(filled.name.as_deref(), Some("tour-guides"));
    assert_eq!(filled.counts.as_ref().and_then(|c| c.users), Some(2));
    let in_group = org(&sandbox).users().search().group_ids([group.clone()]).all().await.expect("search");
    assert_eq!(in_group.len(), 2);

    groups.remove_member(&group, &members[0]).await.expect("remove member");
    let emptier = groups.get(&group).await.expect("get");
    assert_eq!(emptier.counts.as_ref().and_then(|c| c.users), Some(1));

    let taken = groups.create(&NewGroup::new("tour-guides")).await.unwrap_err();
    assert!(taken.is_conflict(), "{taken:?}");

    groups.delete(&group).await.expect("delete");
    let gone = groups.get(&group).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone:?}");
}
scenario!(a_group_is_created_filled_emptied_and_deleted);

#[maybe]
async fn a_synced_group_is_changed_by_its_identity_provider_only() {
    let sandbox = seeded();
    let groups = org(&sandbox).groups();
    let synced = OrgGroupId::new(demo::GROUP_ID).unwrap();

    let refused = groups.add_member(&synced, &id(demo::ACCOUNT_ID)).await.unwrap_err();

    let api = refused.api_error().expect("an API error");
    assert_eq!(api.status.as_u16(), 403);
    assert_eq!(api.admin_code(), Some(&AdminErrorCode::NotAllowedToManageGroup), "{refused}");
}
scenario!(a_synced_group_is_changed_by_its_identity_provider_only);

#[maybe]
async fn domains_and_scim_links_are_looked_up() {
    let sandbox = seeded();
    let org = org(&sandbox);

    let domains = org.domains().list().all().await.expect("domains");
    let example =
        domains.iter().find(|d| d.attributes.name.as_deref() == Some(demo::DOMAIN)).expect("the domain");
    let again = org.domains().get(&DomainId::new(example.id.as_str()).unwrap()).await.expect("get domain");
    assert_eq!(again.attributes.name.as_deref(), Some(demo::DOMAIN));

    let links = org.scim_links().for_email("ada@example.com").await.expect("links by email");
    assert_eq!(links.scim_links.len(), 1, "{links:?}");
    assert_eq!(links.scim_links[0].scim_user_id, demo::SCIM_USER_ID);
    assert_eq!(links.scim_links[0].directory_id, demo::DIRECTORY_ID);
    let by_account =
        org.scim_links().for_account(&id(demo::SCIM_ACCOUNT_ID)).await.expect("links by account");
    assert_eq!(by_account.scim_links, links.scim_links);
    let none = org.scim_links().for_email("lila@example.com").await.expect("no links");
    assert!(none.scim_links.is_empty(), "lila is not provisioned: {none:?}");
}
scenario!(domains_and_scim_links_are_looked_up);
