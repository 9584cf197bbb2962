//! **CHANGES DATA**: removes a user from the org's directory: access, roles and groups are lost
//! and a new invitation is needed to bring them back (prefer `org_suspend_user` when unsure).
//!
//! `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID` and `ATLASSIAN_ACCOUNT_ID` or
//! `ATLASSIAN_USER_EMAIL`; optional `ATLASSIAN_ORG_DIRECTORY_ID`.

use admin_api::blocking::OrgService;
use atlassian_admin_examples::{org_directory, org_target_account, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = OrgService::from_env()?.users().directory(org_directory()?);
        let account = org_target_account(&users)?;
        users.remove(&account)?;
        println!("{account} removed from the directory");
        Ok(())
    })
}
