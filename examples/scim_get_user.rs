//! Read-only: prints a SCIM user of the directory (blocking).
//!
//! `GET /scim/directory/{directoryId}/Users/{userId}` — seed 002 "Get a user by ID".
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`, `ATLASSIAN_SCIM_USER_ID`;
//! optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::ScimUserId;
use atlassian_admin_examples::{required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let id = ScimUserId::new(required_env("ATLASSIAN_SCIM_USER_ID", "the SCIM id of a user")?)?;
        let user = ScimService::from_env()?.users().get(&id)?;
        println!("id:        {id}");
        println!("userName:  {}", user.user_name);
        println!("name:      {:?}", user.name.as_ref().and_then(|n| n.formatted.clone()));
        println!("email:     {}", user.primary_email().unwrap_or("-"));
        println!("active:    {}", user.is_active());
        println!("account:   {:?}", user.atlassian_account_id());
        Ok(())
    })
}
