//! The sandbox's mutable state and the SCIM resource logic that works on it.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::model::{Account, LifecycleState};
use crate::patch::{self, PatchRules, get_ci, key_ci};
use crate::schemas;

/// A refused SCIM request: becomes a `ScimError` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScimFailure {
    pub status: u16,
    pub scim_type: Option<&'static str>,
    pub detail: String,
}

impl ScimFailure {
    pub(crate) fn new(status: u16, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        Self { status, scim_type, detail: detail.into() }
    }
    pub(crate) fn bad(scim_type: &'static str, detail: impl Into<String>) -> Self {
        Self::new(400, Some(scim_type), detail)
    }
    pub(crate) fn not_found(detail: impl Into<String>) -> Self {
        Self::new(404, None, detail)
    }
}

impl From<patch::PatchError> for ScimFailure {
    fn from(e: patch::PatchError) -> Self {
        Self::bad(e.scim_type, e.detail)
    }
}

/// A SCIM user as stored: the client's attributes minus the read-only ones.
#[derive(Debug, Clone)]
pub(crate) struct ScimUserRec {
    pub id: String,
    pub created: String,
    pub last_modified: String,
    pub account_id: String,
    pub attrs: Map<String, Value>,
}

/// A SCIM group as stored; `members` hold `{"value": userId}` only.
#[derive(Debug, Clone)]
pub(crate) struct ScimGroupRec {
    pub id: String,
    pub created: String,
    pub last_modified: String,
    pub attrs: Map<String, Value>,
}

/// One SCIM directory.
#[derive(Debug, Clone)]
pub(crate) struct Directory {
    pub key: String,
    pub users: Vec<ScimUserRec>,
    pub groups: Vec<ScimGroupRec>,
}

/// Everything the server knows.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub admin_key: String,
    pub verified_domains: Vec<String>,
    pub accounts: BTreeMap<String, Account>,
    pub directories: BTreeMap<String, Directory>,
    pub max_page_size: usize,
    pub base_url: String,
}

const USER_READ_ONLY: &[&str] = &["id", "meta", "groups", schemas::ATLASSIAN_EXTERNAL];
const GROUP_READ_ONLY: &[&str] = &["id", "meta"];

