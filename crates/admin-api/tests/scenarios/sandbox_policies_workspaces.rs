//! The client against the sandbox for the Organizations calls the sandbox serves last:
//! policies, workspaces, invitations, group roles and stats, managed accounts, SCIM unlink and
//! record deletion. Each checks that the client decodes what the sandbox sends, and that the
//! change reached the sandbox's world.

use admin_api::AdminApiKey;
use admin_api::models::org::{
    ApplicationStatus, GroupRoleChange, Invitation, InviteRole, InviteStatus, OrgGroupId, OrgId,
    PolicyAttributes, PolicyInput, PolicyResource, PolicyResourceId, PolicyResourceUpdate, PolicyRule,
    PolicyStatus, PolicyType, ResourceId, RoleId, WorkspaceSearch,
};
use admin_api::models::{AccountId, DirectoryId, ScimUserId};
use admin_sandbox::{Sandbox, SandboxHandle, demo};

use super::{Client, OrgService, maybe};

fn org(sandbox: &SandboxHandle) -> OrgService {
    Client::builder()
        .base_url(sandbox.base_url())
        .build()
        .expect("client")
        .org(AdminApiKey::new(sandbox.admin_key()).unwrap(), OrgId::new(demo::ORG_ID).unwrap())
}

fn actions(sandbox: &SandboxHandle) -> Vec<String> {
    sandbox.audit_events().into_iter().map(|(action, _)| action).collect()
}

#[maybe]
async fn a_policy_goes_through_every_call() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let policies = org(&sandbox).policies();
    let jira = PolicyResourceId::new(format!("jira-software-{}", demo::ORG_ID)).unwrap();
    let attributes = PolicyAttributes::new(PolicyType::IpAllowlist)
        .name("Office")
        .status(PolicyStatus::Enabled)
        .rule(PolicyRule::allow_if_contained(["203.0.113.0/24"]))
        .resource(PolicyResource::new(jira.clone()));

    let created = policies.create(&PolicyInput::new(attributes)).await.expect("create");
    assert_eq!(created.attributes.resources[0].application_status, Some(ApplicationStatus::Applied));
    let mut read = policies.get(&created.id).await.expect("get");
    assert_eq!(read, created);

    read.attributes.name = Some("Office and VPN".into());
    let updated = policies.update(&created.id, &PolicyInput::from(read)).await.expect("update");
    assert_eq!(updated.attributes.name.as_deref(), Some("Office and VPN"));

    let confluence = PolicyResourceId::new(format!("confluence-{}", demo::ORG_ID)).unwrap();
    let added =
        policies.add_resource(&created.id, &PolicyResource::new(confluence.clone())).await.expect("add");
    assert_eq!(added.attributes.resources.len(), 2);
    let mut update = PolicyResourceUpdate::default();
    update.links = Some(Default::default());
    policies.update_resource(&created.id, &confluence, &update).await.expect("update resource");
    policies.delete_resource(&created.id, &confluence).await.expect("delete resource");
    policies.validate(&created.id).await.expect("validate");

    let listed = policies.list(Some(PolicyType::IpAllowlist)).all().await.expect("list");
    assert_eq!(listed.len(), 1);
    let residency = policies.list(Some(PolicyType::DataResidency)).all().await.expect("list");
    assert!(residency.is_empty());

    policies.delete(&created.id).await.expect("delete");
    let error = policies.get(&created.id).await.expect_err("gone");
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(actions(&sandbox).first().map(String::as_str), Some("policy_created"));
    assert_eq!(actions(&sandbox).last().map(String::as_str), Some("policy_deleted"));
}
scenario!(a_policy_goes_through_every_call);

#[maybe]
async fn policies_walk_by_meta_next_across_pages() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let policies = org(&sandbox).policies();
    for i in 0..23 {
        let attributes = PolicyAttributes::new(PolicyType::DataResidency).name(format!("p{i}"));
        policies.create(&PolicyInput::new(attributes)).await.expect("create");
    }
    let all = policies.list(None).all().await.expect("every page");
    let names: Vec<_> = all.iter().map(|p| p.attributes.name.clone().unwrap()).collect();
    assert_eq!(names.len(), 23);
    assert_eq!((names[0].as_str(), names[22].as_str()), ("p0", "p22"));
}
scenario!(policies_walk_by_meta_next_across_pages);

