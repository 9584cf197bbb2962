//! Issue 11, item 15: RFC 7644 §3.5.2 lets a server answer PATCH with 204 No Content. The change
//! was applied: the call succeeds and says that no resource came back, and member batching goes
//! on after a 204 batch.

use admin_api::models::scim::PatchOp;
use admin_api::plan::scim::Patched;

use super::maybe;
use super::scim_support::*;
use crate::support;

fn ids(range: std::ops::Range<u32>) -> Vec<admin_api::models::ScimUserId> {
    range.map(|i| admin_api::models::ScimUserId::new(format!("u-{i}")).unwrap()).collect()
}

#[maybe]
async fn item_15_a_user_patch_answered_204_succeeds_without_a_user() {
    let server = support::server();
    let patch = server.mock(|when, then| {
        when.method("PATCH").path(user_path()).body_includes(r#""Operations""#);
        then.status(204);
    });
    let unexpected = support::fail_unexpected(&server);

    let answer = scim(&server)
        .users()
        .patch(&user_id(), &PatchOp::new().replace_display_name("Lila"))
        .await
        .expect("204 means applied");

    assert_eq!(answer, Patched::NoContent);
    patch.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(item_15_a_user_patch_answered_204_succeeds_without_a_user);

#[maybe]
async fn item_15_a_group_patch_answered_204_succeeds_without_a_group() {
    let server = support::server();
    let patch = server.mock(|when, then| {
        when.method("PATCH").path(group_path());
        then.status(204);
    });

    let answer = scim(&server)
        .groups()
        .patch(&group_id(), &PatchOp::new().add_members(["u-1"]))
        .await
        .expect("204 means applied");

    assert!(answer.is_no_content());
    assert!(answer.into_resource().is_none());
    patch.assert_calls(1);
}
scenario!(item_15_a_group_patch_answered_204_succeeds_without_a_group);

#[maybe]
async fn item_15_add_members_sends_every_batch_when_the_server_answers_204() {
    let server = support::server();
    let batches: Vec<_> = [0, 100, 200]
        .into_iter()
        .map(|first| {
            server.mock(|when, then| {
                when.method("PATCH").path(group_path()).body_includes(format!(r#""value":"u-{first}""#));
                then.status(204);
            })
        })
        .collect();
    let unexpected = support::fail_unexpected(&server);

    let answer = scim(&server).groups().add_members(&group_id(), &ids(0..250)).await.expect("add members");

    assert_eq!(answer, Some(Patched::NoContent));
    for batch in &batches {
        batch.assert_calls(1);
    }
    unexpected.assert_calls(0);
}
scenario!(item_15_add_members_sends_every_batch_when_the_server_answers_204);

#[maybe]
async fn item_15_remove_members_goes_on_after_a_204_batch_and_returns_the_last_answer() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("PATCH").path(group_path()).body_includes(r#"u-0\""#);
        then.status(204);
    });
    let second = server.mock(|when, then| {
        when.method("PATCH").path(group_path()).body_includes(r#"u-2\""#);
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(group_json(GROUP_ID, "g", &["u-9"]).to_string());
    });
    let unexpected = support::fail_unexpected(&server);
    let groups = scim(&server).groups().member_batch_size(2);

    let answer = groups.remove_members(&group_id(), &ids(0..4)).await.expect("remove members");

    first.assert_calls(1);
    second.assert_calls(1);
    unexpected.assert_calls(0);
    let group = answer.and_then(Patched::into_resource).expect("the last batch returned the group");
    assert_eq!(group.display_name, "g");
}
scenario!(item_15_remove_members_goes_on_after_a_204_batch_and_returns_the_last_answer);

/// The tryout: PUT answered 204 gave a bare decode error. RFC 7644 §3.5.1 answers PUT with 200
/// and the resource, so `replace` keeps returning the resource and reports a 204 as
/// [`Error::Decode`] — the stage that means "applied" — saying so in its message.
#[maybe]
async fn a_put_answered_204_is_a_decode_error_that_says_the_change_was_applied() {
    let server = support::server();
    let put_user = server.mock(|when, then| {
        when.method("PUT").path(user_path());
        then.status(204);
    });
    let put_group = server.mock(|when, then| {
        when.method("PUT").path(group_path());
        then.status(204);
    });
    let scim = scim(&server);

    let user = admin_api::models::scim::ScimUser::new("lila@example.com");
    let error = scim.users().replace(&user_id(), &user).await.expect_err("no user came back");
    let group = admin_api::models::scim::ScimGroup::new("Team");
    let group_error = scim.groups().replace(&group_id(), &group).await.expect_err("no group came back");

    for error in [error, group_error] {
        assert!(matches!(error, admin_api::Error::Decode(_)), "{error:?}");
        assert_eq!(error.status(), Some(admin_api::transport::StatusCode::NO_CONTENT));
        let shown = error.to_string();
        assert!(shown.contains("returned 204 No Content"), "{shown}");
        assert!(shown.contains("the PUT was applied, read the resource again to see it"), "{shown}");
    }
    put_user.assert_calls(1);
    put_group.assert_calls(1);
}
scenario!(a_put_answered_204_is_a_decode_error_that_says_the_change_was_applied);
