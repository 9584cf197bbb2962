//! Read-only: finds the user whose email is exactly `ATLASSIAN_USER_EMAIL` and prints their
//! account, statuses, groups and last activity per product.
//!
//! `POST /admin/v2/orgs/{orgId}/directories/-/users/search` with `emails` (exact match) and
//! `expand: ["groups", "productAccess"]`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`, `ATLASSIAN_USER_EMAIL`.

use admin_api::blocking::OrgService;
use admin_api::models::org::UserExpand;
use atlassian_admin_examples::{USER_EMAIL_VAR, org_directory, required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let email = required_env(USER_EMAIL_VAR, "the email address to look up")?;
        let users = OrgService::from_env()?.users().directory(org_directory()?);
        let page = users
            .search()
            .email(email.as_str())
            .expand([UserExpand::Groups, UserExpand::ProductAccess])
            .send()?;
        if page.data.is_empty() {
            println!("no user has the email {email}");
        }
        for user in &page.data {
            println!("account:    {}", user.account_id.as_ref().map(ToString::to_string).unwrap_or_default());
            println!("name:       {}", user.name.as_deref().unwrap_or("-"));
            println!(
                "status:     {:?} (account {:?}, membership {:?})",
                user.status, user.account_status, user.membership_status
            );
            println!("managed:    {:?}", user.claim_status);
            for group in &user.groups {
                println!("group:      {}", group.name.as_deref().unwrap_or("?"));
            }
            for product in &user.product_access {
                println!("active in:  {:?} at {:?}", product.key, product.last_active_timestamp);
            }
        }
        Ok(())
    })
}
