//! Read-only: lists the org's policies with the resources each applies to, and its verified
//! domains (blocking).
//!
//! `GET /admin/v1/orgs/{orgId}/policies`, `GET /admin/v1/orgs/{orgId}/domains`. Needs
//! `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`; optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::OrgService;
use atlassian_admin_examples::run;

fn main() -> std::process::ExitCode {
    run(|| {
        let org = OrgService::from_env()?;
        for policy in org.policies().list(None).iter() {
            let policy = policy?;
            let attributes = &policy.attributes;
            println!(
                "{:<38} {:<16} {:<9} {}",
                policy.id,
                attributes.policy_type,
                attributes.status.as_ref().map(|s| s.as_str()).unwrap_or("-"),
                attributes.name.as_deref().unwrap_or("-")
            );
            for resource in &attributes.resources {
                let status = resource.application_status.as_ref().map(|s| s.as_str()).unwrap_or("-");
                println!("    {} ({status})", resource.id);
            }
        }
        for domain in org.domains().list().iter() {
            let domain = domain?;
            let verified = if domain.is_verified() { "verified" } else { "not verified" };
            println!("domain {} {verified}", domain.attributes.name.as_deref().unwrap_or("-"));
        }
        Ok(())
    })
}
