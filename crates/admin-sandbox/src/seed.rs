//! Seed data: the JSON seed-file format and the demo data set.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::SandboxBuilder;
use crate::model::{Account, ApiToken, ExtendedProfile, LifecycleState, ProductUse};

/// Fixed keys and ids of the demo data set ([`SandboxBuilder::with_demo_data`]).
pub mod demo {
    /// The org admin API key (user management).
    pub const ADMIN_KEY: &str = "sandbox-admin-key";
    /// The SCIM key of [`DIRECTORY_ID`].
    pub const SCIM_KEY: &str = "sandbox-scim-key";
    /// The demo SCIM directory.
    pub const DIRECTORY_ID: &str = "bcdde508-ee40-4df2-89cc-d3f6292c5971";
    /// The organization's verified domain.
    pub const DOMAIN: &str = "example.com";
    /// A managed account that no directory provisions ("Lila User", `lila@example.com`),
    /// with two API tokens: everything is allowed on it.
    pub const ACCOUNT_ID: &str = "557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0";
    /// An API token of [`ACCOUNT_ID`].
    pub const API_TOKEN_ID: &str = "b6c0e1d2-0000-4000-8000-000000000001";
    /// A managed account provisioned by the demo directory ("Ada Lovelace",
    /// `ada@example.com`): name, email, lifecycle and extended profile are refused with
    /// `externalDirectory.scim`.
    pub const SCIM_ACCOUNT_ID: &str = "557057:0b7c4e9a-2f1d-4c55-9a43-7d1f3e6b2a10";
    /// An account the organization does not manage (`casey@partner.test`): only reads are allowed.
    pub const UNMANAGED_ACCOUNT_ID: &str = "5b10ac8d82e05b22cc7d4ef5";
    /// The SCIM user linked to [`SCIM_ACCOUNT_ID`] (`userName` `ada@example.com`).
    pub const SCIM_USER_ID: &str = "2819c223-7f76-453a-919d-413861904646";
    /// The account of [`SECOND_SCIM_USER_ID`] (`grace@example.com`), SCIM-managed.
    pub const SECOND_SCIM_ACCOUNT_ID: &str = "557057:7d2e8f4a-1c3b-4e5d-8f6a-9b0c1d2e3f40";
    /// A second SCIM user (`grace@example.com`).
    pub const SECOND_SCIM_USER_ID: &str = "9067729b-3d4a-4a3b-8f5e-6b8c2d1e0f11";
    /// The SCIM group `engineering`, whose members are both SCIM users.
    pub const GROUP_ID: &str = "e9e30dba-f08f-4109-8486-d5c6a331660a";
    /// The organization (Organizations API).
    pub const ORG_ID: &str = "0a1b2c3d-4e5f-4061-8273-8495a6b7c8d9";
    /// The org's local directory (accounts no SCIM directory provisions).
    pub const ORG_DIRECTORY_ID: &str = "f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9";
    /// The org group `site-admins` (Organizations API), whose member is [`ACCOUNT_ID`].
    pub const ORG_GROUP_NAME: &str = "site-admins";
}

/// Adds the demo data set to a builder (before the builder's own data).
pub(crate) fn demo_data(b: &mut SandboxBuilder) {
    b.verified_domains.insert(0, demo::DOMAIN.to_string());
    b.directories.insert(0, (demo::DIRECTORY_ID.to_string(), demo::SCIM_KEY.to_string()));
    let accounts = vec![
        Account::new(demo::ACCOUNT_ID, "lila@example.com", "Lila User")
            .nickname("marshmallow")
            .zoneinfo("America/Los_Angeles")
            .locale("en-US")
            .job_title("Engineer")
            .department("Platform")
            .api_token(
                ApiToken::new(demo::API_TOKEN_ID, "My Addon")
                    .created_at("2015-04-12T23:20:50.522Z")
                    .last_access("2015-05-12T20:20:50.521Z"),
            )
            .api_token(ApiToken::new("b6c0e1d2-0000-4000-8000-000000000002", "CI pipeline"))
            .product("jira-software", Some("2025-05-30T09:12:00Z"))
            .product("confluence", Some("2025-04-02T16:45:00Z"))
            .role("atlassian/org-admin")
            .added_to_org("2021-03-01T10:00:00Z"),
        Account::new(demo::SCIM_ACCOUNT_ID, "ada@example.com", "Ada Lovelace")
            .nickname("ada")
            .product("jira-software", Some("2025-06-01T08:00:00Z"))
            .added_to_org("2022-01-10T10:00:00Z"),
        Account::new(demo::SECOND_SCIM_ACCOUNT_ID, "grace@example.com", "Grace Hopper")
            .product("confluence", None)
            .added_to_org("2022-01-10T10:00:00Z"),
        Account::new(demo::UNMANAGED_ACCOUNT_ID, "casey@partner.test", "Casey Partner")
            .unmanaged()
            .added_to_org("2023-07-01T10:00:00Z"),
    ];
    b.accounts.splice(0..0, accounts);
    let dir = demo::DIRECTORY_ID.to_string();
    let users = vec![
        (
            dir.clone(),
            json!({
                "schemas": [admin_models::scim::USER_SCHEMA, admin_models::scim::ENTERPRISE_USER_SCHEMA],
                "id": demo::SCIM_USER_ID,
                "userName": "ada@example.com",
                "externalId": "ada",
                "name": {"givenName": "Ada", "familyName": "Lovelace", "formatted": "Ada Lovelace"},
                "displayName": "Ada Lovelace",
                "nickName": "ada",
                "title": "Analyst",
                "emails": [{"value": "ada@example.com", "type": "work", "primary": true}],
                "active": true,
                admin_models::scim::ENTERPRISE_USER_SCHEMA: {"department": "Research", "organization": "Example Inc"},
            }),
        ),
        (
            dir.clone(),
            json!({
                "schemas": [admin_models::scim::USER_SCHEMA],
                "id": demo::SECOND_SCIM_USER_ID,
                "userName": "grace@example.com",
                "externalId": "grace",
                "name": {"givenName": "Grace", "familyName": "Hopper"},
                "displayName": "Grace Hopper",
                "emails": [{"value": "grace@example.com", "type": "work", "primary": true}],
                "active": true,
            }),
        ),
    ];
    b.scim_users.splice(0..0, users);
    b.org_groups.insert(0, (demo::ORG_GROUP_NAME.to_string(), vec![demo::ACCOUNT_ID.to_string()]));
    b.scim_groups.insert(
        0,
        (
            dir,
            json!({
                "id": demo::GROUP_ID,
                "displayName": "engineering",
                "members": [{"value": demo::SCIM_USER_ID}, {"value": demo::SECOND_SCIM_USER_ID}],
            }),
        ),
    );
}

