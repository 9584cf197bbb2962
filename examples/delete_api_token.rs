//! **CHANGES DATA**: revokes the API token `ATLASSIAN_API_TOKEN_ID` of the account.
//!
//! `DELETE /users/{account_id}/manage/api-tokens/{tokenId}`.
//! Needs `ATLASSIAN_ADMIN_TOKEN`, `ATLASSIAN_ACCOUNT_ID`, `ATLASSIAN_API_TOKEN_ID`.

use admin_api::blocking::UsersService;
use admin_api::models::ApiTokenId;
use atlassian_admin_examples::{account_id, required_env, run};

fn main() -> std::process::ExitCode {
    run(|| {
        let users = UsersService::from_env()?;
        let token =
            ApiTokenId::new(required_env("ATLASSIAN_API_TOKEN_ID", "the id of the token to revoke")?)?;
        users.delete_api_token(&account_id()?, &token)?;
        println!("token {token} revoked");
        Ok(())
    })
}
