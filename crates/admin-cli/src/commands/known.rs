//! Value parsers for the API's string enums: a value the API does not document is refused
//! before anything is sent, with the accepted values listed.

/// `known!(fn_name, Type, ["a", "b"])`: a clap value parser accepting only the listed values.
macro_rules! known {
    ($name:ident, $ty:ty, [$($value:literal),+ $(,)?]) => {
        pub fn $name(value: &str) -> Result<$ty, String> {
            const ACCEPTED: &[&str] = &[$($value),+];
            if ACCEPTED.contains(&value) {
                Ok(<$ty>::from(value))
            } else {
                Err(format!("expected one of: {}", ACCEPTED.join(", ")))
            }
        }
    };
}

use admin_api::models::org::{
    AccountStatus, ClaimStatus, GroupExpand, MembershipStatus, UserExpand, UserStatus,
};

known!(user_status, UserStatus, ["active", "suspended", "not_invited", "deactivated", "for_deletion"]);
known!(account_status, AccountStatus, ["active", "inactive", "closed"]);
known!(membership_status, MembershipStatus, ["active", "suspended", "no_membership"]);
known!(claim_status, ClaimStatus, ["managed", "unmanaged"]);
known!(user_expand, UserExpand, ["platformRoles", "counts.resources", "productAccess", "groups"]);
known!(group_expand, GroupExpand, ["counts.users", "counts.resources"]);
