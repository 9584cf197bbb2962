//! The sandbox's mutable state and the SCIM resource logic that works on it.
//!
//! SCIM resources are held as the admin-models types ([`ScimUser`], [`ScimGroup`]) with their
//! read-only attributes stripped, and rendered (id, `meta`, `groups`, members' `display`, the
//! Atlassian extension) on the way out. Every lookup a write needs is indexed (accounts by
//! email; users by id and userName; groups by id and name; a user's groups), so seeding and
//! provisioning are O(1) per resource.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use admin_models::scim::{
    ATLASSIAN_EXTERNAL_SCHEMA, AtlassianExternal, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, GroupMember,
    GroupRef, Meta, ResourceTypeName, ScimGroup, ScimType, ScimUser, USER_SCHEMA,
};
use serde_json::{Map, Value};

use crate::http::{ScimFailure, wire_id};
use crate::model::{Account, LifecycleState};
use crate::org_state::{EventLog, OrgGroups, OrgInfo, OrgPolicies, scim_actor};
use crate::patch::{self, PatchRules};

/// A SCIM user as stored: the client's attributes minus the read-only ones.
#[derive(Debug, Clone)]
pub(crate) struct ScimUserRec {
    pub id: String,
    pub created: String,
    pub last_modified: String,
    pub account_id: String,
    pub user: ScimUser,
    /// The groups (by sequence number) the user is a member of.
    groups: BTreeSet<u64>,
}

/// A SCIM group as stored; `members` hold the user id (`value`) only.
#[derive(Debug, Clone)]
pub(crate) struct ScimGroupRec {
    pub id: String,
    pub created: String,
    pub last_modified: String,
    pub group: ScimGroup,
}

/// A group as answered: the typed group (unknown attributes exactly as sent), with `members`
/// written even when empty, as Atlassian sends it.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct GroupOut {
    #[serde(flatten)]
    pub group: ScimGroup,
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<[u8; 0]>,
}

impl GroupOut {
    fn new(group: ScimGroup) -> Self {
        let members = group.members.is_empty().then_some([]);
        Self { group, members }
    }
}

/// One SCIM directory. Resources are kept in creation order (by sequence number) and indexed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Directory {
    pub key: String,
    next_seq: u64,
    users: BTreeMap<u64, ScimUserRec>,
    user_ids: HashMap<String, u64>,
    /// Lower-cased userName → sequence number.
    user_names: HashMap<String, u64>,
    /// Linked account id → sequence number.
    user_accounts: HashMap<String, u64>,
    groups: BTreeMap<u64, ScimGroupRec>,
    group_ids: HashMap<String, u64>,
    /// Lower-cased displayName → sequence number.
    group_names: HashMap<String, u64>,
    /// How many records [`users`](Self::users) and [`groups`](Self::groups) handed out: the
    /// tests' measure of scans (a write must not need any).
    visits: Cell<u64>,
}

impl Directory {
    pub(crate) fn new(key: String) -> Self {
        Self { key, ..Self::default() }
    }

    /// Makes room in the indexes for `users` more users (seeding).
    pub(crate) fn reserve(&mut self, users: usize) {
        self.user_ids.reserve(users);
        self.user_names.reserve(users);
        self.user_accounts.reserve(users);
    }

    fn user_seq(&self, id: &str) -> Result<u64, ScimFailure> {
        self.user_ids.get(id).copied().ok_or_else(|| ScimFailure::not_found(format!("User {id} not found")))
    }

    fn group_seq(&self, id: &str) -> Result<u64, ScimFailure> {
        self.group_ids.get(id).copied().ok_or_else(|| ScimFailure::not_found(format!("Group {id} not found")))
    }

    /// The users, in creation order.
    pub(crate) fn users(&self) -> impl DoubleEndedIterator<Item = &ScimUserRec> + ExactSizeIterator {
        self.users.values().inspect(|_| self.visits.set(self.visits.get() + 1))
    }

    /// The groups, in creation order.
    pub(crate) fn groups(&self) -> impl DoubleEndedIterator<Item = &ScimGroupRec> + ExactSizeIterator {
        self.groups.values().inspect(|_| self.visits.set(self.visits.get() + 1))
    }

    /// The user whose userName is `name` (case-insensitive).
    pub(crate) fn user_by_name(&self, name: &str) -> Option<&ScimUserRec> {
        self.user_names.get(&name.to_lowercase()).and_then(|seq| self.users.get(seq))
    }

