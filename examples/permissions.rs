//! Read-only: lists your privileges over an account and explains each refusal.
//!
//! `GET /users/{account_id}/manage` — seed snippet "Get user management permissions".
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`; optional `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::UsersService;
use admin_api::models::user_management::{Access, Privilege};
use atlassian_admin_examples::{account_id, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let account = account_id()?;
        let rules = users.permissions(&account).send()?;
        for privilege in Privilege::ALL {
            match rules.check(privilege.clone()) {
                Access::Allowed => println!("{:<22} allowed", privilege.as_str()),
                Access::Denied(reason) => {
                    println!("{:<22} denied: {}", privilege.as_str(), reason.explanation())
                }
                Access::NotReported => println!("{:<22} not reported", privilege.as_str()),
            }
        }
        Ok(())
    })
}
