//! A stateful, in-memory fake of Atlassian's three Admin Cloud APIs — **user management**
//! (`/users/{account_id}/manage…`), **user provisioning** (SCIM 2.0,
//! `/scim/directory/{directoryId}/…`) and the **Organizations** API (`/admin/v1|v2/orgs/…`) —
//! over one world (one organization, its directories, accounts, groups and audit log), for
//! tests and for demos without credentials.
//!
//! The server runs on its own thread with its own Tokio runtime, so blocking and async callers
//! can both use it. [`SandboxBuilder::start`] binds `127.0.0.1` on a free port (or the one given)
//! and returns a [`SandboxHandle`]; dropping the handle shuts the server down.
//!
//! ```
//! use admin_sandbox::{Sandbox, demo};
//!
//! let sandbox = Sandbox::demo().expect("sandbox starts");
//! let agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
//!
//! // User management, with the org admin key.
//! let url = format!("{}/users/{}/manage/profile", sandbox.base_url(), demo::ACCOUNT_ID);
//! let mut resp = agent
//!     .get(&url)
//!     .header("Authorization", &format!("Bearer {}", sandbox.admin_key()))
//!     .call()
//!     .unwrap();
//! assert_eq!(resp.status(), 200);
//! let body: serde_json::Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
//! assert_eq!(body["account"]["nickname"], "marshmallow");
//!
//! // SCIM, with the directory's key.
//! let url = format!("{}/scim/directory/{}/Users?count=1", sandbox.base_url(), demo::DIRECTORY_ID);
//! let resp = agent.get(&url).header("Authorization", &format!("Bearer {}", demo::SCIM_KEY)).call().unwrap();
//! assert_eq!(resp.status(), 200);
//!
//! // Fault injection: the next request is rate limited (and not applied).
//! sandbox.rate_limit_next(1, std::time::Duration::from_secs(1));
//! let resp = agent.get(&url).header("Authorization", &format!("Bearer {}", demo::SCIM_KEY)).call().unwrap();
//! assert_eq!(resp.status(), 429);
//! assert_eq!(resp.headers()["retry-after"], "1");
//! ```
//!
//! # Seeding
//!
//! From code, with [`Sandbox::builder`]:
//!
//! ```
//! use admin_sandbox::{Account, Sandbox};
//! use serde_json::json;
//!
//! let sandbox = Sandbox::builder()
//!     .admin_key("my-admin-key")
//!     .verified_domain("acme.test")
//!     .account(Account::new("557057:1111", "kim@acme.test", "Kim").nickname("kim"))
//!     .directory("dir-1", "my-scim-key")
//!     .scim_user("dir-1", json!({"userName": "lee@acme.test", "emails": [{"value": "lee@acme.test", "primary": true}]}))
//!     .start()
//!     .unwrap();
//! assert_eq!(sandbox.scim_users("dir-1").len(), 1);
//! assert!(sandbox.account("557057:1111").is_some());
//! ```
//!
//! or from JSON ([`SandboxBuilder::seed_json`], [`SandboxBuilder::seed_file`], and the
//! binary's `--seed FILE`):
//!
//! ```json
//! {
//!   "demo": false,
//!   "admin_key": "my-admin-key",
//!   "verified_domains": ["acme.test"],
//!   "max_page_size": 100,
//!   "org": {"id": "org-1", "name": "Acme", "directory_id": "local-1"},
//!   "accounts": [{
//!     "account_id": "557057:1111", "email": "kim@acme.test", "name": "Kim",
//!     "nickname": "kim", "managed": true, "status": "active",
//!     "extended_profile": {"job_title": "Engineer"},
//!     "api_tokens": [{"id": "tok-1", "label": "CI", "created_at": "2024-01-01T00:00:00.000Z"}],
//!     "membership": "active", "roles": ["atlassian/org-admin"], "added_to_org": "2024-01-01T00:00:00Z",
//!     "product_access": [{"key": "jira-software", "last_active": "2025-05-30T09:12:00Z"}]
//!   }],
//!   "org_groups": [{"name": "auditors", "members": ["557057:1111"]}],
//!   "directories": [{
//!     "id": "dir-1", "scim_key": "my-scim-key",
//!     "users": [{"id": "u-1", "userName": "lee@acme.test", "emails": [{"value": "lee@acme.test", "primary": true}]}],
//!     "groups": [{"displayName": "devs", "members": [{"value": "u-1"}]}]
//!   }]
//! }
//! ```
//!
//! # Behaviour
//!
//! * **Auth**: `Authorization: Bearer <org admin key>` for `/users/…`, the directory's SCIM key
//!   for `/scim/directory/{id}/…`; otherwise 401 `{"key":"unauthorized"}` or
//!   `{"error":…,"traceId":…}` (403 for another directory's key).
//! * **Accounts** are managed (default), unmanaged, or SCIM-managed (linked by a SCIM user);
//!   this drives `GET /manage` and the 403 `forbidden.action` / `forbidden.fieldMutation`
//!   refusals. Lifecycle: active ⇄ inactive (`disable`/`enable`), `delete` → pending deletion
//!   (shown `inactive`) → `cancel-delete` → active; other transitions → 409
//!   `conflict.lifecycleErrors`.
//! * **SCIM**: Users and Groups with `filter` (`eq` on `userName`/`externalId`/`displayName`),
//!   1-based `startIndex`, `count` capped at [`SandboxBuilder::max_page_size`], `attributes` /
//!   `excludedAttributes`, PUT replace, RFC 7644 PATCH, DELETE → later 404, discovery endpoints.
//! * **Organizations** (org admin key): `GET /admin/v1/orgs[/{orgId}]`,
//!   `GET /admin/v2/orgs/{orgId}/directories` (the local directory and one per SCIM directory),
//!   and under `/admin/v2/orgs/{orgId}/directories/{directoryId|-}`: `POST users/search` and
//!   `GET users` (filters, `expand` `productAccess` with last-active dates, `groups`,
//!   `platformRoles`; `limit` 1–100, default 50; `links.next` is a bare cursor),
//!   `GET users/count` (with the filters of `GET users`), `GET users/stats`,
//!   `GET users/{accountId}`, `GET users/{accountId}/role-assignments`,
//!   `POST users/{accountId}/suspend|restore`, `DELETE users/{accountId}` (all 204),
//!   `GET|POST groups`, `POST groups/search`, `GET groups/count`, `GET|DELETE groups/{groupId}`,
//!   `POST groups/{groupId}/memberships`, `DELETE groups/{groupId}/memberships/{accountId}`;
//!   v1: `GET event-actions`, `GET domains[/{domainId}]`,
//!   `GET directory/users/{accountId}/last-active-dates`, `POST users/{userId}/roles/assign|revoke`
//!   and `…/role-assignments/assign|revoke`; with the org key,
//!   `GET /admin/user-provisioning/v1/org/{orgId}/user/{accountId}/get-scim-links` and
//!   `POST …/get-scim-links-for-email`;
//!   `GET …/groups/stats`, `GET …/groups/{groupId}/role-assignments` and `POST …/assign|revoke`
//!   (own and synced groups); `POST /admin/v2/orgs/{orgId}/users/invite`;
//!   `POST /admin/v2/orgs/{orgId}/workspaces` (the products the accounts use; `limit` 1–1000,
//!   default 20; a `cursor` forbids the other members; `links.next` is a URL whose `cursor`
//!   query holds the search); v1 `GET users` (the managed accounts, `links.next` a URL,
//!   `meta.total`); the policies: `GET|POST /admin/v1/orgs/{orgId}/policies` (`type` filter,
//!   20 a page, `meta.next`), `GET|PUT|DELETE …/policies/{policyId}`,
//!   `POST …/{policyId}/resources`, `PUT|DELETE …/resources/{resourceId}`,
//!   `GET …/{policyId}/validate` (bodies in `{"data": …}`, writes answer 202, a stored policy
//!   keeps the members the sandbox does not know exactly as sent); with the org key and the
//!   provisioning API's error shapes, `PATCH …/scimDirectoryId/{id}/scimUserId/{id}/unlink` and
//!   `DELETE …/user/{accountId}/onlyDeleteUserInDB`;
//!   the audit log: `GET /admin/v1/orgs/{orgId}/events` (newest first, `meta.next`),
//!   `…/events/{eventId}`, `…/events-stream` (`sortOrder` asc/desc, `limit` ≤ 500; `meta.next`
//!   is always there — on the last page it is the cursor to poll later for new events).
//!   Errors: `{"errors": [{id, status, code: "ADMIN-…", title, detail}]}`; 401/429/503 the
//!   gateway's `{"code", "message"}`.
//! * **One world**: an account's directory is its SCIM directory, or else the local one; SCIM
//!   groups are listed as synced groups (`managedBy: external`, not writable through the org
//!   API: 403 `ADMIN-403-5`); a SCIM deactivation shows as `status: deactivated` in v2 and
//!   cannot be undone through user management; a suspension hides product access from v2 and
//!   keeps roles and groups; a removal drops them. **Every write in any of the three APIs
//!   appends an audit event** (`user_provisioned`, `user_updated`, `user_deprovisioned`,
//!   `group_created`, `group_updated`, `group_deleted` by `scim:<directoryId>`;
//!   `user_profile_updated`, `user_email_changed`, `user_deactivated`, `user_activated`,
//!   `user_deletion_scheduled`, `user_deletion_cancelled`, `api_token_revoked`,
//!   `user_access_suspended`, `user_access_restored`, `user_removed_from_directory`,
//!   `user_added_to_group`, `user_removed_from_group`, `role_assigned`, `role_revoked`,
//!   `user_invited`, `policy_created`, `policy_updated`, `policy_deleted`,
//!   `policy_resource_added`, `policy_resource_updated`, `policy_resource_removed`,
//!   `scim_user_unlinked`, `scim_user_record_deleted` by the org admin key); seeding does not.
//!   Workspaces are the products the accounts use (id `{productKey}-{orgId}`, as the v2 users'
//!   `productAccess` shows); a policy whose resources name a workspace shows in its
//!   `relationships.policies` and matches the `policies` query. An unlinked SCIM user and its
//!   account both stay, no longer connected (the account moves to the local directory);
//!   `onlyDeleteUserInDB` drops the account's SCIM records, not the account.
//! * **Faults** ([`SandboxHandle::rate_limit`], [`SandboxHandle::rate_limit_next`],
//!   [`SandboxHandle::service_unavailable_next`], [`SandboxHandle::set_latency`],
//!   [`SandboxHandle::malform_next`]): 429s and 503s are answered before the request reaches
//!   its handler, so they never change state; they apply to every route of the three APIs.
//!   Besides, each audit-log path (`/events…`, `/events-stream`) allows 10 requests a minute
//!   ([`SandboxBuilder::events_rate_limit`]) as Atlassian does: then 429 with `X-RateLimit-*`
//!   and no `Retry-After`.
//! * **Scale**: every lookup a write needs is indexed; 150,000 SCIM users seed in seconds.
//!
//! # One wire truth
//!
//! Every body the sandbox writes or reads is an `admin-models` type (SCIM resources, list
//! responses, errors and discovery documents; user management profiles, permissions, tokens,
//! errors and request bodies; the `org` pages, users, groups, events, policies, workspaces,
//! invitations, role assignments and errors); SCIM filters
//! and PATCH paths are read with `admin_models::scim::parse_filter` / `ParsedPatchPath`. Where
//! the sandbox accepts more than the client sends, the leniency is in those decoding types:
//! `operations` for `Operations` and any casing of `op` (`PatchOp`), `"True"` / `"False"` for
//! `active` and `primary` (`ScimUser`, `Email`). What remains the sandbox's own:
//!
//! * **Error keys the specs do not define**, written with the admin-models `ErrorKey` as
//!   unknown values: `invalidPrivilege`, `unsupportedMediaType`, `methodNotAllowed`,
//!   `tooManyRequests`, `serviceUnavailable` — Atlassian's own bodies for these cases are
//!   undocumented.
//! * **Error `context` objects** (`fieldViolations`, the `conflict.lifecycleErrors` envelope,
//!   `{domain}`, `{message}`): `ErrorResponse::context` is an untyped JSON value in admin-models
//!   (the client reads it with typed accessors); the sandbox builds it from the typed parts
//!   (`FieldViolation`, `LifecycleError`, `Rule`).
//! * **The PATCH engine and projection** (`attributes` / `excludedAttributes`): they apply
//!   operations to a resource held as JSON (serialized from `ScimUser` / `ScimGroup` and decoded
//!   back), with the leniency identity providers need (an unmatched value filter creates the
//!   element; Azure-style `remove` with a value). They are server behaviour, not wire shapes,
//!   and not general enough for admin-models. Users and groups are read from the request bytes
//!   and written from the typed resource, so their unknown attributes come back exactly; a
//!   PATCHed or projected resource passes through `serde_json::Value`, where a number beyond
//!   `f64` in an unknown attribute loses digits.
//! * **SCIM attribute names are matched as admin-models spells them** (`userName`, not
//!   `USERNAME`) in bodies, although RFC 7643 makes them case-insensitive; paths and filters
//!   are case-insensitive.
//! * **Cursors** are the sandbox's own opaque strings (Atlassian's are opaque too).
//!
//! # Where the sandbox chooses (deliberate deviations)
//!
//! Where Atlassian's behaviour is undocumented, the sandbox picks a plausible, strict answer
//! (strict so that client bugs show up):
//!
//! * `GET /manage` with an unknown `privileges` value (including a comma-joined list) → 400
//!   `{"key":"invalidPrivilege"}`; the spec declares no 400 there.
//! * `PATCH /profile`: unknown or read-only fields → 400 `fieldConstraintsViolated` with
//!   violation key `unknownField` / `readOnly`; `{}` → `bodyParseFailure`.
//! * A body with a non-JSON `Content-Type` → 415 (`{"key":"unsupportedMediaType"}`, or a SCIM
//!   error with `status` `"415"`).
//! * `disable` of an inactive account and `enable` of an active one succeed (204); only
//!   pending-deletion and closed accounts give 409. `cancel-delete` of an account that is not
//!   pending deletion gives 409 (the spec declares none). A pending deletion shows
//!   `account_status: inactive`; [`SandboxHandle::expire_pending_deletions`] closes it.
//! * 429 bodies are `{"key":"tooManyRequests"}` / a SCIM error with `status` `"429"`; 503 bodies
//!   `{"key":"serviceUnavailable"}` / SCIM `"503"` (the specs model neither).
//! * SCIM: an email on an unverified domain → 400 `invalidValue`; `PUT /Groups` naming unknown
//!   users → 400 `invalidValue` (not the Java exception dump of the spec); renaming a group →
//!   400 `mutability`; an `add`/`replace` whose value filter matches nothing creates the element
//!   (as Azure AD and Okta expect) instead of RFC 7644's `noTarget`; `"active": "True"` strings
//!   are accepted as booleans. A user none of whose emails is `primary` → 400 `invalidValue`
//!   "One email address need to be marked as primary" (Atlassian's words).
//! * A body cut short or badly framed → 400 (`invalidSyntax` / `bodyParseFailure` /
//!   `ADMIN-400-24`); only one over 2 MiB → 413.
//! * Organizations: v2 suspend / restore / remove and membership changes answer 204;
//!   `GET users/{accountId}`, `GET groups/{groupId}` and `POST groups` answer `{"data": …}`; a
//!   v2 group name already taken → 409 `ADMIN-409-28`; groups are created in the local
//!   directory only. Policy writes are applied at once (every resource `applied`; Atlassian
//!   applies them in the background); adding a resource a policy already has → 409
//!   `ADMIN-409-28`; `validate` of an existing policy always answers 202. Revoking a group role
//!   the group does not have → 404 `ADMIN-404-1`. An invitation's synced or unknown group is an
//!   `ERROR` result, not a refusal; its roles are added to the account's roles whatever the
//!   resource.
//! * SCIM auth: unknown key → 401, another directory's key → 403, a valid key on an unknown
//!   directory → 404.
//! * Discovery documents follow RFC 7643 (the spec types them as `string`); `/Schemas` has no
//!   top-level `schemas`, like Atlassian's.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod app;
mod discovery;
mod faults;
mod http;
mod model;
mod org;
mod org_group_roles;
mod org_http;
mod org_invites;
mod org_policies;
mod org_scim_admin;
mod org_state;
mod org_workspaces;
mod patch;
mod router;
mod scim;
mod seed;
mod state;
mod state_org;
mod time;
mod um;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

