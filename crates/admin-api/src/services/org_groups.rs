//! Groups of the org's directories (v2): search, create, delete, roles and members.

use admin_models::AccountId;
use admin_models::org::{
    Count, DirectoryGroup, GroupExpand, GroupRoleAssignment, GroupRoleChange, GroupSearch, GroupSortField,
    GroupStats, NewGroup, OrgDirectoryId, OrgGroupId, Page, ResourceId, RoleId, SortBy,
};

use super::{OrgService, Paged, RoleAssignments, maybe};
use crate::common::error::Error;
use crate::common::setters::setters;
use crate::plan::org as plan;

/// The groups of one directory of the org, or of all of them (`-`, the default). Made by
/// [`OrgService::groups`]; cheap to clone.
///
/// Every call needs the **org admin API key**; errors common to all calls are listed on
/// [`OrgService`]. A group that does not exist answers 404 `ADMIN-404-10`.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::models::org::{NewGroup, OrgDirectoryId};
/// # let org = admin_api::blocking::OrgService::from_env()?;
/// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
/// let groups = org.groups().directory(OrgDirectoryId::new("d-1")?);
/// groups.create(&NewGroup::new("auditors").description("read-only reviewers"))?;
/// let found = groups.search().group_names(["auditors"]).send()?;
/// if let Some(id) = found.data.first().and_then(|g| g.id.clone()) {
///     groups.add_member(&id, &account)?;
/// }
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct OrgGroups {
    org: OrgService,
    directory: OrgDirectoryId,
}

impl OrgGroups {
    pub(crate) fn new(org: OrgService, directory: OrgDirectoryId) -> Self {
        Self { org, directory }
    }

    /// This handle, on one directory instead of all (`-`).
    #[must_use]
    pub fn directory(mut self, directory: OrgDirectoryId) -> Self {
        self.directory = directory;
        self
    }

    /// The directory the calls address (`-`: all).
    pub fn directory_id(&self) -> &OrgDirectoryId {
        &self.directory
    }

    /// The group search (#25): filters in the body, paged by a bare cursor in `links.next`.
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search` · org admin API key.
    pub fn search(&self) -> SearchGroups {
        SearchGroups { groups: self.clone(), search: GroupSearch::default() }
    }

    /// The deprecated group list (#26): the same filters as query parameters (no
    /// `groupNames`, `expand`, `sortBy`).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups` · org admin API key.
    #[deprecated(note = "DEP27: Atlassian stops this endpoint after 2027-06-30; use `search()`")]
    pub fn list(&self) -> ListGroups {
        ListGroups { groups: self.clone(), search: GroupSearch::default() }
    }

    /// Counts groups matching filters (#30).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/count` · org admin API key.
    pub fn count(&self) -> CountGroups {
        CountGroups { groups: self.clone(), search: GroupSearch::default() }
    }

    /// The role assignments of a group (#32), paged by a bare cursor in `links.next`.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments`
    /// · org admin API key.
    pub fn role_assignments(&self, group: &OrgGroupId) -> GroupRoleAssignments {
        RoleAssignments::new(
            self.org.clone(),
            self.directory.clone(),
            group.clone(),
            plan::group_role_assignments,
        )
    }
}

