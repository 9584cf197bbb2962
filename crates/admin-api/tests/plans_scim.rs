//! Snapshots of every SCIM request plan: method, encoded path, query, media types, body. Plans
//! never hold credentials, so nothing needs redacting. Runs with any feature set.

use admin_api::BuildError;
use admin_api::models::scim::{
    ENTERPRISE_USER_SCHEMA, Email, EnterpriseUser, Filter, GROUP_SCHEMA, Name, PatchOp, ScimGroup, ScimUser,
    USER_SCHEMA,
};
use admin_api::models::{DirectoryId, GroupId, ScimUserId};
use admin_api::plan::scim::{self, AttributeSelection, ListQuery, MemberChange};

fn directory() -> DirectoryId {
    DirectoryId::new("bcdde508-ee40-4df2-89cc-d3f6292c5971").unwrap()
}

fn user_id() -> ScimUserId {
    ScimUserId::new("u/1 ?").unwrap()
}

fn group_id() -> GroupId {
    GroupId::new("g#1%").unwrap()
}

fn lila() -> ScimUser {
    let mut user = ScimUser::new("lila@example.com")
        .with_email(Email::work("lila@example.com").primary())
        .with_enterprise(EnterpriseUser { department: Some("R&D".into()), ..EnterpriseUser::default() });
    user.name = Some(Name::new("Lila", "User"));
    user.display_name = Some("Lila User".into());
    user.active = Some(true);
    user
}

