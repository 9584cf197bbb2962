//! Read-only: the org's directories, group statistics, and every group with its member count.
//!
//! `GET /admin/v2/orgs/{orgId}/directories`, `GET …/groups/stats` and
//! `POST …/groups/search` with `expand: ["counts.users"]`, sorted by name.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`; optional `ATLASSIAN_ORG_DIRECTORY_ID`.

use admin_api::blocking::OrgService;
use admin_api::models::org::{GroupExpand, GroupSortField, SortBy};
use atlassian_admin_examples::{org_directory, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let org = OrgService::from_env()?;
        for directory in org.directories().iter() {
            let directory = directory?;
            println!(
                "directory {} {}",
                directory.directory_id.map(|d| d.to_string()).unwrap_or_default(),
                directory.name.unwrap_or_default()
            );
        }
        let groups = org.groups().directory(org_directory()?);
        let stats = groups.stats()?;
        if let Some(totals) = &stats.totals {
            println!("groups: {:?} in all, {:?} synced from an identity provider", totals.all, totals.synced);
        }
        let search =
            groups.search().expand([GroupExpand::CountsUsers]).sort_by(SortBy::asc(GroupSortField::Name));
        for group in search.iter() {
            let group = group?;
            let members =
                group.counts.as_ref().and_then(|c| c.users).map_or("?".to_owned(), |n| n.to_string());
            let synced = if group.external_synced == Some(true) { " (synced)" } else { "" };
            println!("{:>6} members  {}{synced}", members, group.name.as_deref().unwrap_or("?"));
        }
        Ok(())
    })
}
