//! `org policies …`: `/admin/v1/orgs/{orgId}/policies…` (bodies as JSON files: policies are
//! nested documents; the file holds either the `data` object's content or the whole
//! `{"data": …}` body as the API documents it — both are accepted).

use std::path::PathBuf;
use std::process::ExitCode;

use admin_api::blocking::OrgService;
use admin_api::models::org::{
    PolicyId, PolicyInput, PolicyResource, PolicyResourceId, PolicyResourceUpdate, PolicyType,
};
use clap::Subcommand;
use serde_json::json;

use super::org::Paging;
use super::show;
use crate::context::Ctx;
use crate::error::Result;

const COLUMNS: &[&str] = &["id", "attributes.type", "attributes.name", "attributes.status"];

#[derive(Debug, Subcommand)]
pub enum PoliciesCmd {
    /// Lists policies (`GET …/policies[?type=]`).
    List {
        /// Only this type: `ip-allowlist`, `data-residency`, `data-security`, … (open).
        #[arg(long = "type")]
        policy_type: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One policy (`GET …/policies/{policyId}`).
    Get { policy_id: PolicyId },
    /// Creates a policy (`POST …/policies`) from a JSON file: `{"type": "policy", "attributes": {...}}`
    /// or the API's whole body `{"data": {"type": "policy", ...}}`.
    Create {
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Replaces a policy (`PUT …/policies/{policyId}`) from a JSON file (bare or `{"data": …}`).
    Update {
        policy_id: PolicyId,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Deletes a policy (`DELETE …/policies/{policyId}`).
    Delete { policy_id: PolicyId },
    /// Adds a resource (`POST …/policies/{policyId}/resources`) from a JSON file (bare or `{"data": …}`).
    AddResource {
        policy_id: PolicyId,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Updates a resource (`PUT …/policies/{policyId}/resources/{resourceId}`) from a JSON file
    /// (bare or `{"data": …}`).
    UpdateResource {
        policy_id: PolicyId,
        resource_id: PolicyResourceId,
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
    /// Removes a resource (`DELETE …/policies/{policyId}/resources/{resourceId}`).
    DeleteResource { policy_id: PolicyId, resource_id: PolicyResourceId },
    /// Validates a policy (`GET …/policies/{policyId}/validate`).
    Validate { policy_id: PolicyId },
}

pub fn run(ctx: &Ctx, org: &OrgService, cmd: PoliciesCmd) -> Result<ExitCode> {
    let policies = org.policies();
    match cmd {
        PoliciesCmd::List { policy_type, paging } => {
            let list = policies.list(policy_type.map(|t| PolicyType::from(t.as_str())));
            show(ctx, &paging.apply(list).all()?, COLUMNS)
        }
        PoliciesCmd::Get { policy_id } => show(ctx, &policies.get(&policy_id)?, &[]),
        PoliciesCmd::Create { json } => {
            let input: PolicyInput = crate::input::read_data_json(&json)?;
            show(ctx, &policies.create(&input)?, &[])
        }
        PoliciesCmd::Update { policy_id, json } => {
            let input: PolicyInput = crate::input::read_data_json(&json)?;
            show(ctx, &policies.update(&policy_id, &input)?, &[])
        }
        PoliciesCmd::Delete { policy_id } => {
            policies.delete(&policy_id)?;
            show(ctx, &json!({"id": policy_id, "result": "deleted"}), &[])
        }
        PoliciesCmd::AddResource { policy_id, json } => {
            let resource: PolicyResource = crate::input::read_data_json(&json)?;
            show(ctx, &policies.add_resource(&policy_id, &resource)?, &[])
        }
        PoliciesCmd::UpdateResource { policy_id, resource_id, json } => {
            let update: PolicyResourceUpdate = crate::input::read_data_json(&json)?;
            show(ctx, &policies.update_resource(&policy_id, &resource_id, &update)?, &[])
        }
        PoliciesCmd::DeleteResource { policy_id, resource_id } => {
            policies.delete_resource(&policy_id, &resource_id)?;
            show(ctx, &json!({"id": policy_id, "resource": resource_id, "result": "removed"}), &[])
        }
        PoliciesCmd::Validate { policy_id } => {
            policies.validate(&policy_id)?;
            show(ctx, &json!({"id": policy_id, "result": "valid"}), &[])
        }
    }
}