pub use faults::Fault;
pub use model::{
    Account, ApiToken, DEFAULT_PICTURE, ExtendedProfile, LifecycleState, Membership, ProductUse,
};
pub use seed::demo;

use app::{App, Shared, lock};
use state::{Directory, State};

/// The default cap on SCIM `count` (page size).
pub const DEFAULT_MAX_PAGE_SIZE: usize = 100;

/// Atlassian's limit on the audit-log paths (`/events`, `/events-stream`): 10 requests a
/// minute per path.
pub const DEFAULT_EVENTS_RATE_LIMIT: (u32, Duration) = (10, Duration::from_secs(60));

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// Binding the port or starting the server thread failed.
    #[error("cannot start the sandbox server: {0}")]
    Io(#[from] std::io::Error),
    /// The seed data is invalid.
    #[error("invalid seed data: {0}")]
    Seed(String),
}

/// Entry points. See the [crate docs](crate).
#[derive(Debug, Clone, Copy)]
pub struct Sandbox;

impl Sandbox {
    /// A builder with no data (admin key [`demo::ADMIN_KEY`] unless set).
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts an empty sandbox (no accounts, no directories).
    pub fn start() -> Result<SandboxHandle, SandboxError> {
        Self::builder().start()
    }

    /// Starts a sandbox with the [`demo`] data set.
    pub fn demo() -> Result<SandboxHandle, SandboxError> {
        Self::builder().with_demo_data().start()
    }
}

