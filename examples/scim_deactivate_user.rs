//! **CHANGES DATA**: deactivates a SCIM user (blocking); later calls on it answer 404.
//!
//! `DELETE /scim/directory/{directoryId}/Users/{userId}` — seed 002 "Deactivate a user".
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`, `ATLASSIAN_SCIM_USER_ID`;
//! optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::ScimUserId;
use atlassian_admin_examples::{required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let id = ScimUserId::new(required_env(
            "ATLASSIAN_SCIM_USER_ID",
            "the SCIM id of the user to deactivate",
        )?)?;
        let users = ScimService::from_env()?.users();
        users.deactivate(&id)?;
        println!("deactivated {id}");
        match users.get(&id) {
            Err(error) if error.is_not_found() => println!("as documented, the user now answers 404"),
            Ok(user) => println!("still visible: active = {}", user.is_active()),
            Err(error) => return Err(error.into()),
        }
        Ok(())
    })
}
