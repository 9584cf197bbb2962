//! SCIM groups: `/scim/directory/{directoryId}/Groups…`, with the directory SCIM API key.

use admin_models::scim::{Filter, ListResponse, PatchOp, ScimGroup};
use admin_models::{GroupId, ScimUserId};

use super::{ScimService, maybe};
use crate::common::error::Error;
use crate::common::setters::setters;
use crate::plan::scim::{
    self as plan, ListQuery, MEMBER_BATCH_SIZE, MemberChange, Pager, Patched, WalkLimits,
};

/// The groups of a directory. Made by [`ScimService::groups`]; cheap to clone.
///
/// Every call needs the **directory SCIM API key**; errors common to all calls are listed on
/// [`ScimService`]. Atlassian limits: a group name that exists in the organization is refused
/// (409); groups cannot be renamed (create a new one, move the members, delete the old one);
/// at most 20,000 users of a group are synced.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::models::{ScimUserId, scim::ScimGroup};
/// let groups = admin_api::blocking::ScimService::from_env()?.groups();
/// let group = groups.create(&ScimGroup::new("site-admins"))?;
/// let id = group.id.expect("the server assigns an id");
/// let members = [ScimUserId::new("ef5ff80e-9ca6-449c-8cca-5b621085c6c9")?];
/// groups.add_members(&id, &members)?;
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct ScimGroups {
    pub(crate) service: ScimService,
    member_batch_size: usize,
}

impl ScimGroups {
    pub(crate) fn new(service: ScimService) -> Self {
        Self { service, member_batch_size: MEMBER_BATCH_SIZE }
    }

    /// This handle, sending at most `users` members per PATCH in
    /// [`add_members`](Self::add_members) / [`remove_members`](Self::remove_members) (default
    /// [`MEMBER_BATCH_SIZE`] = 100; 0 makes those calls fail before sending).
    #[must_use]
    pub fn member_batch_size(mut self, users: usize) -> Self {
        self.member_batch_size = users;
        self
    }

    /// A list request: set the filter, paging and limits, then [`send`](ListGroupsRequest::send)
    /// for one page, [`all`](ListGroupsRequest::all) for every page, or (blocking) `iter()` /
    /// (async) `stream()` to walk them lazily.
    ///
    /// `GET /scim/directory/{directoryId}/Groups` · directory SCIM API key.
    pub fn list(&self) -> ListGroupsRequest<'_> {
        ListGroupsRequest { groups: self, query: ListQuery::new(), limits: WalkLimits::default() }
    }
}

#[maybe]
impl ScimGroups {
    /// Creates a group (members optional) and returns it as stored, with its `id`.
    /// **Changes data.** Not retried unless the retry policy opts in.
    ///
    /// `POST /scim/directory/{directoryId}/Groups` (201) · directory SCIM API key.
    ///
    /// # Errors
    /// [`Error::Build`] for a group without `displayName`; **409 when a group of that name
    /// exists in the organization** ([`Error::is_conflict`]); 400; as [`ScimService`].
    pub async fn create(&self, group: &ScimGroup) -> Result<ScimGroup, Error> {
        let plan = plan::create_group(self.service.directory_id(), group)?;
        let response = self.service.send(&plan).await?;
        plan::decode_group(&plan, &response)
    }

    /// Gets a group by SCIM id, with its members.
    ///
    /// `GET /scim/directory/{directoryId}/Groups/{id}` · directory SCIM API key.
    ///
    /// # Errors
    /// 404 ([`Error::is_not_found`]); as [`ScimService`].
    pub async fn get(&self, group_id: &GroupId) -> Result<ScimGroup, Error> {
        let plan = plan::get_group(self.service.directory_id(), group_id)?;
        let response = self.service.send(&plan).await?;
        plan::decode_group(&plan, &response)
    }