/// Configures and seeds a sandbox; [`start`](Self::start) runs it.
#[derive(Debug, Clone, Default)]
pub struct SandboxBuilder {
    admin_key: Option<String>,
    pub(crate) verified_domains: Vec<String>,
    pub(crate) accounts: Vec<Account>,
    pub(crate) directories: Vec<(String, String)>,
    pub(crate) scim_users: Vec<(String, Value)>,
    pub(crate) scim_groups: Vec<(String, Value)>,
    pub(crate) org_groups: Vec<(String, Vec<String>)>,
    max_page_size: Option<usize>,
    port: u16,
    demo: bool,
    org: Option<(String, String)>,
    org_directory: Option<(String, String)>,
    events_rate_limit: Option<Option<(u32, Duration)>>,
}

impl SandboxBuilder {
    /// The org admin API key accepted on `/users/…` (default [`demo::ADMIN_KEY`]).
    pub fn admin_key(mut self, key: impl Into<String>) -> Self {
        self.admin_key = Some(key.into());
        self
    }

    /// Adds a domain the organization has verified: emails there may be set with `PUT /email`
    /// and provisioned with SCIM.
    pub fn verified_domain(mut self, domain: impl Into<String>) -> Self {
        self.verified_domains.push(domain.into().to_ascii_lowercase());
        self
    }

