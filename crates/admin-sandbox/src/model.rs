//! The sandbox's view of an Atlassian account, as seeded and as inspected from tests.

use admin_models::user_management::{
    AccountCharacteristics, AccountStatus, AccountType, AtlassianAccountUser,
    ExtendedProfile as WireExtendedProfile,
};

use crate::http::wire_id;

/// The default avatar URL given to accounts without one.
pub const DEFAULT_PICTURE: &str = "https://avatar-management.services.atlassian.com/default/48";

/// An Atlassian account as the sandbox holds it.
///
/// Build one for seeding with [`Account::new`] and the chained setters; read one back with
/// [`SandboxHandle::account`](crate::SandboxHandle::account).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Account {
    /// `account_id`, e.g. `557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0`.
    pub account_id: String,
    /// `account_type`: `atlassian`, `customer` or `app`.
    pub account_type: String,
    /// Full name.
    pub name: String,
    /// Public name (≤ 30 characters).
    pub nickname: String,
    /// Email address.
    pub email: String,
    /// Avatar URL.
    pub picture: String,
    /// Time zone, e.g. `America/Los_Angeles`.
    pub zoneinfo: Option<String>,
    /// Locale, e.g. `en-US`.
    pub locale: Option<String>,
    /// Job title, organization, department and location.
    pub extended_profile: ExtendedProfile,
    /// Whether the organization manages the account (its email domain is verified by the org).
    /// Unmanaged accounts can be read but not changed.
    pub managed: bool,
    /// Where the account is in its lifecycle.
    pub status: LifecycleState,
    /// The SCIM directory that provisions the account, if any (set by SCIM `POST /Users`,
    /// cleared by SCIM `DELETE`). A SCIM-managed account's name, email, lifecycle and
    /// extended profile can only be changed through SCIM.
    pub scim_directory: Option<String>,
    /// The account's API tokens.
    pub api_tokens: Vec<ApiToken>,
    /// How many times the account's sessions were invalidated (each successful email change).
    pub sessions_invalidated: u32,
    /// Its membership of the organization's directory (Organizations API v2): suspended by
    /// `…/users/{accountId}/suspend`, removed by `DELETE …/users/{accountId}`.
    pub membership: Membership,
    /// The products it can use, with when it last used each (not shown while suspended).
    pub product_access: Vec<ProductUse>,
    /// Its platform roles (role ids such as `atlassian/org-admin`).
    pub roles: Vec<String>,
    /// When it joined the organization (ISO 8601).
    pub added_to_org: String,
}

/// An account's membership of the organization's directory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Membership {
    /// A member with access (`membershipStatus: active`).
    #[default]
    Active,
    /// Access suspended: roles and groups kept, products hidden (`membershipStatus: suspended`).
    Suspended,
    /// Removed from the directory: roles, groups and product access gone; not listed.
    Removed,
}

/// Access to one product.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProductUse {
    /// The product key, e.g. `jira-software`, `confluence`.
    pub key: String,
    /// When the account last used it (ISO 8601 UTC), if ever.
    pub last_active: Option<String>,
}

impl ProductUse {
    /// Access to `key`, last used at `last_active`.
    pub fn new(key: impl Into<String>, last_active: Option<&str>) -> Self {
        Self { key: key.into(), last_active: last_active.map(str::to_owned) }
    }
}

/// Optional profile details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExtendedProfile {
    /// `extended_profile.job_title`.
    pub job_title: Option<String>,
    /// `extended_profile.organization`.
    pub organization: Option<String>,
    /// `extended_profile.department`.
    pub department: Option<String>,
    /// `extended_profile.location`.
    pub location: Option<String>,
}

/// An account's lifecycle state.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LifecycleState {
    /// Active (`account_status: active`).
    Active,
    /// Deactivated by `lifecycle/disable` or by SCIM (`account_status: inactive`).
    Inactive {
        /// The message given to `disable`, shown to the user on attempted log-in.
        message: Option<String>,
    },
    /// Deleted, within the 14-day grace period (`account_status: inactive`); `cancel-delete`
    /// restores and activates it.
    PendingDeletion {
        /// When the deletion was requested (ISO 8601).
        requested_at: String,
    },
    /// Deleted for good (`account_status: closed`); see
    /// [`SandboxHandle::expire_pending_deletions`](crate::SandboxHandle::expire_pending_deletions).
    Closed,
}

impl LifecycleState {
    /// The `account_status` shown on the wire.
    pub fn wire_status(&self) -> &'static str {
        match self {
            LifecycleState::Active => "active",
            LifecycleState::Inactive { .. } | LifecycleState::PendingDeletion { .. } => "inactive",
            LifecycleState::Closed => "closed",
        }
    }

    /// The wire [`AccountStatus`].
    pub(crate) fn account_status(&self) -> AccountStatus {
        AccountStatus::from(self.wire_status())
    }
}

/// An API token of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiToken {
    /// Token id (used in `DELETE …/api-tokens/{tokenId}`).
    pub id: String,
    /// Human-readable label.
    pub label: String,
    /// Creation time (ISO 8601 UTC).
    pub created_at: String,
    /// Last use (ISO 8601 UTC), if ever used.
    pub last_access: Option<String>,
}

