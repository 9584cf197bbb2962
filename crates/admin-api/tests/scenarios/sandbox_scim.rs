//! User provisioning (SCIM) against the sandbox, and the lifecycle that crosses both APIs.

use std::time::Duration;

use admin_api::models::scim::{Email, Filter, Name, PatchOp, ScimGroup, ScimType, ScimUser};
use admin_api::models::user_management::{Access, Privilege};
use admin_api::models::{AccountId, DirectoryId, GroupId, ScimUserId};
use admin_api::{AdminApiKey, RetryPolicy, ScimApiKey};
use admin_sandbox::{LifecycleState, Sandbox, SandboxHandle, demo};
use serde_json::json;

use super::{Client, ScimService, UsersService, maybe};

fn client(sandbox: &SandboxHandle) -> Client {
    Client::builder()
        .base_url(sandbox.base_url())
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(5)))
        .build()
        .expect("client")
}

fn scim(sandbox: &SandboxHandle) -> ScimService {
    let key = ScimApiKey::new(demo::SCIM_KEY, DirectoryId::new(demo::DIRECTORY_ID).unwrap()).unwrap();
    client(sandbox).scim(key)
}

fn users(sandbox: &SandboxHandle) -> UsersService {
    client(sandbox).users(AdminApiKey::new(sandbox.admin_key()).unwrap())
}

fn new_hire(user_name: &str) -> ScimUser {
    let mut user = ScimUser::new(user_name).with_email(Email::work(user_name).primary());
    user.name = Some(Name::new("New", "Hire"));
    user.display_name = Some("New Hire".into());
    user
}

fn scim_type(error: &admin_api::Error) -> Option<ScimType> {
    error.api_error().and_then(|api| api.scim_type().cloned())
}

#[maybe]
async fn a_provisioned_user_lives_its_whole_lifecycle_across_both_apis() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let scim = scim(&sandbox);
    let users = users(&sandbox);

    let created = scim.users().create(&new_hire("new.hire@example.com")).await.expect("create");
    let user_id = created.id.clone().expect("the server assigns an id");
    let account_id: AccountId =
        created.atlassian_account_id().cloned().expect("linked to an Atlassian account");

    let found = scim
        .users()
        .list()
        .filter(Filter::user_name_eq("new.hire@example.com"))
        .send()
        .await
        .expect("filter");
    assert_eq!(found.total_results(), 1);
    assert_eq!(found.resources[0].id.as_ref(), Some(&user_id));

    let patched = scim
        .users()
        .patch(
            &user_id,
            &PatchOp::new()
                .replace_display_name("Nina Hire")
                .replace_enterprise("department", "R&D")
                .expect("a valid attribute"),
        )
        .await
        .expect("patch")
        .into_resource()
        .expect("the sandbox returns the user, as Atlassian does");
    assert_eq!(patched.display_name.as_deref(), Some("Nina Hire"));

    let profile = users.get_profile(&account_id).await.expect("the linked account");
    assert_eq!(profile.email.as_deref(), Some("new.hire@example.com"));
    let refusal = users.check(&account_id, Privilege::LifecycleEnablement).await.expect("check");
    assert!(
        matches!(refusal, Access::Denied(_)),
        "a SCIM-managed account is changed through SCIM: {refusal:?}"
    );

    let disabled = scim.users().patch(&user_id, &PatchOp::new().set_active(false)).await.expect("disable");
    let disabled = disabled.into_resource().expect("the user");
    assert!(!disabled.is_active());
    assert!(matches!(sandbox.account(account_id.as_str()).unwrap().status, LifecycleState::Inactive { .. }));

    scim.users().deactivate(&user_id).await.expect("deactivate");
    let gone = scim.users().get(&user_id).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");

    users.delete_account(&account_id).await.expect("delete the account");
    assert!(matches!(
        sandbox.account(account_id.as_str()).unwrap().status,
        LifecycleState::PendingDeletion { .. }
    ));
    users.cancel_delete(&account_id).await.expect("cancel the deletion");
    assert_eq!(sandbox.account(account_id.as_str()).unwrap().status, LifecycleState::Active);
}
scenario!(a_provisioned_user_lives_its_whole_lifecycle_across_both_apis);

#[maybe]
async fn group_membership_changes_in_batches_and_shows_on_users() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let scim = scim(&sandbox);
    let groups = scim.groups().member_batch_size(1);
    let members =
        [ScimUserId::new(demo::SCIM_USER_ID).unwrap(), ScimUserId::new(demo::SECOND_SCIM_USER_ID).unwrap()];

    let group = groups.create(&ScimGroup::new("tour-operators")).await.expect("create group");
    let group_id: GroupId = group.id.clone().expect("group id");
    groups.add_members(&group_id, &members).await.expect("add members");
    assert_eq!(
        sandbox.requests().iter().filter(|r| r.method == "PATCH").count(),
        2,
        "one PATCH per batch of 1"
    );

    let with_members = groups.get(&group_id).await.expect("get group");
    assert_eq!(with_members.members.len(), 2);
    let ada = scim.users().get(&members[0]).await.expect("member");
    assert!(ada.groups.iter().any(|g| g.value == group_id.as_str()), "{:?}", ada.groups);

    groups.remove_members(&group_id, &members[..1]).await.expect("remove a member");
    let after_removal = groups.get(&group_id).await.expect("get group");
    assert_eq!(after_removal.members.len(), 1);

    let duplicate = groups.create(&ScimGroup::new("tour-operators")).await.unwrap_err();
    assert!(duplicate.is_conflict());
    groups.delete(&group_id).await.expect("delete group");
    let deleted = groups.get(&group_id).await.unwrap_err();
    assert!(deleted.is_not_found());
}
scenario!(group_membership_changes_in_batches_and_shows_on_users);