    /// The first group whose `displayName` equals `display_name`, if any (a filtered list).
    ///
    /// `GET /scim/directory/{directoryId}/Groups?filter=displayName eq "…"` · directory SCIM
    /// API key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn find_by_display_name(&self, display_name: &str) -> Result<Option<ScimGroup>, Error> {
        let page = self.list().filter(Filter::display_name_eq(display_name)).send().await?;
        Ok(page.resources.into_iter().next())
    }

    /// **Replaces** a group — its members too: members `group` leaves out are removed.
    /// **Changes data.** Prefer [`add_members`](Self::add_members) /
    /// [`remove_members`](Self::remove_members) for membership changes.
    ///
    /// `PUT /scim/directory/{directoryId}/Groups/{id}` · directory SCIM API key.
    ///
    /// # Errors
    /// [`Error::Build`] for a group without `displayName`; 400 when referenced users do not
    /// exist (the body is a Java exception dump, kept in [`ApiError::raw`](crate::ApiError::raw));
    /// 404; as [`ScimService`]. [`Error::Decode`] — the group **was replaced** — when the server
    /// answers 204 No Content (or an unreadable body) instead of RFC 7644 §3.5.1's 200 with the
    /// group; [`get`](Self::get) it to read it.
    pub async fn replace(&self, group_id: &GroupId, group: &ScimGroup) -> Result<ScimGroup, Error> {
        let plan = plan::replace_group(self.service.directory_id(), group_id, group)?;
        let response = self.service.send(&plan).await?;
        plan::decode_group(&plan, &response)
    }

    /// Applies PATCH operations (membership changes) to a group. **Changes data.** Not
    /// retried unless the retry policy opts in.
    ///
    /// Returns [`Patched::Resource`] with the group as stored when the server sends it back
    /// (Atlassian: 200), or [`Patched::NoContent`] when it answers 204 No Content (RFC 7644
    /// §3.5.2): the change was applied either way.
    ///
    /// `PATCH /scim/directory/{directoryId}/Groups/{id}` · directory SCIM API key.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::scim::PatchOp;
    /// # let groups = admin_api::blocking::ScimService::from_env()?.groups();
    /// # let id = admin_api::models::GroupId::new("g-1")?;
    /// groups.patch(&id, &PatchOp::new().add_members(["u-1", "u-2"]).remove_members(["u-3"]))?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] for a PatchOp without operations (nothing is sent); 400; 404; as
    /// [`ScimService`].
    pub async fn patch(&self, group_id: &GroupId, patch: &PatchOp) -> Result<Patched<ScimGroup>, Error> {
        let plan = plan::patch_group(self.service.directory_id(), group_id, patch)?;
        let response = self.service.send(&plan).await?;
        plan::decode_patched_group(&plan, &response)
    }

    /// Deletes a group. **Changes data.**
    ///
    /// `DELETE /scim/directory/{directoryId}/Groups/{id}` (204) · directory SCIM API key.
    ///
    /// # Errors
    /// 404; as [`ScimService`].
    pub async fn delete(&self, group_id: &GroupId) -> Result<(), Error> {
        let plan = plan::delete_group(self.service.directory_id(), group_id)?;
        let response = self.service.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Adds users to a group, in PATCH requests of at most
    /// [`member_batch_size`](Self::member_batch_size) users each (`add members`). Returns the
    /// last PATCH's answer ([`Patched::Resource`] with the group, or [`Patched::NoContent`]
    /// when the server answers 204 — every batch is sent either way), or `None` when `user_ids`
    /// is empty (nothing is sent). **Changes data.**
    ///
    /// `PATCH /scim/directory/{directoryId}/Groups/{id}` (once per batch) · directory SCIM API
    /// key.
    ///
    /// # Errors
    /// As [`patch`](Self::patch); [`Error::Build`] for a batch size of 0. Batches are sent in
    /// order and the first failure stops: **the batches before it were applied** (adding a
    /// member twice is harmless, so calling again is safe).
    pub async fn add_members(
        &self,
        group_id: &GroupId,
        user_ids: &[ScimUserId],
    ) -> Result<Option<Patched<ScimGroup>>, Error> {
        self.change_members(MemberChange::Add, group_id, user_ids).await
    }

    /// Removes users from a group, in PATCH requests of at most
    /// [`member_batch_size`](Self::member_batch_size) users each (one
    /// `remove members[value eq "…"]` operation per user). Returns the last PATCH's answer, or
    /// `None` when `user_ids` is empty (nothing is sent), as
    /// [`add_members`](Self::add_members). **Changes data.**
    ///
    /// `PATCH /scim/directory/{directoryId}/Groups/{id}` (once per batch) · directory SCIM API
    /// key.
    ///
    /// # Errors
    /// As [`add_members`](Self::add_members): the batches before a failure were applied.
    pub async fn remove_members(
        &self,
        group_id: &GroupId,
        user_ids: &[ScimUserId],
    ) -> Result<Option<Patched<ScimGroup>>, Error> {
        self.change_members(MemberChange::Remove, group_id, user_ids).await
    }

    async fn change_members(
        &self,
        change: MemberChange,
        group_id: &GroupId,
        user_ids: &[ScimUserId],
    ) -> Result<Option<Patched<ScimGroup>>, Error> {
        let mut last = None;
        for patch in plan::member_patches(change, user_ids, self.member_batch_size)? {
            last = Some(self.patch(group_id, &patch).await?);
        }
        Ok(last)
    }

    /// Fetches the page `pager` asks for next and lets it absorb the page; `None` once paging
    /// is over.
    pub(crate) async fn fetch_page(&self, pager: &mut Pager) -> Result<Option<Vec<ScimGroup>>, Error> {
        let Some(query) = pager.next_query() else { return Ok(None) };
        let plan = plan::list_groups(self.service.directory_id(), &query)?;
        let response = self.service.send(&plan).await?;
        plan::absorb_page(pager, &plan, &response).map(Some)
    }
}

