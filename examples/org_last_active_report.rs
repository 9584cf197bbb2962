//! Read-only: a last-active report of every user in the org, as CSV on stdout — one row per
//! user and product (`account_id,email,name,status,product,product_id,last_active`), and one
//! row with empty product columns for a user with no product activity.
//!
//! One paged `POST /admin/v2/orgs/{orgId}/directories/-/users/search` with
//! `expand: ["productAccess"]` (100 users a request), not one last-active call per user.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ORG_ID`; optional `ATLASSIAN_ORG_DIRECTORY_ID`,
//! `ATLASSIAN_API_BASE_URL`.

use admin_api::blocking::OrgService;
use admin_api::models::org::UserExpand;
use admin_api::models::org::time::format_description::well_known::Rfc3339;
use atlassian_admin_examples::{org_directory, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = OrgService::from_env()?.users().directory(org_directory()?);
        let mut csv = csv::Writer::from_writer(std::io::stdout().lock());
        csv.write_record(["account_id", "email", "name", "status", "product", "product_id", "last_active"])?;
        let (mut people, mut rows) = (0, 0);
        for user in users.search().expand([UserExpand::ProductAccess]).page_size(100).iter() {
            let user = user?;
            people += 1;
            let person = [
                user.account_id.as_ref().map(ToString::to_string).unwrap_or_default(),
                user.email.clone().unwrap_or_default(),
                user.name.clone().unwrap_or_default(),
                user.status.as_ref().map(ToString::to_string).unwrap_or_default(),
            ];
            if user.product_access.is_empty() {
                csv.write_record(person.iter().map(String::as_str).chain(["", "", ""]))?;
                rows += 1;
            }
            for product in &user.product_access {
                let last_active = match product.last_active_timestamp {
                    Some(at) => at.format(&Rfc3339)?,
                    None => String::new(),
                };
                let key = product.key.as_ref().map(ToString::to_string).unwrap_or_default();
                let id = product.id.clone().unwrap_or_default();
                csv.write_record(person.iter().map(String::as_str).chain([
                    key.as_str(),
                    id.as_str(),
                    last_active.as_str(),
                ]))?;
                rows += 1;
            }
        }
        csv.flush()?;
        eprintln!("{people} users, {rows} rows");
        Ok(())
    })
}