#[maybe]
async fn listing_walks_every_user_of_a_server_that_caps_its_pages() {
    let mut builder = Sandbox::builder().with_demo_data().max_page_size(2);
    for n in 0..5 {
        let name = format!("paged{n}@example.com");
        builder = builder.scim_user(
            demo::DIRECTORY_ID,
            json!({"userName": name, "emails": [{"value": name, "primary": true}]}),
        );
    }
    let sandbox = builder.start().expect("sandbox");
    let expected = sandbox.scim_users(demo::DIRECTORY_ID).len();

    let everyone = scim(&sandbox).users().list().count(50).all().await.expect("all users");
    let first_three = scim(&sandbox).users().list().count(50).limit(3).all().await.expect("limited");

    assert_eq!(everyone.len(), expected);
    assert!(expected >= 7, "demo users plus five: {expected}");
    let mut ids: Vec<_> = everyone.iter().filter_map(|u| u.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), expected, "no user twice");
    assert_eq!(first_three.len(), 3);
}
scenario!(listing_walks_every_user_of_a_server_that_caps_its_pages);

#[maybe]
async fn uniqueness_and_unsupported_filters_are_distinguishable() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let scim = scim(&sandbox);

    let taken = scim.users().create(&new_hire("ada@example.com")).await.unwrap_err();
    assert!(taken.is_conflict());
    assert_eq!(scim_type(&taken), Some(ScimType::Uniqueness));

    let unsupported = scim
        .users()
        .list()
        .filter(Filter::co("title", "engineer").expect("a valid attribute"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(unsupported.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(scim_type(&unsupported), Some(ScimType::InvalidFilter));
}
scenario!(uniqueness_and_unsupported_filters_are_distinguishable);

#[maybe]
async fn get_modify_put_keeps_attributes_this_client_does_not_know() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let scim = scim(&sandbox);
    let mut user = new_hire("badge@example.com");
    user.extra
        .insert("urn:example:params:scim:schemas:extension:badges:1.0:User".into(), json!({"badge": "42"}));
    let created = scim.users().create(&user).await.expect("create");
    let id = created.id.clone().unwrap();

    let mut fetched = scim.users().get(&id).await.expect("get");
    fetched.title = Some("Badge holder".into());
    let replaced = scim.users().replace(&id, &fetched).await.expect("replace");

    assert_eq!(replaced.title.as_deref(), Some("Badge holder"));
    let stored = sandbox.scim_user(demo::DIRECTORY_ID, id.as_str()).expect("stored");
    assert_eq!(stored["urn:example:params:scim:schemas:extension:badges:1.0:User"]["badge"], "42");
}
scenario!(get_modify_put_keeps_attributes_this_client_does_not_know);

#[maybe]
async fn discovery_documents_decode_into_typed_models() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let scim = scim(&sandbox);

    let schemas = scim.schemas().await.expect("schemas");
    let user_schema = scim.user_schema().await.expect("user schema");
    let group_schema = scim.group_schema().await.expect("group schema");
    let enterprise = scim.enterprise_user_schema().await.expect("enterprise schema");
    let types = scim.resource_types().await.expect("resource types");
    let user_type = scim.user_resource_type().await.expect("User type");
    let group_type = scim.group_resource_type().await.expect("Group type");
    let config = scim.service_provider_config().await.expect("config");

    assert!(schemas.len() >= 3);
    assert!(user_schema.attributes.iter().any(|a| a.name == "userName"));
    assert!(group_schema.attributes.iter().any(|a| a.name == "displayName"));
    assert!(!enterprise.attributes.is_empty());
    assert_eq!(types.len(), 2);
    assert_eq!(user_type.name, "User");
    assert_eq!(group_type.name, "Group");
    assert!(config.supports_patch());
}
scenario!(discovery_documents_decode_into_typed_models);

#[maybe]
async fn a_rate_limited_listing_is_ridden_out_and_a_create_is_not_repeated() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let scim = scim(&sandbox);

    sandbox.rate_limit_next(2, Duration::ZERO);
    let listed = scim.users().list().send().await.expect("GET is retried");
    assert!(!listed.resources.is_empty());

    sandbox.rate_limit_next(1, Duration::ZERO);
    let before = sandbox.scim_users(demo::DIRECTORY_ID).len();
    let refused = scim.users().create(&new_hire("once@example.com")).await.unwrap_err();
    assert!(refused.is_rate_limited());
    assert_eq!(sandbox.scim_users(demo::DIRECTORY_ID).len(), before, "nothing created, nothing duplicated");
}
scenario!(a_rate_limited_listing_is_ridden_out_and_a_create_is_not_repeated);