/// Lists groups. Made by [`ScimGroups::list`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until `.send()`"]
pub struct ListGroupsRequest<'a> {
    pub(crate) groups: &'a ScimGroups,
    query: ListQuery,
    limits: WalkLimits,
}

impl ListGroupsRequest<'_> {
    /// `filter=`: Atlassian supports one `eq` on `displayName`
    /// ([`Filter::display_name_eq`]); other filters get 400 `invalidFilter`.
    pub fn filter(mut self, filter: impl ToString) -> Self {
        self.query = self.query.filter(filter);
        self
    }

    /// `startIndex=`: the 1-based index of the first result (default 1; 0 is refused).
    pub fn start_index(mut self, start_index: u32) -> Self {
        self.query = self.query.start_index(start_index);
        self
    }

    /// `count=`: the page size wanted (servers may return fewer). For `all()`, `iter()` and
    /// `stream()` it is the size of every page (default
    /// [`DEFAULT_PAGE_SIZE`](crate::plan::scim::DEFAULT_PAGE_SIZE)).
    pub fn count(mut self, count: u32) -> Self {
        self.query = self.query.count(count);
        self
    }

    setters! { self.limits;
        /// For `all()`, `iter()` and `stream()`: hand out at most `items` groups.
        set limit(items: u64) => limit;
        /// For `all()`, `iter()` and `stream()`: fetch at most `pages` pages.
        set max_pages(pages: u64) => max_pages;
        /// For `all()`, `iter()` and `stream()`: the safety ceiling on the groups one walk may
        /// receive (default [`DEFAULT_WALK_CEILING`](crate::plan::DEFAULT_WALK_CEILING) = 200,000,
        /// derived from Atlassian's 150,000 users per directory). A walk that would go beyond it
        /// fails with [`Error::Paging`] instead of being cut short silently; use
        /// [`limit`](Self::limit) to stop early on purpose.
        set walk_ceiling(items: u64) => walk_ceiling;
    }

    /// The pager walking this request's pages.
    pub(crate) fn pager(&self) -> Pager {
        self.limits.pager(self.query.clone())
    }
}

#[maybe]
impl ListGroupsRequest<'_> {
    /// Sends the request for **one page**.
    ///
    /// `GET /scim/directory/{directoryId}/Groups?filter=…&startIndex=…&count=…` · directory
    /// SCIM API key.
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent) for `startIndex` 0; 400 with SCIM type `invalidFilter`;
    /// as [`ScimService`].
    pub async fn send(self) -> Result<ListResponse<ScimGroup>, Error> {
        let plan = plan::list_groups(self.groups.service.directory_id(), &self.query)?;
        let response = self.groups.service.send(&plan).await?;
        plan::decode_groups(&plan, &response)
    }

    /// Fetches **every page** (up to the limits) and collects the groups. The result is
    /// bounded like every walk: by the first `totalResults` with slack and by the
    /// [`walk_ceiling`](Self::walk_ceiling) (see [`Pager`]).
    ///
    /// # Errors
    /// As [`send`](Self::send); [`Error::Paging`] when the server breaks paging (repeats a
    /// page, its `totalResults` keeps running ahead, or the walk crosses its bound).
    pub async fn all(self) -> Result<Vec<ScimGroup>, Error> {
        let mut pager = self.pager();
        let mut groups = Vec::new();
        while let Some(page) = self.groups.fetch_page(&mut pager).await? {
            groups.extend(page);
        }
        Ok(groups)
    }
}
