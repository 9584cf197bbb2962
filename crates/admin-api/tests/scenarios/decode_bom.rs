//! Issue 11, item 11: a JSON body that starts with a UTF-8 byte order mark (RFC 8259 §8.1 lets
//! parsers ignore it) decodes, on success and error bodies of both APIs.

use admin_api::models::AccountId;
use admin_api::{AdminApiKey, RetryPolicy};

use super::scim_support::*;
use super::{Client, maybe};
use crate::support::{self, ADMIN_TOKEN};

const BOM: &str = "\u{FEFF}";

#[maybe]
async fn item_11_a_profile_body_starting_with_a_utf8_bom_decodes() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path("/users/abc/manage/profile");
        then.status(200)
            .header("content-type", "application/json; charset=utf-8")
            .body(format!("{BOM}{}", support::profile_json("abc")));
    });
    let users = Client::builder()
        .base_url(server.base_url())
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
        .users(AdminApiKey::new(ADMIN_TOKEN).unwrap());

    let account = users.get_profile(&AccountId::new("abc").unwrap()).await.expect("BOM is ignored");

    assert_eq!(account.account_id.as_str(), "abc");
}
scenario!(item_11_a_profile_body_starting_with_a_utf8_bom_decodes);

#[maybe]
async fn item_11_scim_bodies_starting_with_a_utf8_bom_decode() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(user_path());
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(format!("{BOM}{}", user_json(USER_ID, "lila@example.com")));
    });
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users"));
        then.status(200).header("content-type", SCIM_JSON).body(format!("{BOM}{}", users_page(1, 1, &["a"])));
    });
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Groups"));
        then.status(409)
            .header("content-type", SCIM_JSON)
            .body(format!("{BOM}{}", scim_error(409, Some("uniqueness"), "taken")));
    });
    let scim = scim_with(&server, RetryPolicy::never());

    let user = scim.users().get(&user_id()).await.expect("BOM is ignored");
    assert_eq!(user.user_name, "lila@example.com");
    let all = scim.users().list().all().await.expect("BOM is ignored in pages");
    assert_eq!(all.len(), 1);
    let error = scim.groups().list().send().await.unwrap_err();
    assert_eq!(api_error(&error).scim_type().map(|t| t.as_str()), Some("uniqueness"), "{error:?}");
}
scenario!(item_11_scim_bodies_starting_with_a_utf8_bom_decode);
