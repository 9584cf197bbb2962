//! User management against the sandbox: state changes are real, so each scenario checks the
//! server's state as well as the answers.

use std::time::Duration;

use admin_api::models::user_management::{Access, ErrorKey, Privilege, ProfileUpdate, RestrictionReason};
use admin_api::models::{AccountId, ApiTokenId};
use admin_api::{AdminApiKey, ApiErrorBody, RetryPolicy};
use admin_sandbox::{LifecycleState, Sandbox, SandboxHandle, demo};

use super::{Client, UsersService, maybe};

fn users(sandbox: &SandboxHandle) -> UsersService {
    users_with(sandbox, RetryPolicy::default())
}

fn users_with(sandbox: &SandboxHandle, retry: RetryPolicy) -> UsersService {
    Client::builder()
        .base_url(sandbox.base_url())
        .retry_policy(retry)
        .build()
        .expect("client")
        .users(AdminApiKey::new(sandbox.admin_key()).unwrap())
}

fn id(raw: &str) -> AccountId {
    AccountId::new(raw).unwrap()
}

fn key_of(error: &admin_api::Error) -> Option<ErrorKey> {
    error.api_error().and_then(|api| api.key().cloned())
}

#[maybe]
async fn a_managed_account_goes_through_every_operation() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let users = users(&sandbox);
    let lila = id(demo::ACCOUNT_ID);

    let rules = users.permissions(&lila).send().await.expect("permissions");
    assert_eq!(rules.check(Privilege::LifecycleEnablement), Access::Allowed);
    assert_eq!(rules.check_field("nickname"), Access::Allowed);

    let profile = users.get_profile(&lila).await.expect("profile");
    assert_eq!(profile.email.as_deref(), Some("lila@example.com"));

    let updated = users
        .update_profile(&lila, &ProfileUpdate::new().nickname("lila").job_title("Admin"))
        .await
        .expect("update");
    assert_eq!(updated.nickname.as_deref(), Some("lila"));
    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().nickname, "lila");

    users.set_email(&lila, "lila.user@example.com").await.expect("set email");
    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().email, "lila.user@example.com");
    let unclaimed = users.set_email(&lila, "lila@unverified.test").await.unwrap_err();
    assert_eq!(key_of(&unclaimed), Some(ErrorKey::ForbiddenUnclaimedDomain));

    let tokens = users.api_tokens(&lila).await.expect("tokens");
    assert!(tokens.iter().any(|t| t.id.as_str() == demo::API_TOKEN_ID));
    users.delete_api_token(&lila, &ApiTokenId::new(demo::API_TOKEN_ID).unwrap()).await.expect("delete token");
    let remaining = users.api_tokens(&lila).await.expect("tokens");
    assert!(remaining.iter().all(|t| t.id.as_str() != demo::API_TOKEN_ID));

    users.disable(&lila).message("On leave").send().await.expect("disable");
    assert!(matches!(sandbox.account(demo::ACCOUNT_ID).unwrap().status, LifecycleState::Inactive { .. }));
    users.enable(&lila).await.expect("enable");
    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().status, LifecycleState::Active);

    users.delete_account(&lila).await.expect("delete");
    assert!(matches!(
        sandbox.account(demo::ACCOUNT_ID).unwrap().status,
        LifecycleState::PendingDeletion { .. }
    ));
    let conflict = users.enable(&lila).await.unwrap_err();
    assert!(conflict.is_conflict(), "{conflict}");
    let Some(ApiErrorBody::UserManagement(body)) = conflict.api_error().map(|a| &a.body) else {
        panic!("{conflict:?}")
    };
    assert!(!body.lifecycle_errors().is_empty());
    users.cancel_delete(&lila).await.expect("cancel delete");
    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().status, LifecycleState::Active);
}
scenario!(a_managed_account_goes_through_every_operation);

#[maybe]
async fn a_scim_managed_account_explains_its_refusals_before_and_after_trying() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let users = users(&sandbox);
    let ada = id(demo::SCIM_ACCOUNT_ID);

    let preflight = users.check(&ada, Privilege::LifecycleEnablement).await.expect("check");
    assert_eq!(preflight, Access::Denied(RestrictionReason::ExternalDirectoryScim));

    let refused = users.disable(&ada).send().await.unwrap_err();
    assert_eq!(key_of(&refused), Some(ErrorKey::ForbiddenAction));
    let Some(ApiErrorBody::UserManagement(body)) = refused.api_error().map(|a| &a.body) else {
        panic!("{refused:?}")
    };
    assert_eq!(body.restriction_reason(), Some(RestrictionReason::ExternalDirectoryScim));
    assert_eq!(
        sandbox.account(demo::SCIM_ACCOUNT_ID).unwrap().status,
        LifecycleState::Active,
        "nothing changed"
    );
}
scenario!(a_scim_managed_account_explains_its_refusals_before_and_after_trying);

#[maybe]
async fn unknown_accounts_and_wrong_keys_are_typed_errors() {
    let sandbox = Sandbox::demo().expect("sandbox");

    let missing = users(&sandbox).get_profile(&id("557057:does-not-exist")).await.unwrap_err();
    assert!(missing.is_not_found());
    assert_eq!(key_of(&missing), Some(ErrorKey::AccountNotFound));

    let intruder = Client::builder()
        .base_url(sandbox.base_url())
        .build()
        .unwrap()
        .users(AdminApiKey::new("not-the-key").unwrap());
    let unauthorized = intruder.get_profile(&id(demo::ACCOUNT_ID)).await.unwrap_err();
    assert_eq!(key_of(&unauthorized), Some(ErrorKey::Unauthorized));
}
scenario!(unknown_accounts_and_wrong_keys_are_typed_errors);

#[maybe]
async fn a_429_storm_is_ridden_out_with_nothing_lost_or_repeated() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let users =
        users_with(&sandbox, RetryPolicy::default().max_attempts(5).base_delay(Duration::from_millis(5)));
    let lila = id(demo::ACCOUNT_ID);

    sandbox.rate_limit_next(3, Duration::ZERO);
    let profile = users.get_profile(&lila).await.expect("rode out three 429s");
    assert_eq!(profile.account_id, lila);

    sandbox.rate_limit_next(2, Duration::ZERO);
    users.set_email(&lila, "storm@example.com").await.expect("PUT is idempotent, so it is retried");
    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().email, "storm@example.com");

    let sent: Vec<u16> = sandbox.requests().iter().map(|r| r.status).collect();
    assert_eq!(sent, vec![429, 429, 429, 200, 429, 429, 204]);
}
scenario!(a_429_storm_is_ridden_out_with_nothing_lost_or_repeated);

#[maybe]
async fn a_rate_limited_lifecycle_post_is_not_repeated_unless_opted_in() {
    let sandbox = Sandbox::demo().expect("sandbox");
    let lila = id(demo::ACCOUNT_ID);

    sandbox.rate_limit_next(1, Duration::ZERO);
    let refused = users(&sandbox).disable(&lila).send().await.unwrap_err();
    assert!(refused.is_rate_limited(), "{refused:?}");
    assert_eq!(sandbox.account(demo::ACCOUNT_ID).unwrap().status, LifecycleState::Active);

    sandbox.rate_limit_next(1, Duration::ZERO);
    let opted_in = users_with(&sandbox, RetryPolicy::default().retry_non_idempotent(true));
    opted_in.disable(&lila).send().await.expect("retried once");
    assert!(matches!(sandbox.account(demo::ACCOUNT_ID).unwrap().status, LifecycleState::Inactive { .. }));
}
scenario!(a_rate_limited_lifecycle_post_is_not_repeated_unless_opted_in);
