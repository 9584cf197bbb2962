//! The organization around the accounts and SCIM directories: its directories, groups and
//! memberships, and the audit log every write in any of the three APIs appends to.
//!
//! One world: an account's directory is its SCIM directory when one provisions it, else the
//! org's local directory; SCIM groups appear as synced groups of their directory; a suspension
//! or a SCIM deactivation is what every API then shows.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use admin_models::org::time::OffsetDateTime;

use crate::model::{Account, Membership};
use crate::state::State;

/// The organization itself.
#[derive(Debug, Clone)]
pub(crate) struct OrgInfo {
    pub id: String,
    pub name: String,
    /// The local directory (accounts no SCIM directory provisions).
    pub directory_id: String,
    pub directory_name: String,
}

/// A group of the org's local directory (created through the Organizations API).
#[derive(Debug, Clone)]
pub(crate) struct OrgGroupRec {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Member account ids.
    pub members: BTreeSet<String>,
}

/// The org's own groups, in creation order, indexed by id and (lower-cased) name.
#[derive(Debug, Clone, Default)]
pub(crate) struct OrgGroups {
    next_seq: u64,
    groups: BTreeMap<u64, OrgGroupRec>,
    ids: HashMap<String, u64>,
    names: HashMap<String, u64>,
}

impl OrgGroups {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &OrgGroupRec> {
        self.groups.values()
    }

    pub(crate) fn get(&self, id: &str) -> Option<&OrgGroupRec> {
        self.ids.get(id).and_then(|s| self.groups.get(s))
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut OrgGroupRec> {
        self.ids.get(id).and_then(|s| self.groups.get_mut(s))
    }

    pub(crate) fn by_name(&self, name: &str) -> Option<&OrgGroupRec> {
        self.names.get(&name.to_lowercase()).and_then(|s| self.groups.get(s))
    }

    pub(crate) fn insert(&mut self, group: OrgGroupRec) {
        self.next_seq += 1;
        self.ids.insert(group.id.clone(), self.next_seq);
        self.names.insert(group.name.to_lowercase(), self.next_seq);
        self.groups.insert(self.next_seq, group);
    }

    pub(crate) fn remove(&mut self, id: &str) -> Option<OrgGroupRec> {
        let seq = self.ids.remove(id)?;
        let group = self.groups.remove(&seq)?;
        self.names.remove(&group.name.to_lowercase());
        Some(group)
    }
}

/// One audit event.
#[derive(Debug, Clone)]
pub(crate) struct EventRec {
    /// Processing order, from 1.
    pub seq: u64,
    pub id: String,
    pub time: OffsetDateTime,
    pub action: String,
    pub actor: String,
    /// `(id, type)` of what the event is about (`users`, `groups`, `directories`, …).
    pub context: Vec<(String, String)>,
}

/// The audit log. Seeding does not record; everything after the start does.
#[derive(Debug, Clone, Default)]
pub(crate) struct EventLog {
    pub recording: bool,
    events: Vec<EventRec>,
}

impl EventLog {
    /// All events in processing order.
    pub(crate) fn all(&self) -> &[EventRec] {
        &self.events
    }

    /// The highest sequence number so far (0 when empty).
    pub(crate) fn last_seq(&self) -> u64 {
        self.events.len() as u64
    }

    pub(crate) fn get(&self, id: &str) -> Option<&EventRec> {
        // Ids are `evt-<seq>`: no scan needed.
        let seq: usize = id.strip_prefix("evt-")?.parse().ok()?;
        self.events.get(seq.checked_sub(1)?).filter(|e| e.id == id)
    }
}

/// Who did it, as the audit log names the caller.
pub(crate) const ADMIN_ACTOR: &str = "org-admin-api-key";

/// The actor of a SCIM write: the directory's identity provider.
pub(crate) fn scim_actor(directory_id: &str) -> String {
    format!("scim:{directory_id}")
}

impl State {
    /// Appends an audit event (when recording: not while seeding).
    pub(crate) fn record(&mut self, action: &str, actor: &str, context: &[(&str, &str)]) {
        if !self.events.recording {
            return;
        }
        let seq = self.events.last_seq() + 1;
        self.events.events.push(EventRec {
            seq,
            id: format!("evt-{seq}"),
            time: OffsetDateTime::now_utc(),
            action: action.to_owned(),
            actor: actor.to_owned(),
            context: context.iter().map(|(id, kind)| ((*id).to_owned(), (*kind).to_owned())).collect(),
        });
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
    pub(crate) fn scim_group_anywhere(&self, id: &str) -> Option<(&str, &crate::state::ScimGroupRec)> {
        self.directories.iter().find_map(|(dir_id, d)| d.group_by_id(id).map(|g| (dir_id.as_str(), g)))
    }

    /// The account ids of a SCIM group's members.
    pub(crate) fn scim_group_accounts(
        &self,
        directory_id: &str,
        group: &crate::state::ScimGroupRec,
    ) -> Vec<String> {
        let Some(d) = self.directories.get(directory_id) else { return Vec::new() };
        group
            .group
            .members
            .iter()
            .filter_map(|m| d.user_by_id(&m.value))
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
