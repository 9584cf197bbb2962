//! **CHANGES DATA**: creates a SCIM user in the directory (blocking); if it exists (409), finds it.
//!
//! `POST /scim/directory/{directoryId}/Users` — seed 002 "Create a user".
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`, `ATLASSIAN_SCIM_USER_EMAIL` (an
//! address on a verified domain); optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::scim::{Email, Name, ScimUser};
use atlassian_admin_examples::{required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let email = required_env("ATLASSIAN_SCIM_USER_EMAIL", "the new user's email, on a verified domain")?;
        let users = ScimService::from_env()?.users();

        let mut user = ScimUser::new(&email).with_email(Email::work(&email).primary());
        user.name = Some(Name::new("Example", "User"));
        user.display_name = Some("Example User".into());
        user.title = Some("Atlassian Administrator".into());
        user.preferred_language = Some("en-US".into());
        user.active = Some(true);

        match users.create(&user) {
            Ok(created) => println!("created {:?} ({})", created.id, created.user_name),
            // 409: the user exists already; look it up instead of failing.
            Err(error) if error.is_conflict() => {
                let existing = users.find_by_user_name(&email)?;
                println!("already exists: {:?}", existing.and_then(|u| u.id));
            }
            Err(error) => return Err(error.into()),
        }
        Ok(())
    })
}
