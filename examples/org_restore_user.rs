//! **CHANGES DATA**: restores a suspended user's access (roles and groups come back, billing
//! resumes). A licence limit is explained instead of reported as a bare error.
//!
//! `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID` and `ATLASSIAN_ACCOUNT_ID` or
//! `ATLASSIAN_USER_EMAIL`; optional `ATLASSIAN_ORG_DIRECTORY_ID`.

use admin_api::blocking::OrgService;
use atlassian_admin_examples::{org_directory, org_target_account, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = OrgService::from_env()?.users().directory(org_directory()?);
        let account = org_target_account(&users)?;
        match users.restore(&account) {
            Ok(()) => println!("{account} restored"),
            Err(error) if error.admin_code().is_some_and(|code| code.is_license_problem()) => {
                return Err(format!(
                    "{account} was not restored: a product is at its licence limit ({error}); free a seat or raise the limit"
                )
                .into());
            }
            Err(error) => return Err(error.into()),
        }
        Ok(())
    })
}