fn render(plans: &[admin_api::plan::RequestPlan]) -> String {
    plans.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn scim_user_plans() {
    let dir = directory();
    let id = user_id();
    let all = AttributeSelection::all();
    let plans = [
        scim::list_users(&dir, &ListQuery::new()).unwrap(),
        scim::list_users(
            &dir,
            &ListQuery::new()
                .filter(Filter::user_name_eq("lila+test@example.com"))
                .start_index(51)
                .count(50)
                .selection(AttributeSelection::only(["userName", "emails.value"])),
        )
        .unwrap(),
        scim::list_users(&dir, &ListQuery::new().selection(AttributeSelection::excluding(["groups"])))
            .unwrap(),
        scim::create_user(&dir, &lila(), &all).unwrap(),
        scim::get_user(&dir, &id, &all).unwrap(),
        scim::get_user(&dir, &id, &AttributeSelection::excluding(["groups", "phoneNumbers"])).unwrap(),
        scim::replace_user(&dir, &id, &lila(), &all).unwrap(),
        scim::patch_user(
            &dir,
            &id,
            &PatchOp::new()
                .replace_display_name("Docs Atlassian DisplayName 2")
                .replace_user_name("user-name-updated2")
                .set_active(false),
            &AttributeSelection::only(["active"]),
        )
        .unwrap(),
        scim::deactivate_user(&dir, &id).unwrap(),
    ];
    insta::assert_snapshot!(render(&plans));
}

#[test]
fn scim_group_plans() {
    let dir = directory();
    let id = group_id();
    let members = [ScimUserId::new("u-1").unwrap(), ScimUserId::new("u-2").unwrap()];
    let plans = [
        scim::list_groups(&dir, &ListQuery::new().filter(Filter::display_name_eq("site-admins")).count(10))
            .unwrap(),
        scim::create_group(&dir, &ScimGroup::new("site-admins")).unwrap(),
        scim::get_group(&dir, &id).unwrap(),
        scim::replace_group(&dir, &id, &ScimGroup::new("site-admins")).unwrap(),
        scim::patch_group(&dir, &id, &PatchOp::new().add_members(["u-1"]).remove_members(["u-2"])).unwrap(),
        scim::delete_group(&dir, &id).unwrap(),
    ];
    let mut rendered = render(&plans);
    for patch in scim::member_patches(MemberChange::Remove, &members, 1).unwrap() {
        rendered.push_str("\n\n");
        rendered.push_str(&scim::patch_group(&dir, &id, &patch).unwrap().to_string());
    }
    insta::assert_snapshot!(rendered);
}

#[test]
fn scim_discovery_plans() {
    let dir = directory();
    let plans = [
        scim::schemas(&dir).unwrap(),
        scim::schema(&dir, USER_SCHEMA).unwrap(),
        scim::schema(&dir, GROUP_SCHEMA).unwrap(),
        scim::schema(&dir, ENTERPRISE_USER_SCHEMA).unwrap(),
        scim::resource_types(&dir).unwrap(),
        scim::resource_type(&dir, "User").unwrap(),
        scim::resource_type(&dir, "Group").unwrap(),
        scim::service_provider_config(&dir).unwrap(),
    ];
    insta::assert_snapshot!(render(&plans));
}

fn invalid_argument(result: Result<admin_api::plan::RequestPlan, BuildError>) -> String {
    match result {
        Err(BuildError::InvalidArgument(message)) => message,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn invalid_inputs_never_become_plans() {
    let dir = directory();
    let id = user_id();
    let both = AttributeSelection::only(["userName"]).exclude(["groups"]);

    let message = invalid_argument(scim::get_user(&dir, &id, &both));
    assert!(message.contains("mutually exclusive"), "{message}");
    invalid_argument(scim::list_users(&dir, &ListQuery::new().selection(both.clone())));
    invalid_argument(scim::create_user(&dir, &lila(), &both));
    invalid_argument(scim::patch_user(&dir, &id, &PatchOp::new().set_active(true), &both));

    let message = invalid_argument(scim::list_users(&dir, &ListQuery::new().start_index(0)));
    assert!(message.contains("1-based"), "{message}");
    invalid_argument(scim::list_users(&dir, &ListQuery::new().count(u32::MAX)));
    invalid_argument(scim::list_users(&dir, &ListQuery::new().filter("  ")));
    invalid_argument(scim::get_user(&dir, &id, &AttributeSelection::only(["userName,emails"])));
    invalid_argument(scim::get_user(&dir, &id, &AttributeSelection::only([""])));
    invalid_argument(scim::list_groups(
        &dir,
        &ListQuery::new().selection(AttributeSelection::only(["members"])),
    ));

    let message = invalid_argument(scim::patch_user(&dir, &id, &PatchOp::new(), &AttributeSelection::all()));
    assert!(message.contains("no operations"), "{message}");
    invalid_argument(scim::patch_group(&dir, &group_id(), &PatchOp::new()));
    invalid_argument(scim::create_user(&dir, &ScimUser::default(), &AttributeSelection::all()));
    invalid_argument(scim::replace_user(&dir, &id, &ScimUser::default(), &AttributeSelection::all()));
    invalid_argument(scim::create_group(&dir, &ScimGroup::default()));
    invalid_argument(scim::replace_group(&dir, &group_id(), &ScimGroup::default()));

    assert!(matches!(scim::schema(&dir, ""), Err(BuildError::EmptyPathSegment { .. })));
    assert!(matches!(scim::resource_type(&dir, ".."), Err(BuildError::DotPathSegment { .. })));
    assert!(
        scim::get_user(
            &dir,
            &serde_json::from_str::<ScimUserId>(r#""""#).unwrap(),
            &AttributeSelection::all()
        )
        .is_err()
    );
    assert!(scim::member_patches(MemberChange::Add, &[id], 0).is_err());
}

#[test]
fn member_changes_are_batched() {
    let ids: Vec<ScimUserId> = (0..250).map(|i| ScimUserId::new(format!("u-{i}")).unwrap()).collect();
    let patches = scim::member_patches(MemberChange::Add, &ids, scim::MEMBER_BATCH_SIZE).unwrap();
    assert_eq!(patches.len(), 3);
    let sizes: Vec<usize> = patches
        .iter()
        .map(|p| serde_json::to_value(p).unwrap()["Operations"][0]["value"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, [100, 100, 50]);

    let patches = scim::member_patches(MemberChange::Remove, &ids[..3], 2).unwrap();
    assert_eq!(patches.iter().map(PatchOp::len).collect::<Vec<_>>(), [2, 1]);
    assert!(scim::member_patches(MemberChange::Add, &[], 100).unwrap().is_empty());
}
