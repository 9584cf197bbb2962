//! **CHANGES DATA**: suspends a user's access in the org's directories (roles and groups are
//! kept, billing stops; undo with `org_restore_user`).
//!
//! `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID` and `ATLASSIAN_ACCOUNT_ID` or
//! `ATLASSIAN_USER_EMAIL`; optional `ATLASSIAN_ORG_DIRECTORY_ID` (default `-`, all directories).

use admin_api::blocking::OrgService;
use atlassian_admin_examples::{org_directory, org_target_account, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = OrgService::from_env()?.users().directory(org_directory()?);
        let account = org_target_account(&users)?;
        users.suspend(&account)?;
        println!("{account} suspended");
        Ok(())
    })
}
