//! Read-only: what the directory's SCIM service supports — config, resource types, schemas
//! (blocking).
//!
//! `GET /scim/directory/{directoryId}/ServiceProviderConfig`, `…/ResourceTypes`, `…/Schemas`.
//! Needs `ATLASSIAN_SCIM_API_KEY`, `ATLASSIAN_SCIM_DIRECTORY_ID`; optional
//! `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::ScimService;
use atlassian_admin_examples::run;

fn main() -> std::process::ExitCode {
    run(|| {
        let scim = ScimService::from_env()?;
        let config = scim.service_provider_config()?;
        println!(
            "patch: {}, filter: {} (max {:?}), bulk: {}, sort: {}, etag: {}",
            config.supports_patch(),
            config.supports_filter(),
            config.filter.as_ref().and_then(|f| f.max_results),
            config.supports_bulk(),
            config.supports_sort(),
            config.supports_etag()
        );
        for resource_type in scim.resource_types()? {
            println!(
                "resource type {} at {} ({})",
                resource_type.name, resource_type.endpoint, resource_type.schema
            );
        }
        for schema in scim.schemas()? {
            let names: Vec<&str> = schema.attributes.iter().map(|a| a.name.as_str()).collect();
            println!("schema {}: {}", schema.id, names.join(", "));
        }
        Ok(())
    })
}