    /// Adds an account.
    pub fn account(mut self, account: Account) -> Self {
        self.accounts.push(account);
        self
    }

    /// Adds a SCIM directory and the key that authorizes calls to it.
    pub fn directory(mut self, directory_id: impl AsRef<str>, scim_key: impl Into<String>) -> Self {
        self.directories.push((directory_id.as_ref().to_string(), scim_key.into()));
        self
    }

    /// Adds a SCIM user to a directory, as if `POST /Users` had been called with `user` (its
    /// `id`, if present, is kept). It links to, or creates, the account with its primary email.
    pub fn scim_user(mut self, directory_id: impl AsRef<str>, user: Value) -> Self {
        self.scim_users.push((directory_id.as_ref().to_string(), user));
        self
    }

    /// Adds a SCIM group (members by SCIM user `id`), as if `POST /Groups` had been called.
    pub fn scim_group(mut self, directory_id: impl AsRef<str>, group: Value) -> Self {
        self.scim_groups.push((directory_id.as_ref().to_string(), group));
        self
    }

    /// Adds a group to the org's local directory (Organizations API), with member account ids.
    pub fn org_group<I, S>(mut self, name: impl Into<String>, members: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.org_groups.push((name.into(), members.into_iter().map(Into::into).collect()));
        self
    }

