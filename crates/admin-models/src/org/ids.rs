//! Typed ids of the Organizations API. Each is one path segment when it goes into a URL.
//!
//! An org group id is not a SCIM group id, and an org directory id is not a SCIM directory id
//! (the Organizations API has its own directory ids and the `-` "all directories" value):
//!
//! ```compile_fail
//! use admin_models::GroupId;
//! use admin_models::org::OrgGroupId;
//! fn delete(_group: &OrgGroupId) {}
//! delete(&GroupId::new("g-1").unwrap()); // error: expected `OrgGroupId`, found `GroupId`
//! ```

use crate::ids::{Rules, not_control};

id_type!(
    /// The id of an organization (`{orgId}`), e.g. `0cc7e8d6-8e27-4e2a-b5a6-6bbd2fde7b0a`.
    OrgId,
    Rules { kind: "OrgId", max_len: None, allowed: not_control }
);

id_type!(
    /// The id of a directory of an organization (`{directoryId}` of the v2 users and groups
    /// endpoints). [`OrgDirectoryId::all`] is the `-` value: every directory the key may manage.
    OrgDirectoryId,
    Rules { kind: "OrgDirectoryId", max_len: None, allowed: not_control }
);

impl OrgDirectoryId {
    /// The wire value meaning "all directories".
    pub const ALL: &'static str = "-";

    /// `-`: every directory the API key may manage.
    pub fn all() -> Self {
        Self(Self::ALL.to_owned())
    }

    /// Whether this is the `-` "all directories" value.
    pub fn is_all(&self) -> bool {
        self.0 == Self::ALL
    }
}

impl Default for OrgDirectoryId {
    /// [`OrgDirectoryId::all`].
    fn default() -> Self {
        Self::all()
    }
}

id_type!(
    /// The id of a group of the Organizations API (`{groupId}` of `/v2/…/groups/{groupId}`), not
    /// the SCIM `GroupId`.
    OrgGroupId,
    Rules { kind: "OrgGroupId", max_len: None, allowed: not_control }
);

id_type!(
    /// A role id, e.g. `atlassian/user` or `atlassian/org-admin`. Sent in bodies and queries only.
    RoleId,
    Rules { kind: "RoleId", max_len: None, allowed: not_control }
);

macro_rules! known_roles {
    ($($(#[$doc:meta])* $fn_name:ident = $wire:literal,)*) => {
        impl RoleId {
            $(
                $(#[$doc])*
                pub fn $fn_name() -> Self {
                    Self($wire.to_owned())
                }
            )*
        }
    };
}

known_roles! {
    /// `atlassian/user`: product access without admin permissions.
    user = "atlassian/user",
    /// `atlassian/admin`: product access with product admin permissions.
    admin = "atlassian/admin",
    /// `atlassian/guest`: access to one space only.
    guest = "atlassian/guest",
    /// `atlassian/customer`: Jira Service Management help centre (non-billable).
    customer = "atlassian/customer",
    /// `atlassian/user-access-admin`: administers users and groups of a product.
    user_access_admin = "atlassian/user-access-admin",
    /// `atlassian/contributor`: view, comment and vote (non-billable).
    contributor = "atlassian/contributor",
    /// `atlassian/basic`: basic product features (non-billable).
    basic = "atlassian/basic",
    /// `atlassian/stakeholder`: incident updates (Premium and Enterprise).
    stakeholder = "atlassian/stakeholder",
    /// `atlassian/org-admin`: organization admin.
    org_admin = "atlassian/org-admin",
    /// `atlassian/site-admin`: site admin.
    site_admin = "atlassian/site-admin",
    /// `atlassian/ai-access`: AI features.
    ai_access = "atlassian/ai-access",
}

id_type!(
    /// The id of a resource (a product instance / workspace), usually an ARI such as
    /// `ari:cloud:jira-software::site/1`. Sent in bodies and queries.
    ResourceId,
    Rules { kind: "ResourceId", max_len: None, allowed: not_control }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_all_directories_value_is_a_dash() {
        assert_eq!(OrgDirectoryId::all().as_str(), "-");
        assert!(OrgDirectoryId::all().is_all());
        assert!(OrgDirectoryId::new("-").unwrap().is_all());
        assert!(!OrgDirectoryId::new("d-1").unwrap().is_all());
        assert_eq!(OrgDirectoryId::default(), OrgDirectoryId::all());
    }

    #[test]
    fn role_ids_name_the_documented_roles() {
        assert_eq!(RoleId::org_admin().as_str(), "atlassian/org-admin");
        assert_eq!(RoleId::user(), "atlassian/user");
        assert!(OrgId::new("").is_err());
    }
}