#[maybe]
impl OrgGroups {
    /// Creates a group in the directory (#27) and returns it when the server sends it back
    /// (the published shape has no body). **Changes data.** Not retried unless the retry policy
    /// opts in.
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups` · org admin API key.
    ///
    /// # Errors
    /// [`Error::Build`] for an empty name; 409 for a name in use; as [`OrgService`].
    pub async fn create(&self, group: &NewGroup) -> Result<Option<DirectoryGroup>, Error> {
        let plan = plan::create_group(self.org.org_id(), &self.directory, group)?;
        let response = self.org.send(&plan).await?;
        plan::decode_created_group(&plan, &response)
    }

    /// Deletes a group (#28): members lose what it granted. **Changes data.**
    ///
    /// `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}` · org admin API
    /// key.
    ///
    /// # Errors
    /// 409 `ADMIN-409-5` group not empty; 403 `ADMIN-403-6` / `ADMIN-403-7` for groups that
    /// grant default or admin roles; 404 `ADMIN-404-10`; as [`OrgService`].
    pub async fn delete(&self, group: &OrgGroupId) -> Result<(), Error> {
        let plan = plan::delete_group(self.org.org_id(), &self.directory, group)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// A group's details (#29).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}` · org admin API
    /// key.
    ///
    /// # Errors
    /// 404 `ADMIN-404-10`; as [`OrgService`].
    pub async fn get(&self, group: &OrgGroupId) -> Result<DirectoryGroup, Error> {
        let plan = plan::get_group(self.org.org_id(), &self.directory, group)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// Group statistics (#31).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/stats` · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn stats(&self) -> Result<GroupStats, Error> {
        let plan = plan::group_stats(self.org.org_id(), &self.directory)?;
        let response = self.org.send(&plan).await?;
        plan::decode(&plan, &response)
    }

    /// Grants a role on a resource to every member (#33). **Changes data.**
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/assign`
    /// · org admin API key.
    ///
    /// # Errors
    /// 409 `ADMIN-409-3` licence limit; as [`OrgService`].
    pub async fn assign_role(&self, group: &OrgGroupId, change: &GroupRoleChange) -> Result<(), Error> {
        let plan = plan::assign_group_role(self.org.org_id(), &self.directory, group, change)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Revokes a role from the group (#34). **Changes data.**
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/revoke`
    /// · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn revoke_role(&self, group: &OrgGroupId, change: &GroupRoleChange) -> Result<(), Error> {
        let plan = plan::revoke_group_role(self.org.org_id(), &self.directory, group, change)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Adds a member (#35). Not for groups synced from an identity provider, nor (after the
    /// "Units" rollout) the org-admin group. **Changes data.**
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships` · org
    /// admin API key.
    ///
    /// # Errors
    /// 409 `ADMIN-409-3` when a product of the group is at its licence limit; 403 `ADMIN-403-5`;
    /// as [`OrgService`].
    pub async fn add_member(&self, group: &OrgGroupId, account: &AccountId) -> Result<(), Error> {
        let plan = plan::add_group_member(self.org.org_id(), &self.directory, group, account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Removes a member (#36). **Changes data.**
    ///
    /// `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}`
    /// · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn remove_member(&self, group: &OrgGroupId, account: &AccountId) -> Result<(), Error> {
        let plan = plan::remove_group_member(self.org.org_id(), &self.directory, group, account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }
}

/// The filter setters shared by [`SearchGroups`], [`ListGroups`] and [`CountGroups`].
macro_rules! group_filters {
    ($ty:ident) => {
        impl $ty {
            /// Replaces every filter with `search` (its `cursor`, if any, starts the walk).
            pub fn filters(mut self, search: GroupSearch) -> Self {
                self.search = search;
                self
            }

            setters! { self.search;
                /// `accountIds`: only groups with these members (at most 10).
                extend account_ids(ids: AccountId) => account_ids;
                /// `directoryIds`.
                extend directory_ids(ids: OrgDirectoryId) => directory_ids;
                /// `roleIds`.
                extend role_ids(ids: RoleId) => role_ids;
                /// `resourceOwners`.
                extend_into resource_owners(owners) => resource_owners;
                /// `resourceIds` (at most 20).
                extend resource_ids(ids: ResourceId) => resource_ids;
                /// `searchTerm`: free text over the name.
                set_into search_term(term) => search_term;
                /// `groupIds` (at most 10).
                extend group_ids(ids: OrgGroupId) => group_ids;
            }
        }
    };
}

group_filters!(SearchGroups);
group_filters!(ListGroups);
group_filters!(CountGroups);

/// A group search. Made by [`OrgGroups::search`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct SearchGroups {
    groups: OrgGroups,
    search: GroupSearch,
}

impl SearchGroups {
    setters! { self.search;
        /// `groupNames`: exact names, case-insensitive. Not with `searchTerm` or `groupIds`.
        extend_into group_names(names) => group_names;
        /// `expand`: `counts.users`, `counts.resources`.
        extend expand(expand: GroupExpand) => expand;
        /// `limit`: page size, 1–100 (server default 20).
        set page_size(limit: u32) => limit;
    }

    /// `sortBy`: one sort key.
    pub fn sort_by(mut self, sort: SortBy<GroupSortField>) -> Self {
        self.search.sort_by = vec![sort];
        self
    }

    /// The paged request.
    pub fn pages(self) -> Paged<Page<DirectoryGroup>> {
        let start = self.search.cursor.clone();
        self.groups.org.directory_paged(&self.groups.directory, self.search, start, plan::search_groups)
    }
}

#[maybe]
impl SearchGroups {
    /// One page.
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search` · org admin API key.
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent): `groupNames` with `searchTerm` or `groupIds`, too many
    /// ids, `limit` outside 1–100; as [`Paged::send`].
    pub async fn send(self) -> Result<Page<DirectoryGroup>, Error> {
        self.pages().send().await
    }

    /// Every matching group.
    ///
    /// # Errors
    /// As [`send`](Self::send); [`Error::Paging`].
    pub async fn all(self) -> Result<Vec<DirectoryGroup>, Error> {
        self.pages().all().await
    }
}

/// The deprecated group list. Made by [`OrgGroups::list`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct ListGroups {
    groups: OrgGroups,
    search: GroupSearch,
}

impl ListGroups {
    setters! { self.search;
        /// `limit`: page size, 1–100.
        set page_size(limit: u32) => limit;
    }

    /// The paged request.
    #[allow(deprecated)]
    pub fn pages(self) -> Paged<Page<DirectoryGroup>> {
        let start = self.search.cursor.clone();
        self.groups.org.directory_paged(&self.groups.directory, self.search, start, plan::list_groups)
    }
}

#[maybe]
impl ListGroups {
    /// One page.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups` · org admin API key.
    ///
    /// # Errors
    /// As [`SearchGroups::send`].
    pub async fn send(self) -> Result<Page<DirectoryGroup>, Error> {
        self.pages().send().await
    }

    /// Every matching group.
    ///
    /// # Errors
    /// As [`SearchGroups::all`].
    pub async fn all(self) -> Result<Vec<DirectoryGroup>, Error> {
        self.pages().all().await
    }
}

/// A group count. Made by [`OrgGroups::count`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct CountGroups {
    groups: OrgGroups,
    search: GroupSearch,
}

#[maybe]
impl CountGroups {
    /// Sends the count request.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/count` · org admin API key.
    ///
    /// # Errors
    /// As [`SearchGroups::send`].
    pub async fn send(self) -> Result<Count, Error> {
        let plan = plan::count_groups(self.groups.org.org_id(), &self.groups.directory, &self.search)?;
        let response = self.groups.org.send(&plan).await?;
        plan::decode(&plan, &response)
    }
}

/// The role assignments of a group (#32), paged by a bare cursor in `links.next`. Made by
/// [`OrgGroups::role_assignments`]; the setters, `send`, `all` and `pages` are those of
/// [`RoleAssignments`].
///
/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments`
/// · org admin API key.
pub type GroupRoleAssignments = RoleAssignments<OrgGroupId, GroupRoleAssignment>;
