//! The Organizations REST API (`https://api.atlassian.com/admin/v1|v2/orgs/{orgId}/…`, org admin
//! API key): organizations, directories, users and groups across directories, roles,
//! last-active dates, invitations, and the API's error bodies.
//!
//! Field names are the wire's (camelCase on v2, snake_case on v1). Enums are open (a new value
//! decodes as `Unknown`), unknown members are kept in `extra`, and timestamps are typed
//! ([`time::OffsetDateTime`], [`time::Date`]).

mod construct;
mod directory;
mod domains;
mod error;
mod events;
mod group;
mod ids;
mod invite;
mod last_active;
mod managed_account;
mod organization;
pub(crate) mod page;
mod policies;
mod product;
mod role;
mod scim_links;
mod timestamp;
mod user;
mod workspaces;

pub use directory::OrgDirectory;
pub use domains::{ClaimType, Domain, DomainAttributes, DomainClaim, DomainClaimStatus, DomainId};
pub use error::{AdminErrorCode, ApplicationError, ApplicationErrors, ProxyError};
pub use events::{
    AuthType, Event, EventAction, EventActionAttributes, EventActionInfo, EventActor, EventActorAuth,
    EventAttributes, EventId, EventLocation, EventMessage, EventObject, EventProduct, LocationFilter,
};
pub use group::{
    DirectoryGroup, GroupCounts, GroupExpand, GroupManagedBy, GroupSearch, GroupSortField, GroupStats,
    GroupTotals, GroupType, GroupTypeCount, ManagementAccess, NewGroup, NewMembership,
};
pub use ids::{OrgDirectoryId, OrgGroupId, OrgId, ResourceId, RoleId};
pub use invite::{
    Invitation, InvitationResult, InviteAssignment, InviteAssignments, InviteRole, InviteStatus, InvitedUser,
};
pub use last_active::{LastActivePage, ProductLastActive, UserProductAccess};
pub use managed_account::{ManagedAccount, ManagedProductAccess};
pub use organization::{Org, OrgAttributes};
pub use page::{Count, Data, Page, PageLinks, PageMeta, SelfLink};
pub use policies::{
    ApplicationStatus, Policy, PolicyAttributes, PolicyId, PolicyInput, PolicyResource, PolicyResourceId,
    PolicyResourceLinks, PolicyResourceMeta, PolicyResourceUpdate, PolicyRule, PolicyStatus, PolicyType,
};
pub use product::{AccountStatus, AccountType, ProductKey, SortBy, SortDirection};
pub use role::{
    GroupRoleAssignment, GroupRoleChange, OrgRoleChange, RoleAssignment, RoleAssignmentMethod,
    UserRoleAssignment, UserRoleChange,
};
pub use scim_links::{ScimLink, ScimLinks, ScimLinksForEmail};
pub use user::{
    AccountStatusCount, ClaimStatus, DirectoryUser, ManagementSource, MembershipStatus, ProductAccess,
    RoleCount, UserCounts, UserExpand, UserGroup, UserSearch, UserSortField, UserStats, UserStatus,
};
pub use workspaces::{
    Workspace, WorkspaceAttributes, WorkspaceId, WorkspaceQuery, WorkspaceSearch, WorkspaceSort,
    WorkspaceStatus,
};

pub use time;
