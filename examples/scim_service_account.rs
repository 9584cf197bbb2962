//! Read-only: SCIM with a service account's OAuth 2.0 client credentials instead of a directory
//! API key (blocking): reads the directory's service provider configuration and its first users.
//!
//! `POST {base}/oauth/token` (client credentials, once; the token is cached), then
//! `GET /scim/directory/{directoryId}/ServiceProviderConfig` and `…/Users?count=5`. Needs
//! `ATLASSIAN_SCIM_CLIENT_ID`, `ATLASSIAN_SCIM_CLIENT_SECRET`, `ATLASSIAN_SCIM_DIRECTORY_ID`;
//! optional `ATLASSIAN_SCIM_TOKEN_URL`, `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use atlassian_admin_examples::run;

fn main() -> std::process::ExitCode {
    run(|| {
        let scim = ScimService::from_env_service_account()?;
        let config = scim.service_provider_config()?;
        println!("PATCH supported: {}", config.supports_patch());
        let page = scim.users().list().count(5).send()?;
        println!(
            "{} users in the directory; first {}:",
            page.total_results.unwrap_or_default(),
            page.resources.len()
        );
        for user in &page.resources {
            println!("  {}", user.user_name);
        }
        Ok(())
    })
}