    /// The user linked to the account `account_id`.
    pub(crate) fn user_by_account(&self, account_id: &str) -> Option<&ScimUserRec> {
        self.user_accounts.get(account_id).and_then(|seq| self.users.get(seq))
    }

    /// The user with SCIM id `id`.
    pub(crate) fn user_by_id(&self, id: &str) -> Option<&ScimUserRec> {
        self.user_ids.get(id).and_then(|seq| self.users.get(seq))
    }

    /// The group with SCIM id `id`.
    pub(crate) fn group_by_id(&self, id: &str) -> Option<&ScimGroupRec> {
        self.group_ids.get(id).and_then(|seq| self.groups.get(seq))
    }

    /// The groups (sequence numbers resolved) a user belongs to.
    pub(crate) fn groups_of<'a>(
        &'a self,
        user: &'a ScimUserRec,
    ) -> impl Iterator<Item = &'a ScimGroupRec> + 'a {
        user.groups.iter().filter_map(|seq| self.groups.get(seq))
    }

    /// The group whose displayName is `name` (case-insensitive).
    pub(crate) fn group_by_name(&self, name: &str) -> Option<&ScimGroupRec> {
        self.group_names.get(&name.to_lowercase()).and_then(|seq| self.groups.get(seq))
    }

    fn take_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Points the user → groups index at `group`'s current members.
    fn index_members(&mut self, group_seq: u64, old: &[GroupMember], new: &[GroupMember]) {
        for m in old {
            if let Some(rec) = self.user_ids.get(&m.value).and_then(|s| self.users.get_mut(s)) {
                rec.groups.remove(&group_seq);
            }
        }
        for m in new {
            if let Some(rec) = self.user_ids.get(&m.value).and_then(|s| self.users.get_mut(s)) {
                rec.groups.insert(group_seq);
            }
        }
    }
}

/// Everything the server knows.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub admin_key: String,
    pub verified_domains: Vec<String>,
    accounts: BTreeMap<String, Account>,
    /// Lower-cased email → account id.
    accounts_by_email: HashMap<String, String>,
    pub directories: BTreeMap<String, Directory>,
    pub max_page_size: usize,
    pub base_url: String,
    pub org: OrgInfo,
    pub org_groups: OrgGroups,
    /// Roles granted to groups (own or synced), by group id: `(resourceId, roleId)`.
    pub group_roles: BTreeMap<String, BTreeSet<(String, String)>>,
    pub policies: OrgPolicies,
    pub events: EventLog,
    /// How many accounts [`accounts`](Self::accounts) handed out (see [`Directory`]'s).
    visits: Cell<u64>,
}

/// A random (version 4) UUID.
pub(crate) fn new_uuid() -> String {
    let v = (fastrand::u128(..) & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        v >> 96,
        (v >> 80) & 0xffff,
        (v >> 64) & 0xffff,
        (v >> 48) & 0xffff,
        v & 0xffff_ffff_ffff
    )
}

fn domain_of(email: &str) -> Option<String> {
    let (local, domain) = email.rsplit_once('@')?;
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    Some(domain.to_ascii_lowercase())
}

/// The primary email of a user that passed [`State::normalise_user`].
fn primary_email(user: &ScimUser) -> String {
    user.emails.iter().find(|e| e.primary == Some(true)).map(|e| e.value.clone()).unwrap_or_default()
}

/// Reads a resource as `T`; one of the wrong shape is a 400 `invalidValue`.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(body: Value, what: &str) -> Result<T, ScimFailure> {
    if !body.is_object() {
        return Err(ScimFailure::bad(ScimType::InvalidSyntax, format!("A {what} must be a JSON object")));
    }
    serde_json::from_value(body)
        .map_err(|e| ScimFailure::bad(ScimType::InvalidValue, format!("Invalid {what}: {e}")))
}

/// Reads a request body (valid JSON) as `T` straight from its bytes, so that unknown
/// attributes are kept exactly as sent (numbers included).
pub(crate) fn decode_bytes<T: serde::de::DeserializeOwned>(
    body: &[u8],
    what: &str,
) -> Result<T, ScimFailure> {
    if body.trim_ascii_start().first() != Some(&b'{') {
        return Err(ScimFailure::bad(ScimType::InvalidSyntax, format!("A {what} must be a JSON object")));
    }
    serde_json::from_slice(body)
        .map_err(|e| ScimFailure::bad(ScimType::InvalidValue, format!("Invalid {what}: {e}")))
}

