//! The role-assignment listings of a group (#32) and of a user (#11): one builder for both.

use std::fmt;

use admin_models::org::{OrgDirectoryId, OrgId, Page, ResourceId, RoleId};

use super::{OrgService, Paged, maybe};
use crate::common::error::{BuildError, Error};
use crate::common::plan::RequestPlan;
use crate::common::setters::setters;
use crate::plan::org::{CursorPage, PageShape, RoleAssignmentQuery};

/// Plans one page of the listing of `holder`'s role assignments.
type PlanFn<H> =
    fn(&OrgId, &OrgDirectoryId, &H, &RoleAssignmentQuery, Option<&str>) -> Result<RequestPlan, BuildError>;

/// The role assignments of a group or of a user, paged by a bare cursor in `links.next`:
/// [`GroupRoleAssignments`](super::GroupRoleAssignments) (made by
/// [`OrgGroups::role_assignments`](super::OrgGroups::role_assignments)) and
/// [`UserRoleAssignments`](super::UserRoleAssignments) (made by
/// [`OrgUsers::role_assignments`](super::OrgUsers::role_assignments)).
///
/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments` or
/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments`
/// · org admin API key. `H` is the holder's id, `A` one assignment.
#[must_use = "a request does nothing until sent"]
pub struct RoleAssignments<H, A> {
    org: OrgService,
    directory: OrgDirectoryId,
    holder: H,
    query: RoleAssignmentQuery,
    plan: PlanFn<H>,
    _assignment: std::marker::PhantomData<fn() -> A>,
}

impl<H: Clone, A> Clone for RoleAssignments<H, A> {
    fn clone(&self) -> Self {
        Self {
            org: self.org.clone(),
            directory: self.directory.clone(),
            holder: self.holder.clone(),
            query: self.query.clone(),
            plan: self.plan,
            _assignment: std::marker::PhantomData,
        }
    }
}

impl<H: fmt::Debug, A> fmt::Debug for RoleAssignments<H, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RoleAssignments")
            .field("org", &self.org)
            .field("directory", &self.directory)
            .field("holder", &self.holder)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl<H, A> RoleAssignments<H, A> {
    pub(crate) fn new(org: OrgService, directory: OrgDirectoryId, holder: H, plan: PlanFn<H>) -> Self {
        Self {
            org,
            directory,
            holder,
            query: RoleAssignmentQuery::default(),
            plan,
            _assignment: std::marker::PhantomData,
        }
    }

    setters! { self.query;
        /// `directoryIds`.
        extend directory_ids(ids: OrgDirectoryId) => directory_ids;
        /// `resourceOwners`.
        extend_into resource_owners(owners) => resource_owners;
        /// `resourceIds` (at most 20).
        extend resource_ids(ids: ResourceId) => resource_ids;
        /// `roleIds`.
        extend role_ids(ids: RoleId) => role_ids;
        /// `limit`: page size, 1–100.
        set page_size(limit: u32) => limit;
    }
}

impl<H: Send + Sync + 'static, A> RoleAssignments<H, A>
where
    Page<A>: CursorPage,
{
    /// The paged request.
    pub fn pages(self) -> Paged<Page<A>> {
        let org = self.org.org_id().clone();
        let (directory, holder, query, plan) = (self.directory, self.holder, self.query, self.plan);
        self.org.paged(PageShape::LinkCursor, move |cursor| plan(&org, &directory, &holder, &query, cursor))
    }
}

#[maybe]
impl<H: Send + Sync + 'static, A> RoleAssignments<H, A>
where
    Page<A>: CursorPage<Item = A>,
{
    /// One page.
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent) for more than 20 `resourceIds` or a `limit` outside
    /// 1–100; as [`Paged::send`].
    pub async fn send(self) -> Result<Page<A>, Error> {
        self.pages().send().await
    }

    /// Every role assignment.
    ///
    /// # Errors
    /// As [`Paged::all`].
    pub async fn all(self) -> Result<Vec<A>, Error> {
        self.pages().all().await
    }
}
