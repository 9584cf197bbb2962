//! **CHANGES DATA**: patches a SCIM user with the PatchOp builder (blocking).
//!
//! `PATCH /scim/directory/{directoryId}/Users/{userId}` — seed 002 "Update user by ID (PATCH)",
//! sent in RFC 7644 form (`"Operations"`, which go-atlassian spells `operations`).
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`, `ATLASSIAN_SCIM_USER_ID`;
//! optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::ScimUserId;
use admin_api::models::scim::PatchOp;
use admin_api::plan::scim::Patched;
use atlassian_admin_examples::{required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let id = ScimUserId::new(required_env("ATLASSIAN_SCIM_USER_ID", "the SCIM id of a user")?)?;
        let patch = PatchOp::new()
            .replace_display_name("Docs Atlassian DisplayName 2")
            .replace_given_name("Barbara")
            .replace_family_name("Jensen")
            .replace("nickName", "Bobby")?
            .replace("title", "Vice President")?;
        match ScimService::from_env()?.users().patch(&id, &patch)? {
            Patched::Resource(user) => {
                println!("{}: {:?} ({:?})", user.user_name, user.display_name, user.title)
            }
            Patched::NoContent => println!("patched (the server returned no user: 204 No Content)"),
        }
        Ok(())
    })
}