fn to_object<T: serde::Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

impl State {
    pub(crate) fn new(
        admin_key: String,
        verified_domains: Vec<String>,
        max_page_size: usize,
        base_url: String,
        org: OrgInfo,
    ) -> Self {
        Self {
            admin_key,
            verified_domains,
            accounts: BTreeMap::new(),
            accounts_by_email: HashMap::new(),
            directories: BTreeMap::new(),
            max_page_size,
            base_url,
            org,
            org_groups: OrgGroups::default(),
            group_roles: BTreeMap::new(),
            policies: OrgPolicies::default(),
            events: EventLog::default(),
            visits: Cell::new(0),
        }
    }

    /// How many records (accounts, SCIM users and groups) were visited by scans so far.
    #[cfg(test)]
    pub(crate) fn visits(&self) -> u64 {
        self.visits.get() + self.directories.values().map(|d| d.visits.get()).sum::<u64>()
    }

    pub(crate) fn is_verified(&self, domain: &str) -> bool {
        self.verified_domains.iter().any(|d| d.eq_ignore_ascii_case(domain))
    }

    // ----- accounts ----------------------------------------------------------------------------

    /// Makes room in the email index for `accounts` more accounts (seeding).
    pub(crate) fn reserve_accounts(&mut self, accounts: usize) {
        self.accounts_by_email.reserve(accounts);
    }

    /// Adds or replaces an account, keeping the email index.
    pub(crate) fn put_account(&mut self, account: Account) {
        if let Some(old) = self.accounts.get(&account.account_id) {
            self.accounts_by_email.remove(&old.email.to_lowercase());
        }
        self.accounts_by_email.insert(account.email.to_lowercase(), account.account_id.clone());
        self.accounts.insert(account.account_id.clone(), account);
    }

    pub(crate) fn account(&self, account_id: &str) -> Option<&Account> {
        self.accounts.get(account_id)
    }

    /// The account with this email (case-insensitive).
    pub(crate) fn account_by_email(&self, email: &str) -> Option<&Account> {
        self.accounts_by_email.get(&email.to_lowercase()).and_then(|id| self.accounts.get(id))
    }

    pub(crate) fn accounts(&self) -> impl Iterator<Item = &Account> {
        self.accounts.values().inspect(|_| self.visits.set(self.visits.get() + 1))
    }

    /// Changes an account in place. Its email may change: the index follows.
    pub(crate) fn update_account<R>(
        &mut self,
        account_id: &str,
        f: impl FnOnce(&mut Account) -> R,
    ) -> Option<R> {
        let acct = self.accounts.get_mut(account_id)?;
        let before = acct.email.clone();
        let result = f(acct);
        if acct.email != before {
            self.accounts_by_email.remove(&before.to_lowercase());
            self.accounts_by_email.insert(acct.email.to_lowercase(), account_id.to_owned());
        }
        Some(result)
    }

    /// Changes every account in place (emails must not change).
    pub(crate) fn accounts_mut(&mut self) -> impl Iterator<Item = &mut Account> {
        self.accounts.values_mut()
    }

    // ----- directories -------------------------------------------------------------------------

    pub(crate) fn dir(&self, dir: &str) -> Result<&Directory, ScimFailure> {
        self.directories.get(dir).ok_or_else(|| ScimFailure::not_found(format!("Directory {dir} not found")))
    }

    fn dir_mut(&mut self, dir: &str) -> Result<&mut Directory, ScimFailure> {
        self.directories
            .get_mut(dir)
            .ok_or_else(|| ScimFailure::not_found(format!("Directory {dir} not found")))
    }

    fn location(&self, dir: &str, kind: &str, id: &str) -> String {
        format!("{}/scim/directory/{dir}/{kind}/{id}", self.base_url)
    }

    // ----- users -------------------------------------------------------------------------------

