//! The provisioning "Admin APIs" (#65–#68), with the org admin key.

use admin_api::ApiErrorBody;
use admin_api::models::{AccountId, DirectoryId, ScimUserId};
use serde_json::json;

use super::maybe;
use super::org_audit_support::*;
use crate::support;

fn prov() -> String {
    format!("/admin/user-provisioning/v1/org/{ORG_ENCODED}")
}

fn links_json() -> String {
    json!({"scimLinks": [{"scimUserId": "su-1", "atlassianAccountId": "acc-1", "orgId": ORG, "directoryId": "dir-1"}]})
        .to_string()
}

#[maybe]
async fn links_of_an_account_and_of_an_email() {
    let server = support::server();
    let by_account = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{}/user/acc%7C1/get-scim-links", prov()))
            .header("authorization", ORG_BEARER);
        then.status(200).header("content-type", "application/json").body(links_json());
    });
    let by_email = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{}/get-scim-links-for-email", prov()))
            .header("authorization", ORG_BEARER)
            .header("content-type", "application/json")
            .json_body(json!({"email": "lila@example.com"}));
        then.status(200).header("content-type", "application/json").body(links_json());
    });
    let links = org_at(&server.base_url()).scim_links();

    let of_account = links.for_account(&AccountId::new("acc|1").unwrap()).await.expect("account");
    let of_email = links.for_email("lila@example.com").await.expect("email");

    by_account.assert_calls(1);
    by_email.assert_calls(1);
    assert_eq!(of_account.scim_links[0].directory_id, "dir-1");
    assert_eq!(of_email.scim_links[0].scim_user_id, "su-1");
}
scenario!(links_of_an_account_and_of_an_email);

#[maybe]
async fn unlink_and_delete_the_scim_record() {
    let server = support::server();
    let unlink = server.mock(|when, then| {
        when.method("PATCH")
            .path(format!("{}/scimDirectoryId/dir%201/scimUserId/su%2F1/unlink", prov()))
            .header("authorization", ORG_BEARER);
        then.status(204);
    });
    let delete = server.mock(|when, then| {
        when.method("DELETE").path(format!("{}/user/acc-1/onlyDeleteUserInDB", prov()));
        then.status(204);
    });
    let not_managed = server.mock(|when, then| {
        when.method("DELETE").path(format!("{}/user/acc-2/onlyDeleteUserInDB", prov()));
        then.status(404).header("content-type", "application/json").body(
            json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "404",
                   "detail": "User that is found is not a managed user"})
            .to_string(),
        );
    });
    let links = org_at(&server.base_url()).scim_links();

    links
        .unlink(&DirectoryId::new("dir 1").unwrap(), &ScimUserId::new("su/1").unwrap())
        .await
        .expect("unlink");
    links.delete_record(&AccountId::new("acc-1").unwrap()).await.expect("delete");
    let error = links.delete_record(&AccountId::new("acc-2").unwrap()).await.expect_err("404");

    unlink.assert_calls(1);
    delete.assert_calls(1);
    not_managed.assert_calls(1);
    assert!(error.is_not_found());
    assert!(matches!(error.api_error().map(|e| &e.body), Some(ApiErrorBody::Scim(_))), "{error:?}");
}
scenario!(unlink_and_delete_the_scim_record);

#[maybe]
async fn something_that_is_not_an_email_is_refused_before_sending() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);

    for bad in ["not an email", "", "lila@", "a b@example.com"] {
        let error = org_at(&server.base_url()).scim_links().for_email(bad).await.expect_err(bad);

        assert!(
            matches!(error, admin_api::Error::Build(admin_api::BuildError::Validation(_))),
            "{bad:?}: {error:?}"
        );
    }
    unexpected.assert_calls(0);
}
scenario!(something_that_is_not_an_email_is_refused_before_sending);