pub(crate) fn new_uuid() -> String {
    let mut b = [0u8; 16];
    for x in b.iter_mut() {
        *x = fastrand::u8(..);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

fn str_attr<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m str> {
    get_ci(map, name).and_then(Value::as_str)
}

/// The primary (or first) email of a SCIM user's attributes.
pub(crate) fn primary_email(attrs: &Map<String, Value>) -> Option<String> {
    let emails = get_ci(attrs, "emails")?.as_array()?;
    let primary = emails
        .iter()
        .find(|e| e.get("primary").and_then(Value::as_bool) == Some(true))
        .or_else(|| emails.first())?;
    primary.get("value").and_then(Value::as_str).map(str::to_string)
}

fn domain_of(email: &str) -> Option<String> {
    let (local, domain) = email.rsplit_once('@')?;
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    Some(domain.to_ascii_lowercase())
}

impl Directory {
    fn user_index(&self, id: &str) -> Result<usize, ScimFailure> {
        self.users
            .iter()
            .position(|u| u.id == id)
            .ok_or_else(|| ScimFailure::not_found(format!("User {id} not found")))
    }

    fn group_index(&self, id: &str) -> Result<usize, ScimFailure> {
        self.groups
            .iter()
            .position(|g| g.id == id)
            .ok_or_else(|| ScimFailure::not_found(format!("Group {id} not found")))
    }
}

impl State {
    pub(crate) fn is_verified(&self, domain: &str) -> bool {
        self.verified_domains.iter().any(|d| d.eq_ignore_ascii_case(domain))
    }

    fn dir(&self, dir: &str) -> Result<&Directory, ScimFailure> {
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
        body: &Value,
        self_id: Option<&str>,
    ) -> Result<Map<String, Value>, ScimFailure> {
        let mut attrs = body
            .as_object()
            .cloned()
            .ok_or_else(|| ScimFailure::bad("invalidSyntax", "A User must be a JSON object"))?;
        for ro in USER_READ_ONLY {
            if let Some(k) = key_ci(&attrs, ro) {
                attrs.remove(&k);
            }
        }
        let user_name = str_attr(&attrs, "userName").map(str::trim).unwrap_or_default().to_string();
        if user_name.is_empty() {
            return Err(ScimFailure::bad("invalidValue", "userName is required"));
        }
        let emails_ok = get_ci(&attrs, "emails").and_then(Value::as_array).is_some_and(|a| {
            !a.is_empty()
                && a.iter().all(|e| e.get("value").and_then(Value::as_str).is_some_and(|v| !v.is_empty()))
        });
        if !emails_ok {
            return Err(ScimFailure::bad(
                "invalidValue",
                "emails is required: at least one email with a 'value'",
            ));
        }
        let email = primary_email(&attrs).unwrap_or_default();
        let domain = domain_of(&email)
            .ok_or_else(|| ScimFailure::bad("invalidValue", format!("Invalid email '{email}'")))?;
        if !self.is_verified(&domain) {
            return Err(ScimFailure::bad(
                "invalidValue",
                format!("The email domain '{domain}' is not verified for this organization"),
            ));
        }
        match get_ci(&attrs, "active").cloned() {
            None | Some(Value::Null) => {
                let k = key_ci(&attrs, "active").unwrap_or_else(|| "active".into());
                attrs.insert(k, Value::Bool(true));
            }
            Some(Value::Bool(_)) => {}
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
                let k = key_ci(&attrs, "active").unwrap_or_else(|| "active".into());
                attrs.insert(k, Value::Bool(s.eq_ignore_ascii_case("true")));
            }
            Some(_) => return Err(ScimFailure::bad("invalidValue", "active must be a boolean")),
        }
        let directory = self.dir(dir)?;
        if directory.users.iter().any(|u| {
            Some(u.id.as_str()) != self_id
                && str_attr(&u.attrs, "userName").is_some_and(|n| n.eq_ignore_ascii_case(&user_name))
        }) {
            return Err(ScimFailure::new(
                409,
                Some("uniqueness"),
                format!("A user with userName '{user_name}' already exists"),
            ));
        }
        Ok(attrs)
    }

    /// Copies SCIM attributes onto the linked account.
    fn sync_account(&mut self, account_id: &str, attrs: &Map<String, Value>) {
        let Some(acct) = self.accounts.get_mut(account_id) else { return };
        let name = get_ci(attrs, "name").and_then(Value::as_object);
        let display = str_attr(attrs, "displayName")
            .map(str::to_string)
            .or_else(|| name.and_then(|n| str_attr(n, "formatted")).map(str::to_string))
            .or_else(|| {
                let given = name.and_then(|n| str_attr(n, "givenName")).unwrap_or_default();
                let family = name.and_then(|n| str_attr(n, "familyName")).unwrap_or_default();
                let full = format!("{given} {family}").trim().to_string();
                (!full.is_empty()).then_some(full)
            })
            .or_else(|| str_attr(attrs, "userName").map(str::to_string));
        if let Some(display) = display {
            acct.name = display.chars().take(100).collect();
        }
        if let Some(nick) = str_attr(attrs, "nickName") {
            acct.nickname = nick.chars().take(30).collect();
        }
        if let Some(email) = primary_email(attrs) {
            acct.email = email;
        }
        let ent = get_ci(attrs, schemas::ENTERPRISE_USER).and_then(Value::as_object);
        let pick =
            |k: &str| str_attr(attrs, k).or_else(|| ent.and_then(|e| str_attr(e, k))).map(str::to_string);
        // Only attributes the IdP sends are copied; absent ones leave the profile as it is.
        let ext = &mut acct.extended_profile;
        for (slot, value) in [
            (&mut ext.job_title, str_attr(attrs, "title").map(str::to_string)),
            (&mut ext.department, pick("department")),
            (&mut ext.organization, pick("organization")),
        ] {
            if value.is_some() {
                *slot = value;
            }
        }
        if let Some(tz) = str_attr(attrs, "timezone") {
            acct.zoneinfo = Some(tz.to_string());
        }
        if let Some(l) = str_attr(attrs, "preferredLanguage").or_else(|| str_attr(attrs, "locale")) {
            acct.locale = Some(l.to_string());
        }
        let active = get_ci(attrs, "active").and_then(Value::as_bool).unwrap_or(true);
        acct.status = match (&acct.status, active) {
            (LifecycleState::Active, false) => LifecycleState::Inactive { message: None },
            (LifecycleState::Inactive { .. }, true) => LifecycleState::Active,
            (s, _) => s.clone(),
        };
    }

    /// `POST /Users`. `id` forces the SCIM id (seeding).
    pub(crate) fn create_user(
        &mut self,
        dir: &str,
        body: &Value,
        id: Option<String>,
    ) -> Result<Value, ScimFailure> {
        let attrs = self.normalise_user(dir, body, None)?;
        let email = primary_email(&attrs).unwrap_or_default();
        let existing = self
            .accounts
            .values()
            .find(|a| a.email.eq_ignore_ascii_case(&email))
            .map(|a| a.account_id.clone());
        let account_id = match existing {
            Some(account_id) => {
                let linked = self
                    .directories
                    .values()
                    .flat_map(|d| d.users.iter())
                    .any(|u| u.account_id == account_id);
                if linked {
                    return Err(ScimFailure::new(
                        409,
                        Some("uniqueness"),
                        format!("The account for '{email}' is already provisioned by a directory"),
                    ));
                }
                account_id
            }
            None => {
                let account_id = format!("557057:{}", new_uuid());
                let user_name = str_attr(&attrs, "userName").unwrap_or_default().to_string();
                self.accounts.insert(account_id.clone(), Account::new(account_id.clone(), email, user_name));
                account_id
            }
        };
        if let Some(acct) = self.accounts.get_mut(&account_id) {
            acct.managed = true;
            acct.scim_directory = Some(dir.to_string());
        }
        self.sync_account(&account_id, &attrs);
        let id = id.unwrap_or_else(new_uuid);
        if self.dir(dir)?.users.iter().any(|u| u.id == id) {
            return Err(ScimFailure::new(
                409,
                Some("uniqueness"),
                format!("A user with id '{id}' already exists"),
            ));
        }
        let now = crate::time::now_iso();
        let rec = ScimUserRec { id: id.clone(), created: now.clone(), last_modified: now, account_id, attrs };
        self.dir_mut(dir)?.users.push(rec);
        self.get_user(dir, &id)
    }

    pub(crate) fn render_user(&self, dir: &str, rec: &ScimUserRec) -> Value {
        let mut out = rec.attrs.clone();
        let mut schema_list: Vec<Value> = vec![json!(schemas::USER)];
        if key_ci(&out, schemas::ENTERPRISE_USER).is_some() {
            schema_list.push(json!(schemas::ENTERPRISE_USER));
        }
        schema_list.push(json!(schemas::ATLASSIAN_EXTERNAL));
        if let Some(k) = key_ci(&out, "schemas")
            && let Some(Value::Array(sent)) = out.remove(&k)
        {
            for s in sent {
                if !schema_list.contains(&s) {
                    schema_list.push(s);
                }
            }
        }
        out.insert("schemas".into(), Value::Array(schema_list));
        out.insert("id".into(), json!(rec.id));
        let groups: Vec<Value> = self
            .directories
            .get(dir)
            .map(|d| {
                d.groups
                    .iter()
                    .filter(|g| group_member_ids(g).any(|m| m == rec.id))
                    .map(|g| {
                        json!({
                            "value": g.id,
                            "display": str_attr(&g.attrs, "displayName").unwrap_or_default(),
                            "type": "direct",
                            "$ref": self.location(dir, "Groups", &g.id),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !groups.is_empty() {
            out.insert("groups".into(), Value::Array(groups));
        }
        out.insert(schemas::ATLASSIAN_EXTERNAL.into(), json!({"atlassianAccountId": rec.account_id}));
        out.insert(
            "meta".into(),
            json!({
                "resourceType": "User",
                "created": rec.created,
                "lastModified": rec.last_modified,
                "location": self.location(dir, "Users", &rec.id),
            }),
        );
        Value::Object(out)
    }

    pub(crate) fn get_user(&self, dir: &str, id: &str) -> Result<Value, ScimFailure> {
        let d = self.dir(dir)?;
        let rec = &d.users[d.user_index(id)?];
        Ok(self.render_user(dir, rec))
    }

    /// All users of a directory, rendered, in creation order.
    pub(crate) fn list_users(&self, dir: &str) -> Result<Vec<(&ScimUserRec, Value)>, ScimFailure> {
        let d = self.dir(dir)?;
        Ok(d.users.iter().map(|u| (u, self.render_user(dir, u))).collect())
    }

    fn store_user(&mut self, dir: &str, id: &str, attrs: Map<String, Value>) -> Result<Value, ScimFailure> {
        let d = self.dir_mut(dir)?;
        let idx = d.user_index(id)?;
        let rec = &mut d.users[idx];
        rec.attrs = attrs.clone();
        rec.last_modified = crate::time::now_iso();
        let account_id = rec.account_id.clone();
        self.sync_account(&account_id, &attrs);
        self.get_user(dir, id)
    }

    /// `PUT /Users/{id}`.
    pub(crate) fn replace_user(&mut self, dir: &str, id: &str, body: &Value) -> Result<Value, ScimFailure> {
        let d = self.dir(dir)?;
        d.user_index(id)?;
        let attrs = self.normalise_user(dir, body, Some(id))?;
        self.store_user(dir, id, attrs)
    }

    /// `PATCH /Users/{id}`.
    pub(crate) fn patch_user(&mut self, dir: &str, id: &str, body: &Value) -> Result<Value, ScimFailure> {
        let d = self.dir(dir)?;
        let mut attrs = d.users[d.user_index(id)?].attrs.clone();
        let ops = patch::parse_request(body)?;
        let rules = PatchRules {
            core_urns: &[schemas::USER],
            extension_urns: &[schemas::ENTERPRISE_USER, schemas::ATLASSIAN_EXTERNAL],
            read_only: USER_READ_ONLY,
        };
        patch::apply(&mut attrs, &ops, &rules)?;
        let attrs = self.normalise_user(dir, &Value::Object(attrs), Some(id))?;
        self.store_user(dir, id, attrs)
    }

    /// `DELETE /Users/{id}`: removes the SCIM record, drops it from groups, deactivates and
    /// unlinks the account.
    pub(crate) fn delete_user(&mut self, dir: &str, id: &str) -> Result<(), ScimFailure> {
        let d = self.dir_mut(dir)?;
        let idx = d.user_index(id)?;
        let rec = d.users.remove(idx);
        for g in d.groups.iter_mut() {
            if let Some(Value::Array(members)) = g.attrs.get_mut("members") {
                let before = members.len();
                members.retain(|m| m.get("value").and_then(Value::as_str) != Some(id));
                if members.len() != before {
                    g.last_modified = crate::time::now_iso();
                }
            }
        }
        if let Some(acct) = self.accounts.get_mut(&rec.account_id) {
            acct.scim_directory = None;
            if acct.status == LifecycleState::Active {
                acct.status = LifecycleState::Inactive { message: None };
            }
        }
        Ok(())
    }

    // ----- groups ------------------------------------------------------------------------------

    fn normalise_group(
        &self,
        dir: &str,
        body: &Value,
        self_id: Option<&str>,
    ) -> Result<Map<String, Value>, ScimFailure> {
        let mut attrs = body
            .as_object()
            .cloned()
            .ok_or_else(|| ScimFailure::bad("invalidSyntax", "A Group must be a JSON object"))?;
        for ro in GROUP_READ_ONLY.iter().chain(["schemas"].iter()) {
            if let Some(k) = key_ci(&attrs, ro) {
                attrs.remove(&k);
            }
        }
        let name = str_attr(&attrs, "displayName").map(str::trim).unwrap_or_default().to_string();
        if name.is_empty() {
            return Err(ScimFailure::bad("invalidValue", "displayName is required"));
        }
        let d = self.dir(dir)?;
        if let Some(own) = self_id.and_then(|id| d.groups.iter().find(|g| g.id == id)) {
            let old = str_attr(&own.attrs, "displayName").unwrap_or_default();
            if old != name {
                return Err(ScimFailure::bad(
                    "mutability",
                    "Renaming a group is not supported: displayName is immutable",
                ));
            }
        }
        if d.groups.iter().any(|g| {
            Some(g.id.as_str()) != self_id
                && str_attr(&g.attrs, "displayName").is_some_and(|n| n.eq_ignore_ascii_case(&name))
        }) {
            return Err(ScimFailure::new(
                409,
                Some("uniqueness"),
                format!("A group named '{name}' already exists"),
            ));
        }
        let mut members: Vec<Value> = Vec::new();
        if let Some(k) = key_ci(&attrs, "members") {
            match attrs.remove(&k) {
                None | Some(Value::Null) => {}
                Some(Value::Array(list)) => {
                    for m in list {
                        let Some(id) = m.get("value").and_then(Value::as_str) else {
                            return Err(ScimFailure::bad(
                                "invalidValue",
                                "Each member needs a 'value' (a user id)",
                            ));
                        };
                        if !d.users.iter().any(|u| u.id == id) {
                            return Err(ScimFailure::bad(
                                "invalidValue",
                                format!("The users referenced do not exist: {id}"),
                            ));
                        }
                        let m = json!({"value": id});
                        if !members.contains(&m) {
                            members.push(m);
                        }
                    }
                }
                Some(_) => return Err(ScimFailure::bad("invalidValue", "members must be an array")),
            }
        }
        attrs.insert("members".into(), Value::Array(members));
        Ok(attrs)
    }

    /// `POST /Groups`.
    pub(crate) fn create_group(
        &mut self,
        dir: &str,
        body: &Value,
        id: Option<String>,
    ) -> Result<Value, ScimFailure> {
        let attrs = self.normalise_group(dir, body, None)?;
        let id = id.unwrap_or_else(new_uuid);
        let now = crate::time::now_iso();
        let d = self.dir_mut(dir)?;
        if d.groups.iter().any(|g| g.id == id) {
            return Err(ScimFailure::new(
                409,
                Some("uniqueness"),
                format!("A group with id '{id}' already exists"),
            ));
        }
        d.groups.push(ScimGroupRec { id: id.clone(), created: now.clone(), last_modified: now, attrs });
        self.get_group(dir, &id)
    }

    pub(crate) fn render_group(&self, dir: &str, rec: &ScimGroupRec) -> Value {
        let mut out = rec.attrs.clone();
        let users = self.directories.get(dir).map(|d| d.users.as_slice()).unwrap_or_default();
        let members: Vec<Value> = group_member_ids(rec)
            .map(|id| {
                let display = users
                    .iter()
                    .find(|u| u.id == id)
                    .and_then(|u| str_attr(&u.attrs, "displayName").or_else(|| str_attr(&u.attrs, "userName")))
                    .unwrap_or_default();
                json!({"value": id, "display": display, "type": "User", "$ref": self.location(dir, "Users", id)})
            })
            .collect();
        out.insert("members".into(), Value::Array(members));
        out.insert("schemas".into(), json!([schemas::GROUP]));
        out.insert("id".into(), json!(rec.id));
        out.insert(
            "meta".into(),
            json!({
                "resourceType": "Group",
                "created": rec.created,
                "lastModified": rec.last_modified,
                "location": self.location(dir, "Groups", &rec.id),
            }),
        );
        Value::Object(out)
    }

    pub(crate) fn get_group(&self, dir: &str, id: &str) -> Result<Value, ScimFailure> {
        let d = self.dir(dir)?;
        Ok(self.render_group(dir, &d.groups[d.group_index(id)?]))
    }

    pub(crate) fn list_groups(&self, dir: &str) -> Result<Vec<(&ScimGroupRec, Value)>, ScimFailure> {
        let d = self.dir(dir)?;
        Ok(d.groups.iter().map(|g| (g, self.render_group(dir, g))).collect())
    }

    fn store_group(&mut self, dir: &str, id: &str, attrs: Map<String, Value>) -> Result<Value, ScimFailure> {
        let d = self.dir_mut(dir)?;
        let idx = d.group_index(id)?;
        d.groups[idx].attrs = attrs;
        d.groups[idx].last_modified = crate::time::now_iso();
        self.get_group(dir, id)
    }

    /// `PUT /Groups/{id}`.
    pub(crate) fn replace_group(&mut self, dir: &str, id: &str, body: &Value) -> Result<Value, ScimFailure> {
        self.dir(dir)?.group_index(id)?;
        let attrs = self.normalise_group(dir, body, Some(id))?;
        self.store_group(dir, id, attrs)
    }

    /// `PATCH /Groups/{id}`.
    pub(crate) fn patch_group(&mut self, dir: &str, id: &str, body: &Value) -> Result<Value, ScimFailure> {
        let d = self.dir(dir)?;
        let mut attrs = d.groups[d.group_index(id)?].attrs.clone();
        let ops = patch::parse_request(body)?;
        let rules =
            PatchRules { core_urns: &[schemas::GROUP], extension_urns: &[], read_only: GROUP_READ_ONLY };
        patch::apply(&mut attrs, &ops, &rules)?;
        let attrs = self.normalise_group(dir, &Value::Object(attrs), Some(id))?;
        self.store_group(dir, id, attrs)
    }

    /// `DELETE /Groups/{id}`.
    pub(crate) fn delete_group(&mut self, dir: &str, id: &str) -> Result<(), ScimFailure> {
        let d = self.dir_mut(dir)?;
        let idx = d.group_index(id)?;
        d.groups.remove(idx);
        Ok(())
    }
}

fn group_member_ids(g: &ScimGroupRec) -> impl Iterator<Item = &str> {
    g.attrs
        .get("members")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| m.get("value").and_then(Value::as_str))
}
