//! Resolving what a person typed (an email or an account id) to an account, for workflows.

use admin_api::blocking::ScimService;
use admin_api::models::scim::ScimUser;
use admin_api::models::AccountId;

use crate::bulk::Item;

/// An account found for an item.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub account_id: AccountId,
    /// The directory's SCIM user for the account, when one was looked up and exists.
    pub scim_user: Option<ScimUser>,
}

/// Resolves `item.name`: an account id as is; an email through the directory's SCIM users
/// (`userName eq`, whose Atlassian extension carries the account id). Records `account_id` on
/// the item's result line. `Err` explains why it could not be resolved.
pub fn account(item: &mut Item<'_>, scim: Option<&ScimService>) -> Result<Resolved, String> {
    let name = item.name.to_owned();
    let resolved = if name.contains('@') {
        let Some(scim) = scim else {
            return Err(format!(
                "{name} is an email: resolving emails needs the SCIM directory's key and id (or pass the account id)"
            ));
        };
        let user = find_scim_user(item, scim, &name)?.ok_or_else(|| format!("no SCIM user with userName {name}"))?;
        let account_id = user
            .atlassian_account_id()
            .cloned()
            .ok_or_else(|| format!("the SCIM user for {name} is not linked to an Atlassian account yet"))?;
        Resolved { account_id, scim_user: Some(user) }
    } else {
        let account_id = AccountId::new(name.as_str()).map_err(|e| e.to_string())?;
        Resolved { account_id, scim_user: None }
    };
    item.set("account_id", resolved.account_id.as_str());
    Ok(resolved)
}

/// The directory's SCIM user whose `userName` is `user_name`.
pub fn find_scim_user(item: &Item<'_>, scim: &ScimService, user_name: &str) -> Result<Option<ScimUser>, String> {
    let users = scim.users();
    item.read(|| users.find_by_user_name(user_name)).map_err(|e| e.to_string())
}