#[maybe]
async fn workspaces_walk_by_the_cursor_of_links_next() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let org = org(&sandbox);
    let workspaces = org.workspaces(WorkspaceSearch::new().limit(1)).all().await.expect("every page");
    let keys: Vec<_> = workspaces.iter().map(|w| w.attributes.type_key.clone().unwrap()).collect();
    assert_eq!(keys, ["confluence", "jira-software"]);
}
scenario!(workspaces_walk_by_the_cursor_of_links_next);

#[maybe]
async fn invitations_group_roles_stats_and_managed_accounts() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let org = org(&sandbox);

    let mut invitation = Invitation::default();
    invitation.emails = vec!["sam@example.com".into()];
    invitation.permission_rules = vec![InviteRole::new(
        ResourceId::new(format!("jira-software-{}", demo::ORG_ID)).unwrap(),
        RoleId::new("atlassian/user").unwrap(),
    )];
    invitation.additional_groups = vec![OrgGroupId::new(demo::GROUP_ID).unwrap()];
    let result = org.users().invite(&invitation).await.expect("invite");
    let sam = &result.data[0];
    assert_eq!(sam.results[0].role_assignment_result[0].status, Some(InviteStatus::Invited));
    assert_eq!(sam.results[0].group_assignment_result[0].status, Some(InviteStatus::Error), "a synced group");
    assert!(sandbox.account(sam.id.as_ref().unwrap().as_str()).is_some());

    let groups = org.groups();
    let stats = groups.stats().await.expect("stats");
    assert_eq!(stats.totals.and_then(|t| t.all), Some(2));
    let synced = OrgGroupId::new(demo::GROUP_ID).unwrap();
    let change = GroupRoleChange::new(
        ResourceId::new(format!("confluence-{}", demo::ORG_ID)).unwrap(),
        RoleId::new("atlassian/user").unwrap(),
    );
    groups.assign_role(&synced, &change).await.expect("assign");
    let assignments = groups.role_assignments(&synced).all().await.expect("assignments");
    assert_eq!(assignments.len(), 1);
    assert_eq!(assignments[0].roles[0].as_str(), "atlassian/user");
    groups.revoke_role(&synced, &change).await.expect("revoke");
    let left = groups.role_assignments(&synced).all().await.expect("assignments");
    assert!(left.is_empty());
    let error = groups.revoke_role(&synced, &change).await.expect_err("no longer granted");
    assert!(error.is_not_found(), "{error:?}");

    let managed = org.managed_accounts().all().await.expect("managed accounts");
    assert_eq!(managed.len(), 4, "the three demo ones and sam (example.com is verified)");
}
scenario!(invitations_group_roles_stats_and_managed_accounts);

#[maybe]
async fn scim_records_are_unlinked_and_deleted() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let links = org(&sandbox).scim_links();
    let directory = DirectoryId::new(demo::DIRECTORY_ID).unwrap();

    links.unlink(&directory, &ScimUserId::new(demo::SCIM_USER_ID).unwrap()).await.expect("unlink");
    let ada = AccountId::new(demo::SCIM_ACCOUNT_ID).unwrap();
    let of_ada = links.for_account(&ada).await.expect("links");
    assert!(of_ada.scim_links.is_empty());

    let grace = AccountId::new(demo::SECOND_SCIM_ACCOUNT_ID).unwrap();
    links.delete_record(&grace).await.expect("delete record");
    assert_eq!(sandbox.account(demo::SECOND_SCIM_ACCOUNT_ID).unwrap().scim_directory, None);

    let unmanaged = AccountId::new(demo::UNMANAGED_ACCOUNT_ID).unwrap();
    let error = links.delete_record(&unmanaged).await.expect_err("not managed");
    assert!(error.is_not_found(), "{error:?}");
    assert!(
        matches!(error.api_error().map(|e| &e.body), Some(admin_api::ApiErrorBody::Scim(_))),
        "{error:?}"
    );
}
scenario!(scim_records_are_unlinked_and_deleted);
