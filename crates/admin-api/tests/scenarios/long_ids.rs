//! Issue 11, item 14: ids of 100 KB (and URLs too long for servers) are refused before
//! anything is sent, with `Error::Build` naming the limit — not a transport error.

use admin_api::models::scim::Filter;
use admin_api::models::{AccountId, ApiTokenId, DirectoryId, GroupId, ScimUserId};
use admin_api::{AdminApiKey, BuildError, Error, RetryPolicy, ScimApiKey};

use super::scim_support::*;
use super::{Client, maybe};
use crate::support::{self, ADMIN_TOKEN};

const HUNDRED_KB: usize = 100 * 1024;

fn too_long(error: &Error) -> (&'static str, usize, usize) {
    match error {
        Error::Build(BuildError::TooLong { name, len, limit }) => (name, *len, *limit),
        other => panic!("expected Error::Build(TooLong), got {other:?}"),
    }
}

#[maybe]
async fn item_14_ids_of_100_kb_are_a_build_error_with_the_limit() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let users = Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
        .users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let scim = scim(&server);

    let token = ApiTokenId::new("t".repeat(HUNDRED_KB)).unwrap();
    let account = AccountId::new("557057:4f9acfd2").unwrap();
    let error = users.delete_api_token(&account, &token).await.unwrap_err();
    assert_eq!(too_long(&error), ("tokenId", HUNDRED_KB, 1024));
    assert!(error.to_string().contains("the limit is 1024 bytes"), "{error}");

    let user = ScimUserId::new("u".repeat(HUNDRED_KB)).unwrap();
    let error = scim.users().get(&user).await.unwrap_err();
    assert_eq!(too_long(&error), ("userId", HUNDRED_KB, 1024));

    let group = GroupId::new("g".repeat(HUNDRED_KB)).unwrap();
    let error = scim.groups().delete(&group).await.unwrap_err();
    assert_eq!(too_long(&error), ("id", HUNDRED_KB, 1024));

    let directory = DirectoryId::new("d".repeat(HUNDRED_KB)).unwrap();
    let scim = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap()
        .scim(ScimApiKey::new(SCIM_KEY, directory).unwrap());
    let error = scim.users().list().send().await.unwrap_err();
    assert_eq!(too_long(&error), ("directoryId", HUNDRED_KB, 1024));

    unexpected.assert_calls(0);
}
scenario!(item_14_ids_of_100_kb_are_a_build_error_with_the_limit);

#[maybe]
async fn item_14_a_request_target_over_8_kib_is_a_build_error_with_the_limit() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);

    let filter = Filter::user_name_eq(format!("{}@example.com", "x".repeat(9 * 1024)));
    let error = scim(&server).users().list().filter(filter).send().await.unwrap_err();

    let (name, len, limit) = too_long(&error);
    assert_eq!((name, limit), ("request target", 8192), "{error}");
    assert!(len > 9 * 1024, "{len}");
    assert!(error.to_string().contains("the limit is 8192 bytes"), "{error}");
    unexpected.assert_calls(0);
}
scenario!(item_14_a_request_target_over_8_kib_is_a_build_error_with_the_limit);
