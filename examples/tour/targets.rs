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
