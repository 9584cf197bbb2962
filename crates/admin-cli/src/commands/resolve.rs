//! Resolving what a person typed (an email or an account id) to an account, for workflows.
//!
//! Emails are resolved before the run, never one lookup per person: through the Organizations
//! API when an org is configured (one paged `users/search` with every email, exact match), and
//! through the SCIM directory (one paged listing of its users, indexed by `userName`, email and
//! linked account id).

use std::collections::HashMap;

use admin_api::blocking::{OrgService, ScimService};
use admin_api::models::AccountId;
use admin_api::models::scim::ScimUser;

use crate::bulk::Item;
use crate::context::Ctx;
use crate::error::Result;

/// An account found for an item.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub account_id: AccountId,
    /// The directory's SCIM user linked to the account, if the directory was listed and has one.
    pub scim_user: Option<ScimUser>,
}

/// The SCIM directory's users, listed once.
#[derive(Debug, Default)]
pub struct Directory {
    listed: bool,
    by_account: HashMap<String, ScimUser>,
    by_email: HashMap<String, ScimUser>,
    org_searched: bool,
    org_by_email: HashMap<String, AccountId>,
    /// The inputs merged into an item because they resolve to its account (item → every input).
    merged: HashMap<String, Vec<String>>,
}

impl Directory {
    /// Lists the directory when SCIM is configured and `needed`; otherwise an empty index.
    pub fn load(ctx: &Ctx, needed: bool) -> Result<Self> {
        let Some(scim) = ctx.scim_opt().filter(|_| needed) else { return Ok(Self::default()) };
        Self::list(&scim)
    }

    /// Adds the org's users with these emails (one paged search).
    pub fn with_org(mut self, org: &OrgService, items: &[String]) -> Result<Self> {
        let emails: Vec<String> = items.iter().filter(|i| i.contains('@')).cloned().collect();
        self.org_searched = true;
        if emails.is_empty() {
            return Ok(self);
        }
        for user in org.users().search().emails(emails).all()? {
            if let (Some(email), Some(account)) = (user.email, user.account_id) {
                self.org_by_email.insert(email.to_lowercase(), account);
            }
        }
        Ok(self)
    }

    /// Merges the items that resolve to the same account (an email and an account id, an id
    /// given in two forms): the first input stands for the account, and its result line lists
    /// every input in `inputs`. Items that do not resolve are kept as they are (they fail when
    /// run, saying why). Returns the items to run, in order, and one note per merge.
    pub fn merge(&mut self, items: Vec<String>) -> (Vec<String>, Vec<String>) {
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut kept: Vec<String> = Vec::with_capacity(items.len());
        let mut notes = Vec::new();
        for name in items {
            let Ok(resolved) = lookup(&name, self) else {
                kept.push(name);
                continue;
            };
            let account = resolved.account_id.as_str().to_owned();
            match first.get(&account) {
                Some(&i) => {
                    let into = kept[i].clone();
                    notes.push(format!("{name} is the same account as {into} ({account}): merged"));
                    self.merged.entry(into.clone()).or_insert_with(|| vec![into]).push(name);
                }
                None => {
                    first.insert(account, kept.len());
                    kept.push(name);
                }
            }
        }
        (kept, notes)
    }

    fn list(scim: &ScimService) -> Result<Self> {
        let mut index = Self { listed: true, ..Self::default() };
        for user in scim.users().list().all()? {
            if let Some(account) = user.atlassian_account_id() {
                index.by_account.insert(account.as_str().to_owned(), user.clone());
            }
            let mut emails: Vec<String> = user.emails.iter().map(|e| e.value.to_lowercase()).collect();
            emails.push(user.user_name.to_lowercase());
            for email in emails {
                index.by_email.entry(email).or_insert_with(|| user.clone());
            }
        }
        tracing::info!(users = index.by_account.len(), "listed the SCIM directory");
        Ok(index)
    }
}

/// Resolves `item.name`: an account id as is; an email through the SCIM directory. Records
/// `account_id` on the item's result line, and `inputs` when other inputs were merged into it
/// ([`Directory::merge`]). `Err` explains why it could not be resolved.
pub fn account(item: &mut Item<'_>, directory: &Directory) -> std::result::Result<Resolved, String> {
    let resolved = lookup(item.name, directory)?;
    item.set("account_id", resolved.account_id.as_str());
    if let Some(inputs) = directory.merged.get(item.name) {
        item.set("inputs", inputs.clone());
    }
    Ok(resolved)
}

/// Resolves one input (an email or an account id) without recording anything.
fn lookup(name: &str, directory: &Directory) -> std::result::Result<Resolved, String> {
    let name = name.trim().to_owned();
    let resolved = if let Some(account_id) = directory.org_by_email.get(&name.to_lowercase()) {
        let scim_user = directory.by_account.get(account_id.as_str()).cloned();
        Resolved { account_id: account_id.clone(), scim_user }
    } else if name.contains('@') {
        if directory.org_searched && !directory.listed {
            return Err(format!("no user with email {name} in the organization"));
        }
        if !directory.listed {
            return Err(format!(
                "{name} is an email: resolving emails needs the org id (or the SCIM directory's key and id), or pass the account id"
            ));
        }
        let user = directory.by_email.get(&name.to_lowercase()).ok_or_else(|| {
            let place = if directory.org_searched {
                "the organization or the SCIM directory"
            } else {
                "the SCIM directory"
            };
            format!("no user with email {name} in {place}")
        })?;
        let account_id = user
            .atlassian_account_id()
            .cloned()
            .ok_or_else(|| format!("the SCIM user for {name} is not linked to an Atlassian account yet"))?;
        Resolved { account_id, scim_user: Some(user.clone()) }
    } else {
        let account_id = AccountId::new(name.as_str()).map_err(|e| e.to_string())?;
        let scim_user = directory.by_account.get(account_id.as_str()).cloned();
        Resolved { account_id, scim_user }
    };
    Ok(resolved)
}