    /// The largest SCIM page (`count` is capped to it; default [`DEFAULT_MAX_PAGE_SIZE`]).
    pub fn max_page_size(mut self, size: usize) -> Self {
        self.max_page_size = Some(size.max(1));
        self
    }

    /// The organization's id and name (default [`demo::ORG_ID`], "Example Org").
    pub fn org(mut self, id: impl Into<String>, name: impl Into<String>) -> Self {
        self.org = Some((id.into(), name.into()));
        self
    }

    /// The id and name of the org's local directory, which holds the accounts no SCIM directory
    /// provisions (default [`demo::ORG_DIRECTORY_ID`], "Local directory").
    pub fn org_directory(mut self, id: impl Into<String>, name: impl Into<String>) -> Self {
        self.org_directory = Some((id.into(), name.into()));
        self
    }

    /// The limit on each audit-log path (`/events`, `/events-stream`): `limit` requests per
    /// `window`, then 429 (default [`DEFAULT_EVENTS_RATE_LIMIT`]); `None` for no limit.
    pub fn events_rate_limit(mut self, limit: Option<(u32, Duration)>) -> Self {
        self.events_rate_limit = Some(limit);
        self
    }

    /// The port to bind on `127.0.0.1` (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Adds the [`demo`] data set: accounts (managed, SCIM-managed, unmanaged), a directory with
    /// two users and a group.
    pub fn with_demo_data(mut self) -> Self {
        self.demo = true;
        self
    }