/// The seed-file format (see the crate docs for an example).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeedFile {
    #[serde(default)]
    pub demo: bool,
    pub admin_key: Option<String>,
    #[serde(default)]
    pub verified_domains: Vec<String>,
    pub max_page_size: Option<usize>,
    #[serde(default)]
    pub accounts: Vec<AccountSeed>,
    #[serde(default)]
    pub directories: Vec<DirectorySeed>,
    pub org: Option<OrgSeed>,
    #[serde(default)]
    pub org_groups: Vec<OrgGroupSeed>,
}

/// `"org": {"id", "name", "directory_id"?, "directory_name"?}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrgSeed {
    pub id: String,
    pub name: String,
    pub directory_id: Option<String>,
    pub directory_name: Option<String>,
}

/// `"org_groups": [{"name", "members": [account ids]}]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrgGroupSeed {
    pub name: String,
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductSeed {
    key: String,
    last_active: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AccountSeed {
    account_id: String,
    email: String,
    name: String,
    nickname: Option<String>,
    account_type: Option<String>,
    picture: Option<String>,
    zoneinfo: Option<String>,
    locale: Option<String>,
    #[serde(default)]
    extended_profile: ExtendedProfileSeed,
    #[serde(default = "yes")]
    managed: bool,
    /// `active` (default), `inactive`, `pendingDeletion` or `closed`.
    status: Option<String>,
    deactivation_message: Option<String>,
    #[serde(default)]
    api_tokens: Vec<TokenSeed>,
    /// `active` (default), `suspended` or `removed`: the org directory membership.
    membership: Option<String>,
    #[serde(default)]
    product_access: Vec<ProductSeed>,
    #[serde(default)]
    roles: Vec<String>,
    added_to_org: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtendedProfileSeed {
    job_title: Option<String>,
    organization: Option<String>,
    department: Option<String>,
    location: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenSeed {
    id: String,
    label: String,
    #[serde(alias = "createdAt")]
    created_at: Option<String>,
    #[serde(alias = "lastAccess")]
    last_access: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DirectorySeed {
    pub id: String,
    pub scim_key: String,
    #[serde(default)]
    pub users: Vec<Value>,
    #[serde(default)]
    pub groups: Vec<Value>,
}

impl AccountSeed {
    pub(crate) fn into_account(self) -> Result<Account, String> {
        let status = match self.status.as_deref().unwrap_or("active") {
            "active" => LifecycleState::Active,
            "inactive" => LifecycleState::Inactive { message: self.deactivation_message },
            "pendingDeletion" => LifecycleState::PendingDeletion { requested_at: crate::time::now_iso() },
            "closed" => LifecycleState::Closed,
            other => {
                return Err(format!(
                    "account {}: unknown status '{other}' (active, inactive, pendingDeletion, closed)",
                    self.account_id
                ));
            }
        };
        let mut a = Account::new(self.account_id, self.email, self.name).status(status);
        if let Some(n) = self.nickname {
            a.nickname = n;
        }
        if let Some(t) = self.account_type {
            a.account_type = t;
        }
        if let Some(p) = self.picture {
            a.picture = p;
        }
        a.zoneinfo = self.zoneinfo;
        a.locale = self.locale;
        let e = self.extended_profile;
        a.extended_profile = ExtendedProfile {
            job_title: e.job_title,
            organization: e.organization,
            department: e.department,
            location: e.location,
        };
        a.managed = self.managed;
        a.membership = match self.membership.as_deref().unwrap_or("active") {
            "active" => crate::model::Membership::Active,
            "suspended" => crate::model::Membership::Suspended,
            "removed" => crate::model::Membership::Removed,
            other => {
                return Err(format!(
                    "account {}: unknown membership '{other}' (active, suspended, removed)",
                    a.account_id
                ));
            }
        };
        a.product_access = self
            .product_access
            .into_iter()
            .map(|p| ProductUse::new(p.key, p.last_active.as_deref()))
            .collect();
        a.roles = self.roles;
        if let Some(at) = self.added_to_org {
            a.added_to_org = at;
        }
        for t in self.api_tokens {
            let mut token = ApiToken::new(t.id, t.label);
            if let Some(c) = t.created_at {
                token.created_at = c;
            }
            token.last_access = t.last_access;
            a.api_tokens.push(token);
        }
        Ok(a)
    }
}
