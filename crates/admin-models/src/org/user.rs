//! Users of an organization's directories (v2): `/v2/orgs/{orgId}/directories/{directoryId}/users…`.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::page::null_as_empty;
use super::{
    AccountStatus, AccountType, OrgDirectoryId, OrgGroupId, ProductKey, ResourceId, RoleId, SelfLink, SortBy,
};
use crate::AccountId;
use crate::Extra;

string_enum!(
    /// A user's overall status, composed of account and membership status.
    UserStatus {
        /// `active`: account active, membership active.
        Active = "active",
        /// `suspended`: account active, membership suspended.
        Suspended = "suspended",
        /// `not_invited`: account active, no membership.
        NotInvited = "not_invited",
        /// `deactivated`: account inactive.
        Deactivated = "deactivated",
        /// `for_deletion`: a managed account scheduled for deletion.
        ForDeletion = "for_deletion",
    }
);

string_enum!(
    /// A user's membership in the org's directories.
    MembershipStatus {
        /// `active`: member of one or more directories.
        Active = "active",
        /// `suspended`: suspended in every directory the key may see.
        Suspended = "suspended",
        /// `no_membership`: in none of the org's directories.
        NoMembership = "no_membership",
    }
);

string_enum!(
    /// Whether the org manages (has claimed) the account.
    ClaimStatus {
        /// `managed`: a managed account (verified domain).
        Managed = "managed",
        /// `unmanaged`: not managed by the org.
        Unmanaged = "unmanaged",
    }
);

string_enum!(
    /// How a managed account came into a directory.
    ManagementSource {
        /// `invited`: invited by an admin.
        Invited = "invited",
        /// `synced`: provisioned by an identity provider.
        Synced = "synced",
    }
);

string_enum!(
    /// Extra fields a user search can return (`expand`).
    UserExpand {
        /// `platformRoles`: org-level admin roles.
        PlatformRoles = "platformRoles",
        /// `counts.resources`: how many resources the user can access.
        CountsResources = "counts.resources",
        /// `productAccess`: the last-active timestamp per product.
        ProductAccess = "productAccess",
        /// `groups`: group memberships in the directory.
        Groups = "groups",
    }
);

string_enum!(
    /// Fields users can be sorted by.
    UserSortField {
        /// `nick_name`.
        NickName = "nick_name",
    }
);

/// A user of the org's directories (`MultiDirectoryUser`; the details endpoint returns the same
/// fields but `productAccess`, `groups` and `links`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct DirectoryUser {
    /// The account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    /// The account type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// The composite status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    /// The account's lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_status: Option<AccountStatus>,
    /// The membership status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_status: Option<MembershipStatus>,
    /// When the user was first added to a directory the key may see.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::datetime")]
    pub added_to_org: Option<OffsetDateTime>,
    /// When the account was deactivated.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::datetime")]
    pub deactivated_on: Option<OffsetDateTime>,
    /// The full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// The email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the user verified their email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// Managed or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_status: Option<ClaimStatus>,
    /// Org-level admin roles (with `expand=platformRoles`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub platform_roles: Vec<RoleId>,
    /// The profile picture URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The public avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// How a managed account was added (`null`: unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_source: Option<ManagementSource>,
    /// Whether two-step verification is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_enabled: Option<bool>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Counts (with `expand=counts.resources`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<UserCounts>,
    /// Last activity per product (with `expand=productAccess`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub product_access: Vec<ProductAccess>,
    /// Group memberships in the directory (with `expand=groups`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub groups: Vec<UserGroup>,
    /// `{"self": cursor}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Whether a managed account is scheduled for deletion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_deletion: Option<bool>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(DirectoryUser);

impl DirectoryUser {
    /// The most recent `lastActiveTimestamp` over every product, with `expand=productAccess`.
    pub fn last_active(&self) -> Option<OffsetDateTime> {
        self.product_access.iter().filter_map(|p| p.last_active_timestamp).max()
    }
}

/// Counts of a user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct UserCounts {
    /// How many resources the user has roles on (in directories the key may manage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(UserCounts);

/// Last activity in one product instance (`MultiDirectoryProductAccess`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ProductAccess {
    /// The product key, e.g. `jira-software`, `confluence` (open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<ProductKey>,
    /// The product instance id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When the user was last active there.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::datetime")]
    pub last_active_timestamp: Option<OffsetDateTime>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ProductAccess);

/// A group a user belongs to (`MultiDirectoryUserGroup`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct UserGroup {
    /// The group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<OrgGroupId>,
    /// The group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The group description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(UserGroup);

/// User statistics of the org (`MultiDirectoryUserStats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct UserStats {
    /// Users per role.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub roles: Vec<RoleCount>,
    /// Users per account status.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub account_status: Vec<AccountStatusCount>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(UserStats);

/// How many users have a role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct RoleCount {
    /// The role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<RoleId>,
    /// How many users have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(RoleCount);

/// How many accounts have a status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct AccountStatusCount {
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    /// How many accounts have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(AccountStatusCount);

/// The filters of a user search (`MultiDirectoryUserSearchRequest`): the body of
/// `POST …/users/search`, and — but `emails`, `expand` — the query of the list and count calls.
/// Empty lists and `None` are left out. Limits (checked by the client before sending):
/// `accountIds` ≤ 10, `groupIds` ≤ 10, `resourceIds` ≤ 20, `emails` XOR `searchTerm`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct UserSearch {
    /// Where the page starts (from the previous page's `links.next`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Page size (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only these accounts (≤ 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_ids: Vec<AccountId>,
    /// Only these directories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directory_ids: Vec<OrgDirectoryId>,
    /// Only users with roles on these resources (ARIs, ≤ 20).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_ids: Vec<ResourceId>,
    /// Only members of these groups (≤ 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_ids: Vec<OrgGroupId>,
    /// Only users with (or without) two-step verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_enabled: Option<bool>,
    /// Only managed or unmanaged accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_status: Option<ClaimStatus>,
    /// Only these composite statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<UserStatus>,
    /// Only these account statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_status: Vec<AccountStatus>,
    /// Only these membership statuses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub membership_status: Vec<MembershipStatus>,
    /// Only users with these roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_ids: Vec<RoleId>,
    /// Only emails on these domains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_domains: Vec<String>,
    /// Free text over names and emails (not with `emails`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_term: Option<String>,
    /// Exact email addresses (not with `searchTerm`; search only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Extra fields to return (search only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expand: Vec<UserExpand>,
    /// Sort order (one key).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sort_by: Vec<SortBy<UserSortField>>,
    /// Members this version does not know, sent as given.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(UserSearch);