    /// Validates and normalises a full user representation (POST/PUT, or the result of a PATCH).
    fn normalise_user(
        &self,
        dir: &str,
        mut user: ScimUser,
        self_id: Option<&str>,
    ) -> Result<ScimUser, ScimFailure> {
        // Read-only attributes are the server's: ignored when sent.
        user.id = None;
        user.meta = None;
        user.groups.clear();
        user.atlassian = None;
        user.user_name = user.user_name.trim().to_owned();
        if user.user_name.is_empty() {
            return Err(ScimFailure::bad(ScimType::InvalidValue, "userName is required"));
        }
        if user.emails.is_empty() || user.emails.iter().any(|e| e.value.is_empty()) {
            return Err(ScimFailure::bad(
                ScimType::InvalidValue,
                "emails is required: at least one email with a 'value'",
            ));
        }
        // Atlassian's words (issue 11, item 16).
        if !user.emails.iter().any(|e| e.primary == Some(true)) {
            return Err(ScimFailure::bad(
                ScimType::InvalidValue,
                "One email address need to be marked as primary",
            ));
        }
        let email = primary_email(&user);
        let domain = domain_of(&email)
            .ok_or_else(|| ScimFailure::bad(ScimType::InvalidValue, format!("Invalid email '{email}'")))?;
        if !self.is_verified(&domain) {
            return Err(ScimFailure::bad(
                ScimType::InvalidValue,
                format!("The email domain '{domain}' is not verified for this organization"),
            ));
        }
        user.active.get_or_insert(true);
        if let Some(other) = self.dir(dir)?.user_by_name(&user.user_name)
            && Some(other.id.as_str()) != self_id
        {
            return Err(ScimFailure::conflict(format!(
                "A user with userName '{}' already exists",
                user.user_name
            )));
        }
        Ok(user)
    }

