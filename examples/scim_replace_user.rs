//! **CHANGES DATA**: GET → modify → PUT a SCIM user (blocking), changing only its title.
//!
//! `PUT /scim/directory/{directoryId}/Users/{userId}` — seed 002 "Update user via user
//! attributes". PUT **clears every attribute the body leaves out**, so never PUT a user built
//! from scratch: start from what GET returned (unknown attributes are kept and sent back).
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`, `ATLASSIAN_SCIM_USER_ID`;
//! optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::ScimUserId;
use atlassian_admin_examples::{required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let id = ScimUserId::new(required_env("ATLASSIAN_SCIM_USER_ID", "the SCIM id of a user")?)?;
        let users = ScimService::from_env()?.users();
        let mut user = users.get(&id)?;
        user.title = Some("Atlassian Administrator".into());
        let user = users.replace(&id, &user)?;
        println!("{}: title is now {:?}", user.user_name, user.title);
        Ok(())
    })
}
