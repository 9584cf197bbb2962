//! The organization around the accounts and SCIM directories: which directory lists an
//! account, memberships (suspend / restore / remove), and the audit log's writer.
//!
//! One world: an account's directory is its SCIM directory when one provisions it, else the
//! org's local directory; SCIM groups appear as synced groups of their directory; a suspension
//! or a SCIM deactivation is what every API then shows.

use crate::model::{Account, Membership};
use crate::org_state::ADMIN_ACTOR;
use crate::state::{ScimGroupRec, State};

impl State {
    /// Appends an audit event (when recording: not while seeding).
    pub(crate) fn record(&mut self, action: &str, actor: &str, context: &[(&str, &str)]) {
        if !self.events.recording {
            return;
        }
        self.events.push(action, actor, context);
    }

    /// The org directory an account belongs to: its SCIM directory, else the local one.
    pub(crate) fn directory_of<'a>(&'a self, account: &'a Account) -> &'a str {
        account.scim_directory.as_deref().unwrap_or(&self.org.directory_id)
    }

    /// Whether `directory_id` names an org directory (`-` is all of them).
    pub(crate) fn is_org_directory(&self, directory_id: &str) -> bool {
        directory_id == "-"
            || directory_id == self.org.directory_id
            || self.directories.contains_key(directory_id)
    }

    /// The accounts listed in `directory_id` (`-`: all), removed ones excluded.
    pub(crate) fn directory_accounts<'a>(
        &'a self,
        directory_id: &'a str,
    ) -> impl Iterator<Item = &'a Account> + 'a {
        self.accounts().filter(move |a| {
            a.membership != Membership::Removed
                && (directory_id == "-" || self.directory_of(a) == directory_id)
        })
    }

    /// The account `account_id` if `directory_id` lists it.
    pub(crate) fn directory_account(&self, directory_id: &str, account_id: &str) -> Option<&Account> {
        self.account(account_id).filter(|a| {
            a.membership != Membership::Removed
                && (directory_id == "-" || self.directory_of(a) == directory_id)
        })
    }

    /// The SCIM group `id` (of any directory) with its directory id.
    pub(crate) fn scim_group_anywhere(&self, id: &str) -> Option<(&str, &ScimGroupRec)> {
        self.directories.iter().find_map(|(dir_id, d)| d.group_by_id(id).map(|g| (dir_id.as_str(), g)))
    }

    /// The account ids of a SCIM group's members.
    pub(crate) fn scim_group_accounts(&self, directory_id: &str, group: &ScimGroupRec) -> Vec<String> {
        let Some(d) = self.directories.get(directory_id) else { return Vec::new() };
        group
            .group
            .members
            .iter()
            .filter_map(|m| d.user_by_id(&m.value))
            .filter(|u| !u.account_id.is_empty())
            .map(|u| u.account_id.clone())
            .collect()
    }

    /// Suspends an account's access (`membershipStatus: suspended`).
    pub(crate) fn suspend(&mut self, account_id: &str) {
        self.update_account(account_id, |a| a.membership = Membership::Suspended);
        self.record("user_access_suspended", ADMIN_ACTOR, &[(account_id, "users")]);
    }

    /// Restores a suspended account's access.
    pub(crate) fn restore(&mut self, account_id: &str) {
        self.update_account(account_id, |a| a.membership = Membership::Active);
        self.record("user_access_restored", ADMIN_ACTOR, &[(account_id, "users")]);
    }

    /// Removes an account from its directory: roles, groups and product access are lost.
    pub(crate) fn remove_from_directory(&mut self, account_id: &str) {
        self.update_account(account_id, |a| {
            a.membership = Membership::Removed;
            a.roles.clear();
            a.product_access.clear();
        });
        let ids: Vec<String> = self.org_groups.iter().map(|g| g.id.clone()).collect();
        for id in ids {
            if let Some(g) = self.org_groups.get_mut(&id) {
                g.members.remove(account_id);
            }
        }
        self.record("user_removed_from_directory", ADMIN_ACTOR, &[(account_id, "users")]);
    }
}