    /// Adds the data of a JSON seed document (format in the [crate docs](crate)).
    pub fn seed_json(mut self, json: &str) -> Result<Self, SandboxError> {
        let seed: seed::SeedFile =
            serde_json::from_str(json).map_err(|e| SandboxError::Seed(e.to_string()))?;
        if seed.demo {
            self.demo = true;
        }
        if let Some(k) = seed.admin_key {
            self.admin_key = Some(k);
        }
        if let Some(m) = seed.max_page_size {
            self = self.max_page_size(m);
        }
        for d in seed.verified_domains {
            self = self.verified_domain(d);
        }
        for a in seed.accounts {
            self.accounts.push(a.into_account().map_err(SandboxError::Seed)?);
        }
        if let Some(org) = seed.org {
            self.org = Some((org.id, org.name));
            if let Some(id) = org.directory_id {
                self.org_directory =
                    Some((id, org.directory_name.unwrap_or_else(|| "Local directory".into())));
            }
        }
        for g in seed.org_groups {
            self.org_groups.push((g.name, g.members));
        }
        for d in seed.directories {
            self.directories.push((d.id.clone(), d.scim_key));
            self.scim_users.extend(d.users.into_iter().map(|u| (d.id.clone(), u)));
            self.scim_groups.extend(d.groups.into_iter().map(|g| (d.id.clone(), g)));
        }
        Ok(self)
    }

