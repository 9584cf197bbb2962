//! What the tour acts on, shared by both facades' runs.

use admin_api::models::AccountId;

/// What the user management tour acts on.
pub struct UserManagementTarget {
    /// The account to read (and, with writes allowed, to change and restore).
    pub account_id: AccountId,
    /// Whether data may be changed.
    pub allow_writes: bool,
    /// An address on a verified domain for `set_email`, restored afterwards.
    pub spare_email: Option<String>,
}

/// What the provisioning (SCIM) tour acts on.
pub struct ProvisioningTarget {
    /// Whether data may be changed.
    pub allow_writes: bool,
    /// A verified domain for the temporary user the tour creates (and deactivates).
    pub domain: Option<String>,
    /// Makes the temporary user and group names unique to this run.
    pub run_id: String,
}

/// What the Organizations tour acts on.
pub struct OrganizationTarget {
    /// Whether data may be changed.
    pub allow_writes: bool,
    /// An account to suspend and restore, and to add to (and remove from) a temporary group.
    pub account_id: Option<AccountId>,
    /// An account to remove from the org's directories (cannot be undone).
    pub removable_account_id: Option<AccountId>,
    /// Makes the temporary group's name unique to this run.
    pub run_id: String,
}
