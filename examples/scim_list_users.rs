//! Read-only: lists one page of SCIM users, optionally filtered by userName (blocking).
//!
//! `GET /scim/directory/{directoryId}/Users?filter=userName eq "…"&count=50` — seed 002 "Get
//! users" (which sends `startIndex=0`; SCIM is 1-based, so we start at 1).
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`; optional
//! `ATLASSIAN_SCIM_USER_NAME` (exact userName), `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use admin_api::models::scim::Filter;
use atlassian_admin_examples::run;

fn main() -> std::process::ExitCode {
    run(|| {
        let scim = ScimService::from_env()?;
        let users = scim.users();
        let mut request = users.list().count(50);
        if let Ok(user_name) = std::env::var("ATLASSIAN_SCIM_USER_NAME") {
            request = request.filter(Filter::user_name_eq(user_name));
        }
        let page = request.send()?;
        for user in &page {
            println!("{:<40} {}", user.id.as_ref().map(|id| id.as_str()).unwrap_or("-"), user.user_name);
        }
        println!("{} of {} shown", page.items_per_page(), page.total_results());
        Ok(())
    })
}
