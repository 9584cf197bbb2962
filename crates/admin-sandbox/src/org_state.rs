//! The organization's own records: the org, its groups, and the audit log every write in any
//! of the three APIs appends to. (What the state does with them: [`crate::state_org`].)

use std::collections::{BTreeMap, BTreeSet, HashMap};

use admin_models::org::Policy;
use admin_models::org::time::OffsetDateTime;

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

/// The org's policies (admin-models [`Policy`] as stored, unknown members included), in
/// creation order, indexed by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct OrgPolicies {
    next_seq: u64,
    policies: BTreeMap<u64, Policy>,
    ids: HashMap<String, u64>,
}

impl OrgPolicies {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Policy> {
        self.policies.values()
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Policy> {
        self.ids.get(id).and_then(|s| self.policies.get(s))
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Policy> {
        self.ids.get(id).and_then(|s| self.policies.get_mut(s))
    }

    pub(crate) fn insert(&mut self, policy: Policy) {
        self.next_seq += 1;
        self.ids.insert(policy.id.as_str().to_owned(), self.next_seq);
        self.policies.insert(self.next_seq, policy);
    }

    pub(crate) fn remove(&mut self, id: &str) -> Option<Policy> {
        let seq = self.ids.remove(id)?;
        self.policies.remove(&seq)
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

    /// Appends an event, now, after the last one. `action` is one of [`ACTIONS`].
    pub(crate) fn push(&mut self, action: &str, actor: &str, context: &[(&str, &str)]) {
        debug_assert!(ACTIONS.iter().any(|(a, _)| *a == action), "{action} is not in ACTIONS");
        let seq = self.last_seq() + 1;
        self.events.push(EventRec {
            seq,
            id: format!("evt-{seq}"),
            time: OffsetDateTime::now_utc(),
            action: action.to_owned(),
            actor: actor.to_owned(),
            context: context.iter().map(|(id, kind)| ((*id).to_owned(), (*kind).to_owned())).collect(),
        });
    }

    pub(crate) fn get(&self, id: &str) -> Option<&EventRec> {
        // Ids are `evt-<seq>`: no scan needed.
        let seq: usize = id.strip_prefix("evt-")?.parse().ok()?;
        self.events.get(seq.checked_sub(1)?).filter(|e| e.id == id)
    }
}

/// Every action the audit log records, with its display name (`GET …/event-actions`).
pub(crate) const ACTIONS: &[(&str, &str)] = &[
    ("user_provisioned", "User provisioned by an identity provider"),
    ("user_updated", "User updated by an identity provider"),
    ("user_deprovisioned", "User deprovisioned by an identity provider"),
    ("group_created", "Group created"),
    ("group_updated", "Group updated"),
    ("group_deleted", "Group deleted"),
    ("user_profile_updated", "User profile updated"),
    ("user_email_changed", "User email changed"),
    ("user_deactivated", "User account deactivated"),
    ("user_activated", "User account activated"),
    ("user_deletion_scheduled", "User account scheduled for deletion"),
    ("user_deletion_cancelled", "User account deletion cancelled"),
    ("api_token_revoked", "API token revoked"),
    ("user_access_suspended", "User access suspended"),
    ("user_access_restored", "User access restored"),
    ("user_removed_from_directory", "User removed from directory"),
    ("user_added_to_group", "User added to group"),
    ("user_removed_from_group", "User removed from group"),
    ("role_assigned", "Role assigned"),
    ("role_revoked", "Role revoked"),
    ("user_invited", "User invited"),
    ("policy_created", "Policy created"),
    ("policy_updated", "Policy updated"),
    ("policy_deleted", "Policy deleted"),
    ("policy_resource_added", "Resource added to policy"),
    ("policy_resource_updated", "Policy resource updated"),
    ("policy_resource_removed", "Resource removed from policy"),
    ("scim_user_unlinked", "SCIM user unlinked from account"),
    ("scim_user_record_deleted", "SCIM user record deleted"),
];

/// Who did it, as the audit log names the caller.
pub(crate) const ADMIN_ACTOR: &str = "org-admin-api-key";

/// The actor of a SCIM write: the directory's identity provider.
pub(crate) fn scim_actor(directory_id: &str) -> String {
    format!("scim:{directory_id}")
}