impl ApiToken {
    /// A token created now and never used.
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self { id: id.into(), label: label.into(), created_at: crate::time::now_iso(), last_access: None }
    }

    /// Sets the creation time (ISO 8601 UTC).
    pub fn created_at(mut self, at: impl Into<String>) -> Self {
        self.created_at = at.into();
        self
    }

    /// Sets the last-use time.
    pub fn last_access(mut self, at: impl Into<String>) -> Self {
        self.last_access = Some(at.into());
        self
    }

    /// The admin-models [`ApiToken`](admin_models::user_management::ApiToken) on the wire.
    pub(crate) fn to_wire(&self) -> admin_models::user_management::ApiToken {
        admin_models::user_management::ApiToken {
            id: wire_id(&self.id),
            label: self.label.clone(),
            created_at: self.created_at.clone(),
            last_access: self.last_access.clone(),
            extra: Default::default(),
        }
    }
}

impl Account {
    /// A managed, active `atlassian` account; the nickname defaults to the email's local part.
    pub fn new(account_id: impl Into<String>, email: impl Into<String>, name: impl Into<String>) -> Self {
        let email = email.into();
        let nickname: String = email.split('@').next().unwrap_or_default().chars().take(30).collect();
        Self {
            account_id: account_id.into(),
            account_type: "atlassian".into(),
            name: name.into(),
            nickname,
            email,
            picture: DEFAULT_PICTURE.into(),
            zoneinfo: None,
            locale: None,
            extended_profile: ExtendedProfile::default(),
            managed: true,
            status: LifecycleState::Active,
            scim_directory: None,
            api_tokens: Vec::new(),
            sessions_invalidated: 0,
            membership: Membership::Active,
            product_access: Vec::new(),
            roles: Vec::new(),
            added_to_org: crate::time::now_iso(),
        }
    }

    /// Gives access to a product, last used at `last_active` (ISO 8601 UTC).
    pub fn product(mut self, key: impl Into<String>, last_active: Option<&str>) -> Self {
        self.product_access.push(ProductUse::new(key, last_active));
        self
    }

    /// Adds a platform role (e.g. `atlassian/org-admin`).
    pub fn role(mut self, role: impl Into<String>) -> Self {
        self.roles.push(role.into());
        self
    }

    /// Sets when the account joined the organization (ISO 8601).
    pub fn added_to_org(mut self, at: impl Into<String>) -> Self {
        self.added_to_org = at.into();
        self
    }

    /// Sets its directory membership.
    pub fn membership(mut self, membership: Membership) -> Self {
        self.membership = membership;
        self
    }

    /// Sets the nickname.
    pub fn nickname(mut self, nickname: impl Into<String>) -> Self {
        self.nickname = nickname.into();
        self
    }

    /// Sets the time zone.
    pub fn zoneinfo(mut self, zoneinfo: impl Into<String>) -> Self {
        self.zoneinfo = Some(zoneinfo.into());
        self
    }

    /// Sets the locale.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Sets the job title.
    pub fn job_title(mut self, v: impl Into<String>) -> Self {
        self.extended_profile.job_title = Some(v.into());
        self
    }

    /// Sets the department.
    pub fn department(mut self, v: impl Into<String>) -> Self {
        self.extended_profile.department = Some(v.into());
        self
    }

    /// Sets the organization.
    pub fn organization(mut self, v: impl Into<String>) -> Self {
        self.extended_profile.organization = Some(v.into());
        self
    }

    /// Sets the location.
    pub fn location(mut self, v: impl Into<String>) -> Self {
        self.extended_profile.location = Some(v.into());
        self
    }

    /// Marks the account as not managed by the organization.
    pub fn unmanaged(mut self) -> Self {
        self.managed = false;
        self
    }

    /// Sets the account type (`atlassian`, `customer`, `app`).
    pub fn account_type(mut self, t: impl Into<String>) -> Self {
        self.account_type = t.into();
        self
    }

    /// Sets the lifecycle state.
    pub fn status(mut self, status: LifecycleState) -> Self {
        self.status = status;
        self
    }

    /// Adds an API token.
    pub fn api_token(mut self, token: ApiToken) -> Self {
        self.api_tokens.push(token);
        self
    }

    /// Whether a SCIM directory provisions the account.
    pub fn is_scim_managed(&self) -> bool {
        self.scim_directory.is_some()
    }

    /// The [`AtlassianAccountUser`] wire object.
    pub fn to_wire(&self) -> AtlassianAccountUser {
        let p = &self.extended_profile;
        AtlassianAccountUser {
            account_id: wire_id(&self.account_id),
            account_type: Some(AccountType::from(self.account_type.as_str())),
            account_status: Some(self.status.account_status()),
            name: Some(self.name.clone()),
            nickname: Some(self.nickname.clone()),
            email: Some(self.email.clone()),
            picture: Some(self.picture.clone()),
            zoneinfo: self.zoneinfo.clone(),
            locale: self.locale.clone(),
            extended_profile: Some(WireExtendedProfile {
                job_title: p.job_title.clone(),
                organization: p.organization.clone(),
                department: p.department.clone(),
                location: p.location.clone(),
                extra: Default::default(),
            }),
            characteristics: Some(AccountCharacteristics {
                not_mentionable: Some(false),
                extra: Default::default(),
            }),
            extra: Default::default(),
        }
    }
}