    /// Adds the data of a JSON seed file.
    pub fn seed_file(self, path: impl AsRef<Path>) -> Result<Self, SandboxError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| SandboxError::Seed(format!("cannot read {}: {e}", path.display())))?;
        self.seed_json(&text)
    }

    fn build_state(mut self, base_url: String) -> Result<(State, bool), SandboxError> {
        if self.demo {
            seed::demo_data(&mut self);
        }
        let (org_id, org_name) = self.org.unwrap_or_else(|| (demo::ORG_ID.into(), "Example Org".into()));
        let (directory_id, directory_name) =
            self.org_directory.unwrap_or_else(|| (demo::ORG_DIRECTORY_ID.into(), "Local directory".into()));
        let mut state = State::new(
            self.admin_key.unwrap_or_else(|| demo::ADMIN_KEY.to_string()),
            self.verified_domains,
            self.max_page_size.unwrap_or(DEFAULT_MAX_PAGE_SIZE),
            base_url,
            org_state::OrgInfo { id: org_id, name: org_name, directory_id, directory_name },
        );
        // Every user may create an account: size the indexes once.
        state.reserve_accounts(self.accounts.len() + self.scim_users.len());
        for a in self.accounts {
            state.put_account(a);
        }
        for (id, key) in self.directories {
            let mut directory = Directory::new(key);
            directory.reserve(self.scim_users.iter().filter(|(d, _)| *d == id).count());
            state.directories.insert(id, directory);
        }
        for (dir, user) in self.scim_users {
            let id = user.get("id").and_then(Value::as_str).map(str::to_string);
            state
                .add_user(&dir, state::decode(user, "User").map_err(|f| SandboxError::Seed(f.detail))?, id)
                .map_err(|f| SandboxError::Seed(format!("SCIM user in directory {dir}: {}", f.detail)))?;
        }
        for (dir, group) in self.scim_groups {
            let id = group.get("id").and_then(Value::as_str).map(str::to_string);
            state
                .create_group(
                    &dir,
                    state::decode(group, "Group").map_err(|f| SandboxError::Seed(f.detail))?,
                    id,
                )
                .map_err(|f| SandboxError::Seed(format!("SCIM group in directory {dir}: {}", f.detail)))?;
        }
        for (name, members) in self.org_groups {
            let missing = members.iter().find(|m| state.account(m).is_none());
            if let Some(m) = missing {
                return Err(SandboxError::Seed(format!("org group {name}: no account {m}")));
            }
            state.org_groups.insert(org_state::OrgGroupRec {
                id: state::new_uuid(),
                name,
                description: None,
                members: members.into_iter().collect(),
            });
        }
        // From now on every write is in the audit log.
        state.events.recording = true;
        Ok((state, self.demo))
    }

    /// Binds `127.0.0.1:<port>`, seeds the state and starts serving on a background thread.
    pub fn start(self) -> Result<SandboxHandle, SandboxError> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", self.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let events_rate_limit = self.events_rate_limit.unwrap_or(Some(DEFAULT_EVENTS_RATE_LIMIT));
        let (state, demo) = self.build_state(base_url.clone())?;
        let admin_key = state.admin_key.clone();
        let directories: Vec<(String, String)> =
            state.directories.iter().map(|(id, d)| (id.clone(), d.key.clone())).collect();
        let mut fault_state = faults::FaultState::default();
        fault_state.set_path_limit(events_rate_limit);
        let app: App = Arc::new(Shared {
            state: Mutex::new(state),
            faults: Mutex::new(fault_state),
            log: Mutex::new(Vec::new()),
            count: AtomicU64::new(0),
        });

        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let router = router::router(app.clone());
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread =
            std::thread::Builder::new().name(format!("admin-sandbox-{}", addr.port())).spawn(move || {
                runtime.block_on(async move {
                    let stop = Arc::new(tokio::sync::Notify::new());
                    let stopped = stop.clone();
                    let server = tokio::spawn(
                        axum::serve(listener, router)
                            .with_graceful_shutdown(async move { stopped.notified().await })
                            .into_future(),
                    );
                    let _ = stop_rx.await;
                    stop.notify_one();
                    let _ = tokio::time::timeout(Duration::from_secs(2), server).await;
                });
                runtime.shutdown_timeout(Duration::from_millis(100));
            })?;
        Ok(SandboxHandle {
            base_url,
            addr,
            admin_key,
            directories,
            demo,
            app,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

/// One request the sandbox received.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// HTTP method.
    pub method: String,
    /// Path (percent-encoded, as sent).
    pub path: String,
    /// Query string, if any.
    pub query: Option<String>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The request body (lossy UTF-8), if not empty.
    pub body: Option<String>,
    /// Status answered.
    pub status: u16,
    /// The fault injected, if any.
    pub fault: Option<Fault>,
}

/// A running sandbox. Dropping it stops the server (gracefully) and joins its thread.
#[derive(Debug)]
pub struct SandboxHandle {
    base_url: String,
    addr: SocketAddr,
    admin_key: String,
    directories: Vec<(String, String)>,
    demo: bool,
    app: App,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`, without a trailing slash: the base URL for both APIs.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The org admin API key.
    pub fn admin_key(&self) -> &str {
        &self.admin_key
    }

    /// The first directory's id (the demo directory with demo data).
    pub fn directory_id(&self) -> Option<&str> {
        self.directories.first().map(|(id, _)| id.as_str())
    }

    /// The first directory's SCIM key.
    pub fn scim_key(&self) -> Option<&str> {
        self.directories.first().map(|(_, key)| key.as_str())
    }

    /// The SCIM key of a directory.
    pub fn scim_key_for(&self, directory_id: impl AsRef<str>) -> Option<&str> {
        self.directories.iter().find(|(id, _)| id == directory_id.as_ref()).map(|(_, k)| k.as_str())
    }

    /// All directories as `(id, scim_key)`.
    pub fn directories(&self) -> &[(String, String)] {
        &self.directories
    }

    /// [`demo::ACCOUNT_ID`] when the demo data is loaded.
    pub fn demo_account_id(&self) -> Option<&'static str> {
        self.demo.then_some(demo::ACCOUNT_ID)
    }

    /// [`demo::SCIM_ACCOUNT_ID`] when the demo data is loaded.
    pub fn demo_scim_account_id(&self) -> Option<&'static str> {
        self.demo.then_some(demo::SCIM_ACCOUNT_ID)
    }

    // ----- state inspection --------------------------------------------------------------------

    /// An account's current state.
    pub fn account(&self, account_id: impl AsRef<str>) -> Option<Account> {
        lock(&self.app.state).account(account_id.as_ref()).cloned()
    }

    /// The account with this email (case-insensitive), if any.
    pub fn account_by_email(&self, email: &str) -> Option<Account> {
        lock(&self.app.state).account_by_email(email).cloned()
    }

    /// All accounts, by id.
    pub fn accounts(&self) -> Vec<Account> {
        lock(&self.app.state).accounts().cloned().collect()
    }

    /// Adds or replaces an account.
    pub fn put_account(&self, account: Account) {
        lock(&self.app.state).put_account(account);
    }

    /// Adds a verified domain.
    pub fn add_verified_domain(&self, domain: impl Into<String>) {
        lock(&self.app.state).verified_domains.push(domain.into().to_ascii_lowercase());
    }

    /// Ends the grace period of every pending deletion: those accounts become
    /// [`LifecycleState::Closed`].
    pub fn expire_pending_deletions(&self) {
        for a in lock(&self.app.state).accounts_mut() {
            if matches!(a.status, LifecycleState::PendingDeletion { .. }) {
                a.status = LifecycleState::Closed;
            }
        }
    }

    /// A directory's SCIM users, as `GET /Users/{id}` would render them (creation order).
    pub fn scim_users(&self, directory_id: impl AsRef<str>) -> Vec<Value> {
        let state = lock(&self.app.state);
        let dir = directory_id.as_ref();
        let Ok(d) = state.dir(dir) else { return Vec::new() };
        d.users().map(|u| serde_json::to_value(state.render_user(dir, u)).unwrap_or_default()).collect()
    }

    /// One SCIM user, rendered.
    pub fn scim_user(&self, directory_id: impl AsRef<str>, user_id: impl AsRef<str>) -> Option<Value> {
        let user = lock(&self.app.state).get_user(directory_id.as_ref(), user_id.as_ref()).ok()?;
        serde_json::to_value(user).ok()
    }

    /// A directory's SCIM groups, rendered.
    pub fn scim_groups(&self, directory_id: impl AsRef<str>) -> Vec<Value> {
        let state = lock(&self.app.state);
        let dir = directory_id.as_ref();
        let Ok(d) = state.dir(dir) else { return Vec::new() };
        d.groups().map(|g| serde_json::to_value(state.group_json(dir, g)).unwrap_or_default()).collect()
    }

    /// How many requests reached the server (faulted ones included).
    pub fn request_count(&self) -> u64 {
        self.app.count.load(Ordering::SeqCst)
    }

    /// The requests received so far (the latest 10,000).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.app.log).clone()
    }

    /// Empties the request log and zeroes the counter.
    pub fn clear_requests(&self) {
        lock(&self.app.log).clear();
        self.app.count.store(0, Ordering::SeqCst);
    }

    // ----- faults ------------------------------------------------------------------------------

    /// Allows `limit` requests per `window` (a fixed window starting now); further requests get
    /// 429 with `Retry-After` (seconds to the window's end, rounded up), `X-RateLimit-Limit`,
    /// `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` (ISO 8601). Allowed requests carry the
    /// `X-RateLimit-*` headers too.
    pub fn rate_limit(&self, limit: u32, window: Duration) {
        lock(&self.app.faults).set_window(limit, window);
    }

    /// Sets (or, with `None`, removes) the limit on each audit-log path (see
    /// [`SandboxBuilder::events_rate_limit`]); the windows start again.
    pub fn set_events_rate_limit(&self, limit: Option<(u32, Duration)>) {
        lock(&self.app.faults).set_path_limit(limit);
    }

    /// The organization's id (Organizations API).
    pub fn org_id(&self) -> String {
        lock(&self.app.state).org.id.clone()
    }

    /// The id of the org's local directory.
    pub fn org_directory_id(&self) -> String {
        lock(&self.app.state).org.directory_id.clone()
    }

    /// The audit log so far, oldest first, as `(action, context ids)`.
    pub fn audit_events(&self) -> Vec<(String, Vec<String>)> {
        lock(&self.app.state)
            .events
            .all()
            .iter()
            .map(|e| (e.action.clone(), e.context.iter().map(|(id, _)| id.clone()).collect()))
            .collect()
    }

    /// Removes the per-window rate limit.
    pub fn clear_rate_limit(&self) {
        lock(&self.app.faults).clear_window();
    }

    /// Answers the next `n` requests with 429 and `Retry-After: <retry_after, in seconds rounded up>`.
    pub fn rate_limit_next(&self, n: u32, retry_after: Duration) {
        lock(&self.app.faults).rate_limit_next(n, retry_after);
    }

    /// Answers the next `n` requests with 503 (in the API's error shape), with `Retry-After` if given.
    pub fn service_unavailable_next(&self, n: u32, retry_after: Option<Duration>) {
        lock(&self.app.faults).unavailable_next(n, retry_after);
    }

    /// Delays every response by `latency` (zero to stop).
    pub fn set_latency(&self, latency: Duration) {
        lock(&self.app.faults).latency = latency;
    }

    /// Truncates the bodies of the next `n` responses (a 204 becomes a 200 with body `{`). The
    /// requests themselves are applied: this simulates a response damaged in transit.
    pub fn malform_next(&self, n: u32) {
        lock(&self.app.faults).malform_next(n);
    }

    /// Removes every injected fault.
    pub fn clear_faults(&self) {
        lock(&self.app.faults).clear();
    }

    /// Stops the server and waits for its thread (same as dropping the handle).
    pub fn shutdown(self) {}
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
