//! **CHANGES DATA**: creates a SCIM group (or reuses it), adds members in batches, lists groups
//! (blocking).
//!
//! `POST /scim/directory/{directoryId}/Groups`, `PATCH …/Groups/{id}` (one per 100 members),
//! `GET …/Groups`.
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`, `ATLASSIAN_SCIM_GROUP_NAME`;
//! optional `ATLASSIAN_SCIM_USER_IDS` (comma-separated SCIM user ids to add),
//! `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::ScimUserId;
use admin_api::models::scim::ScimGroup;
use admin_api::plan::scim::Patched;
use atlassian_admin_examples::{required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let name = required_env("ATLASSIAN_SCIM_GROUP_NAME", "the name of the group to create")?;
        let groups = ScimService::from_env()?.groups();

        let group = match groups.create(&ScimGroup::new(&name)) {
            Ok(group) => group,
            // 409: a group of that name exists in the organization.
            Err(error) if error.is_conflict() => {
                groups.find_by_display_name(&name)?.ok_or("the name is taken outside this directory")?
            }
            Err(error) => return Err(error.into()),
        };
        let id = group.id.ok_or("the server returned a group without id")?;
        println!("group {name}: {id}");

        let members = std::env::var("ATLASSIAN_SCIM_USER_IDS").unwrap_or_default();
        let members: Vec<ScimUserId> = members
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(ScimUserId::new)
            .collect::<Result<_, _>>()?;
        match groups.add_members(&id, &members)? {
            Some(Patched::Resource(group)) => println!("{} members now", group.members.len()),
            Some(Patched::NoContent) => println!("members added (the server returned no group)"),
            None => println!("no members to add"),
        }

        for group in groups.list().count(100).iter() {
            let group = group?;
            println!("{:<40} {}", group.id.as_ref().map(|id| id.as_str()).unwrap_or("-"), group.display_name);
        }
        Ok(())
    })
}
