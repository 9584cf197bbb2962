//! Snapshots of every request plan: method, encoded path, query, media types, body. Plans never
//! hold credentials, so nothing needs redacting. Runs with any feature set.

use admin_api::models::user_management::{LifecycleMessage, Privilege, ProfileUpdate, SetEmailRequest};
use admin_api::models::{AccountId, ApiTokenId};
use admin_api::plan::users;

fn account() -> AccountId {
    AccountId::new("557057:4f9acfd2|x").unwrap()
}

#[test]
fn user_management_plans() {
    let id = account();
    let plans = [
        users::permissions(&id, &[]).unwrap(),
        users::permissions(&id, &[Privilege::EmailSet, Privilege::ProfileRead, Privilege::LifecycleDelete])
            .unwrap(),
        users::get_profile(&id).unwrap(),
        users::update_profile(&id, &ProfileUpdate::new().nickname("marshmallow")).unwrap(),
        users::update_profile(
            &id,
            &ProfileUpdate::new().name("Lila User").department("R&D").location("Sydney"),
        )
        .unwrap(),
        users::set_email(&id, &SetEmailRequest::new("lila@example.com")).unwrap(),
        users::list_api_tokens(&id).unwrap(),
        users::delete_api_token(&id, &ApiTokenId::new("token/1 ?#").unwrap()).unwrap(),
        users::disable(&id, &LifecycleMessage::new("On 6-month suspension")).unwrap(),
        users::disable(&id, &LifecycleMessage::default()).unwrap(),
        users::enable(&id).unwrap(),
        users::delete_account(&id).unwrap(),
        users::cancel_delete(&id).unwrap(),
    ];
    let rendered: Vec<String> = plans.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(rendered.join("\n\n"));
}

#[test]
fn invalid_inputs_never_become_plans() {
    let id = account();
    assert!(users::update_profile(&id, &ProfileUpdate::new()).is_err());
    assert!(users::update_profile(&id, &ProfileUpdate::new().nickname("n".repeat(31))).is_err());
    assert!(users::update_profile(&id, &ProfileUpdate::new().name("x".repeat(101))).is_err());
    assert!(users::set_email(&id, &SetEmailRequest::new("lila@")).is_err());
    assert!(users::set_email(&id, &SetEmailRequest::new("@example.com")).is_err());
    assert!(users::delete_api_token(&id, &serde_json::from_str::<ApiTokenId>(r#""..""#).unwrap()).is_err());
    assert!(users::get_profile(&serde_json::from_str::<AccountId>(r#""""#).unwrap()).is_err());
}
