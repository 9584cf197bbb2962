//! `scim schemas …`, `scim resource-types …`: SCIM discovery.

use std::process::ExitCode;

use admin_api::blocking::ScimService;
use clap::Subcommand;

use super::show;
use crate::context::Ctx;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum SchemasCmd {
    /// Every schema (`GET /Schemas`).
    List,
    /// One schema by URN (`GET /Schemas/{urn}`), or `user`, `group`, `enterprise-user`.
    Get { urn: String },
}

#[derive(Debug, Subcommand)]
pub enum ResourceTypesCmd {
    /// Every resource type (`GET /ResourceTypes`).
    List,
    /// One resource type (`GET /ResourceTypes/{name}`), e.g. `User`, `Group`.
    Get { name: String },
}

pub fn schemas(ctx: &Ctx, scim: &ScimService, cmd: SchemasCmd) -> Result<ExitCode> {
    match cmd {
        SchemasCmd::List => show(ctx, &scim.schemas()?, &["id", "name", "description"]),
        SchemasCmd::Get { urn } => {
            let schema = match urn.as_str() {
                "user" => scim.user_schema()?,
                "group" => scim.group_schema()?,
                "enterprise-user" => scim.enterprise_user_schema()?,
                urn => scim.schema(urn)?,
            };
            show(ctx, &schema, &[])
        }
    }
}

pub fn resource_types(ctx: &Ctx, scim: &ScimService, cmd: ResourceTypesCmd) -> Result<ExitCode> {
    match cmd {
        ResourceTypesCmd::List => show(ctx, &scim.resource_types()?, &["id", "name", "endpoint", "schema"]),
        ResourceTypesCmd::Get { name } => show(ctx, &scim.resource_type(&name)?, &[]),
    }
}