    /// Copies SCIM attributes onto the linked account.
    fn sync_account(&mut self, account_id: &str, user: &ScimUser) {
        self.update_account(account_id, |acct| {
            let name = user.name.as_ref();
            let display = user
                .display_name
                .clone()
                .or_else(|| name.and_then(|n| n.formatted.clone()))
                .or_else(|| {
                    let given = name.and_then(|n| n.given_name.as_deref()).unwrap_or_default();
                    let family = name.and_then(|n| n.family_name.as_deref()).unwrap_or_default();
                    let full = format!("{given} {family}").trim().to_string();
                    (!full.is_empty()).then_some(full)
                })
                .unwrap_or_else(|| user.user_name.clone());
            acct.name = display.chars().take(100).collect();
            if let Some(nick) = &user.nick_name {
                acct.nickname = nick.chars().take(30).collect();
            }
            acct.email = primary_email(user);
            let ent = user.enterprise.as_ref();
            // Only attributes the IdP sends are copied; absent ones leave the profile as it is.
            let ext = &mut acct.extended_profile;
            for (slot, value) in [
                (&mut ext.job_title, user.title.clone()),
                (
                    &mut ext.department,
                    user.department.clone().or_else(|| ent.and_then(|e| e.department.clone())),
                ),
                (
                    &mut ext.organization,
                    user.organization.clone().or_else(|| ent.and_then(|e| e.organization.clone())),
                ),
            ] {
                if value.is_some() {
                    *slot = value;
                }
            }
            if let Some(tz) = &user.timezone {
                acct.zoneinfo = Some(tz.clone());
            }
            let locale = user.preferred_language.clone().or_else(|| {
                user.extra
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("locale"))
                    .and_then(|(_, v)| serde_json::from_str::<String>(v.get()).ok())
            });
            if let Some(l) = locale {
                acct.locale = Some(l);
            }
            acct.status = match (&acct.status, user.is_active()) {
                (LifecycleState::Active, false) => LifecycleState::Inactive { message: None },
                (LifecycleState::Inactive { .. }, true) => LifecycleState::Active,
                (s, _) => s.clone(),
            };
        });
    }

    /// `POST /Users`: the created user, rendered.
    pub(crate) fn create_user(&mut self, dir: &str, user: ScimUser) -> Result<ScimUser, ScimFailure> {
        let id = self.add_user(dir, user, None)?;
        self.get_user(dir, &id)
    }

    /// Creates a user (`id` forces the SCIM id, for seeding) and returns its id.
    pub(crate) fn add_user(
        &mut self,
        dir: &str,
        user: ScimUser,
        id: Option<String>,
    ) -> Result<String, ScimFailure> {
        let user = self.normalise_user(dir, user, None)?;
        let id = id.unwrap_or_else(new_uuid);
        if self.dir(dir)?.user_ids.contains_key(&id) {
            return Err(ScimFailure::conflict(format!("A user with id '{id}' already exists")));
        }
        let email = primary_email(&user);
        let account_id = match self.account_by_email(&email) {
            Some(acct) if acct.is_scim_managed() => {
                return Err(ScimFailure::conflict(format!(
                    "The account for '{email}' is already provisioned by a directory"
                )));
            }
            Some(acct) => acct.account_id.clone(),
            None => {
                let account_id = format!("557057:{}", new_uuid());
                self.put_account(Account::new(account_id.clone(), email, user.user_name.clone()));
                account_id
            }
        };
        self.update_account(&account_id, |acct| {
            acct.managed = true;
            acct.scim_directory = Some(dir.to_string());
        });
        self.sync_account(&account_id, &user);
        let now = crate::time::now_iso();
        let d = self.dir_mut(dir)?;
        let seq = d.take_seq();
        d.user_ids.insert(id.clone(), seq);
        d.user_names.insert(user.user_name.to_lowercase(), seq);
        let rec = ScimUserRec {
            id: id.clone(),
            created: now.clone(),
            last_modified: now,
            account_id,
            user,
            groups: BTreeSet::new(),
        };
        d.user_accounts.insert(rec.account_id.clone(), seq);
        d.users.insert(seq, rec);
        let account_id = d.users[&seq].account_id.clone();
        self.record("user_provisioned", &scim_actor(dir), &[(&account_id, "users"), (dir, "directories")]);
        Ok(id)
    }

    /// The wire form of a stored user.
    pub(crate) fn render_user(&self, dir: &str, rec: &ScimUserRec) -> ScimUser {
        let mut out = rec.user.clone();
        let sent = std::mem::take(&mut out.schemas);
        out.add_schema(USER_SCHEMA);
        if out.enterprise.is_some() {
            out.add_schema(ENTERPRISE_USER_SCHEMA);
        }
        out.add_schema(ATLASSIAN_EXTERNAL_SCHEMA);
        for s in &sent {
            out.add_schema(s);
        }
        out.id = Some(wire_id(&rec.id));
        if let Some(d) = self.directories.get(dir) {
            out.groups = rec
                .groups
                .iter()
                .filter_map(|seq| d.groups.get(seq))
                .map(|g| GroupRef {
                    value: g.id.clone(),
                    display: Some(g.group.display_name.clone()),
                    reference: Some(self.location(dir, "Groups", &g.id)),
                    kind: Some("direct".to_owned()),
                    extra: Default::default(),
                })
                .collect();
        }
        out.atlassian = Some(AtlassianExternal {
            // An unlinked user (`…/unlink`) has no account.
            atlassian_account_id: (!rec.account_id.is_empty()).then(|| wire_id(&rec.account_id)),
            extra: Default::default(),
        });
        out.meta = Some(Meta {
            resource_type: Some(ResourceTypeName::user()),
            created: Some(rec.created.clone()),
            last_modified: Some(rec.last_modified.clone()),
            location: Some(self.location(dir, "Users", &rec.id)),
            version: None,
            extra: Default::default(),
        });
        out
    }

    pub(crate) fn get_user(&self, dir: &str, id: &str) -> Result<ScimUser, ScimFailure> {
        let d = self.dir(dir)?;
        let rec = &d.users[&d.user_seq(id)?];
        Ok(self.render_user(dir, rec))
    }

    fn store_user(&mut self, dir: &str, id: &str, user: ScimUser) -> Result<ScimUser, ScimFailure> {
        let d = self.dir_mut(dir)?;
        let seq = d.user_seq(id)?;
        let Some(rec) = d.users.get_mut(&seq) else {
            return Err(ScimFailure::not_found(format!("User {id} not found")));
        };
        let old_name = rec.user.user_name.to_lowercase();
        rec.user = user.clone();
        rec.last_modified = crate::time::now_iso();
        let account_id = rec.account_id.clone();
        d.user_names.remove(&old_name);
        d.user_names.insert(user.user_name.to_lowercase(), seq);
        self.sync_account(&account_id, &user);
        self.record("user_updated", &scim_actor(dir), &[(&account_id, "users"), (dir, "directories")]);
        self.get_user(dir, id)
    }

    /// `PUT /Users/{id}`.
    pub(crate) fn replace_user(
        &mut self,
        dir: &str,
        id: &str,
        user: ScimUser,
    ) -> Result<ScimUser, ScimFailure> {
        self.dir(dir)?.user_seq(id)?;
        let user = self.normalise_user(dir, user, Some(id))?;
        self.store_user(dir, id, user)
    }

    /// `PATCH /Users/{id}`.
    pub(crate) fn patch_user(&mut self, dir: &str, id: &str, body: Value) -> Result<ScimUser, ScimFailure> {
        let d = self.dir(dir)?;
        let mut attrs = to_object(&d.users[&d.user_seq(id)?].user);
        let ops = patch::parse_request(body)?;
        let rules = PatchRules {
            core_urns: &[USER_SCHEMA],
            extension_urns: &[ENTERPRISE_USER_SCHEMA, ATLASSIAN_EXTERNAL_SCHEMA],
            read_only: &["id", "meta", "groups", ATLASSIAN_EXTERNAL_SCHEMA],
        };
        patch::apply(&mut attrs, &ops, &rules)?;
        let user = self.normalise_user(dir, decode(Value::Object(attrs), "User")?, Some(id))?;
        self.store_user(dir, id, user)
    }

    /// `DELETE /Users/{id}`: removes the SCIM record, drops it from groups, deactivates and
    /// unlinks the account.
    pub(crate) fn delete_user(&mut self, dir: &str, id: &str) -> Result<(), ScimFailure> {
        let rec = self.remove_user_record(dir, id)?;
        if rec.account_id.is_empty() {
            // Unlinked: no account to deprovision.
            self.record("user_deprovisioned", &scim_actor(dir), &[(dir, "directories")]);
            return Ok(());
        }
        self.update_account(&rec.account_id, |acct| {
            acct.scim_directory = None;
            if acct.status == LifecycleState::Active {
                acct.status = LifecycleState::Inactive { message: None };
            }
        });
        self.record(
            "user_deprovisioned",
            &scim_actor(dir),
            &[(&rec.account_id, "users"), (dir, "directories")],
        );
        Ok(())
    }

    /// Removes a SCIM user's record (and its group memberships) from `dir`, nothing else.
    fn remove_user_record(&mut self, dir: &str, id: &str) -> Result<ScimUserRec, ScimFailure> {
        let d = self.dir_mut(dir)?;
        let seq = d.user_seq(id)?;
        d.user_ids.remove(id);
        let Some(rec) = d.users.remove(&seq) else {
            return Err(ScimFailure::not_found(format!("User {id} not found")));
        };
        d.user_names.remove(&rec.user.user_name.to_lowercase());
        d.user_accounts.remove(&rec.account_id);
        let now = crate::time::now_iso();
        for seq in &rec.groups {
            if let Some(g) = d.groups.get_mut(seq) {
                g.group.members.retain(|m| m.value != id);
                g.last_modified = now.clone();
            }
        }
        Ok(rec)
    }

    /// Unlinks SCIM user `id` of `dir` from its account (`PATCH …/unlink`): both stay; the
    /// account is no longer managed by the directory, and the user's later changes no longer
    /// reach it. Returns the account id it was linked to (empty if none).
    pub(crate) fn unlink_user(&mut self, dir: &str, id: &str) -> Result<String, ScimFailure> {
        let d = self.dir_mut(dir)?;
        let seq = d.user_seq(id)?;
        let Some(rec) = d.users.get_mut(&seq) else {
            return Err(ScimFailure::not_found(format!("User {id} not found")));
        };
        let account_id = std::mem::take(&mut rec.account_id);
        d.user_accounts.remove(&account_id);
        self.update_account(&account_id, |acct| {
            if acct.scim_directory.as_deref() == Some(dir) {
                acct.scim_directory = None;
            }
        });
        Ok(account_id)
    }

    /// Deletes the SCIM records linked to `account_id` in every directory (`DELETE
    /// …/onlyDeleteUserInDB`), leaving the account as it is (active, no longer SCIM-managed).
    /// Returns the directories that had one.
    pub(crate) fn delete_user_records(&mut self, account_id: &str) -> Vec<String> {
        let found: Vec<(String, String)> = self
            .directories
            .iter()
            .filter_map(|(dir, d)| d.user_by_account(account_id).map(|u| (dir.clone(), u.id.clone())))
            .collect();
        for (dir, id) in &found {
            // Found just above: cannot fail.
            let _ = self.remove_user_record(dir, id);
        }
        self.update_account(account_id, |acct| acct.scim_directory = None);
        found.into_iter().map(|(dir, _)| dir).collect()
    }

    // ----- groups ------------------------------------------------------------------------------

    fn normalise_group(
        &self,
        dir: &str,
        mut group: ScimGroup,
        self_id: Option<&str>,
    ) -> Result<ScimGroup, ScimFailure> {
        group.id = None;
        group.meta = None;
        group.schemas.clear();
        group.display_name = group.display_name.trim().to_owned();
        if group.display_name.is_empty() {
            return Err(ScimFailure::bad(ScimType::InvalidValue, "displayName is required"));
        }
        let d = self.dir(dir)?;
        if let Some(own) = self_id.and_then(|id| d.group_ids.get(id)).and_then(|s| d.groups.get(s))
            && own.group.display_name != group.display_name
        {
            return Err(ScimFailure::bad(
                ScimType::Mutability,
                "Renaming a group is not supported: displayName is immutable",
            ));
        }
        if let Some(other) = d.group_by_name(&group.display_name)
            && Some(other.id.as_str()) != self_id
        {
            return Err(ScimFailure::conflict(format!(
                "A group named '{}' already exists",
                group.display_name
            )));
        }
        let mut members: Vec<GroupMember> = Vec::with_capacity(group.members.len());
        let mut seen = BTreeSet::new();
        for m in std::mem::take(&mut group.members) {
            if m.value.is_empty() {
                return Err(ScimFailure::bad(
                    ScimType::InvalidValue,
                    "Each member needs a 'value' (a user id)",
                ));
            }
            if !d.user_ids.contains_key(&m.value) {
                return Err(ScimFailure::bad(
                    ScimType::InvalidValue,
                    format!("The users referenced do not exist: {}", m.value),
                ));
            }
            if seen.insert(m.value.clone()) {
                members.push(GroupMember::new(m.value));
            }
        }
        group.members = members;
        Ok(group)
    }

    /// `POST /Groups`.
    pub(crate) fn create_group(
        &mut self,
        dir: &str,
        group: ScimGroup,
        id: Option<String>,
    ) -> Result<GroupOut, ScimFailure> {
        let group = self.normalise_group(dir, group, None)?;
        let id = id.unwrap_or_else(new_uuid);
        let now = crate::time::now_iso();
        let d = self.dir_mut(dir)?;
        if d.group_ids.contains_key(&id) {
            return Err(ScimFailure::conflict(format!("A group with id '{id}' already exists")));
        }
        let seq = d.take_seq();
        d.group_ids.insert(id.clone(), seq);
        d.group_names.insert(group.display_name.to_lowercase(), seq);
        d.index_members(seq, &[], &group.members);
        d.groups
            .insert(seq, ScimGroupRec { id: id.clone(), created: now.clone(), last_modified: now, group });
        self.get_group(dir, &id)
    }

    /// The wire form of a stored group.
    pub(crate) fn render_group(&self, dir: &str, rec: &ScimGroupRec) -> ScimGroup {
        let mut out = rec.group.clone();
        let d = self.directories.get(dir);
        for m in &mut out.members {
            let user = d.and_then(|d| d.user_ids.get(&m.value).and_then(|s| d.users.get(s)));
            let display =
                user.map(|u| u.user.display_name.clone().unwrap_or_else(|| u.user.user_name.clone()));
            m.display = Some(display.unwrap_or_default());
            m.kind = Some("User".to_owned());
            m.reference = Some(self.location(dir, "Users", &m.value));
        }
        out.schemas = vec![GROUP_SCHEMA.to_owned()];
        out.id = Some(wire_id(&rec.id));
        out.meta = Some(Meta {
            resource_type: Some(ResourceTypeName::group()),
            created: Some(rec.created.clone()),
            last_modified: Some(rec.last_modified.clone()),
            location: Some(self.location(dir, "Groups", &rec.id)),
            version: None,
            extra: Default::default(),
        });
        out
    }

    /// A group as answered.
    pub(crate) fn group_json(&self, dir: &str, rec: &ScimGroupRec) -> GroupOut {
        GroupOut::new(self.render_group(dir, rec))
    }

    pub(crate) fn get_group(&self, dir: &str, id: &str) -> Result<GroupOut, ScimFailure> {
        let d = self.dir(dir)?;
        Ok(self.group_json(dir, &d.groups[&d.group_seq(id)?]))
    }

    fn store_group(&mut self, dir: &str, id: &str, group: ScimGroup) -> Result<GroupOut, ScimFailure> {
        let d = self.dir_mut(dir)?;
        let seq = d.group_seq(id)?;
        let old = d.groups.get(&seq).map(|g| g.group.members.clone()).unwrap_or_default();
        d.index_members(seq, &old, &group.members);
        if let Some(rec) = d.groups.get_mut(&seq) {
            rec.group = group;
            rec.last_modified = crate::time::now_iso();
        }
        self.record("group_updated", &scim_actor(dir), &[(id, "groups"), (dir, "directories")]);
        self.get_group(dir, id)
    }

    /// `PUT /Groups/{id}`.
    pub(crate) fn replace_group(
        &mut self,
        dir: &str,
        id: &str,
        group: ScimGroup,
    ) -> Result<GroupOut, ScimFailure> {
        self.dir(dir)?.group_seq(id)?;
        let group = self.normalise_group(dir, group, Some(id))?;
        self.store_group(dir, id, group)
    }

    /// `PATCH /Groups/{id}`.
    pub(crate) fn patch_group(&mut self, dir: &str, id: &str, body: Value) -> Result<GroupOut, ScimFailure> {
        let d = self.dir(dir)?;
        let mut attrs = to_object(&d.groups[&d.group_seq(id)?].group);
        let ops = patch::parse_request(body)?;
        let rules =
            PatchRules { core_urns: &[GROUP_SCHEMA], extension_urns: &[], read_only: &["id", "meta"] };
        patch::apply(&mut attrs, &ops, &rules)?;
        let group = self.normalise_group(dir, decode(Value::Object(attrs), "Group")?, Some(id))?;
        self.store_group(dir, id, group)
    }

    /// `DELETE /Groups/{id}`.
    pub(crate) fn delete_group(&mut self, dir: &str, id: &str) -> Result<(), ScimFailure> {
        let d = self.dir_mut(dir)?;
        let seq = d.group_seq(id)?;
        d.group_ids.remove(id);
        if let Some(rec) = d.groups.remove(&seq) {
            d.group_names.remove(&rec.group.display_name.to_lowercase());
            d.index_members(seq, &rec.group.members, &[]);
        }
        self.group_roles.remove(id);
        self.record("group_deleted", &scim_actor(dir), &[(id, "groups"), (dir, "directories")]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org_state::OrgInfo;
    use serde_json::json;

    fn state_with(n: usize) -> State {
        let org = OrgInfo {
            id: "o".into(),
            name: "O".into(),
            directory_id: "l".into(),
            directory_name: "L".into(),
        };
        let mut state = State::new("k".into(), vec!["acme.test".into()], 100, "http://x".into(), org);
        state.directories.insert("d".into(), Directory::new("key".into()));
        for i in 0..n {
            if i % 2 == 0 {
                state.put_account(Account::new(format!("a-{i}"), format!("USER{i}@acme.test"), "x"));
            }
            let user = json!({"userName": format!("user{i}@acme.test"), "emails": [{"value": format!("user{i}@acme.test"), "primary": true}]});
            state.add_user("d", decode(user, "User").unwrap(), None).unwrap();
        }
        state
    }

    /// Creating a user looks everything up through indexes: however many users and accounts
    /// exist, no existing record is visited (the 10,000-users-in-22-s seeding scanned them all).
    #[test]
    fn provisioning_visits_no_existing_record() {
        let mut state = state_with(3_000);
        assert_eq!(state.visits(), 0, "seeding 3,000 users scanned nothing");
        let group = json!({"displayName": "g", "members": [{"value": state.dir("d").unwrap().user_by_name("user7@acme.test").unwrap().id}]});
        state.create_group("d", decode(group, "Group").unwrap(), None).unwrap();
        let user = json!({"userName": "new@acme.test", "emails": [{"value": "USER2998@acme.test", "primary": true}]});
        // The email belongs to a provisioned account: refused, still without a scan.
        assert!(state.add_user("d", decode(user, "User").unwrap(), None).is_err());
        assert_eq!(state.visits(), 0);
        // A scan is counted (the measure works).
        assert_eq!(state.accounts().count(), 3_000);
        assert_eq!(state.visits(), 3_000);
    }

    #[test]
    fn uuids_are_version_4() {
        for _ in 0..100 {
            let id = new_uuid();
            let parts: Vec<&str> = id.split('-').collect();
            assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{id}");
            assert!(parts[2].starts_with('4'), "{id}");
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{id}");
        }
    }
}
