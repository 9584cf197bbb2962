//! SCIM users: `/scim/directory/{directoryId}/Users…`, with the directory SCIM API key.

use admin_models::ScimUserId;
use admin_models::scim::{Filter, ListResponse, PatchOp, ScimUser};

use super::{ScimService, maybe};
use crate::common::error::Error;
use crate::common::setters::setters;
use crate::plan::scim::{self as plan, AttributeSelection, ListQuery, Pager, Patched, WalkLimits};

/// The users of a directory. Made by [`ScimService::users`]; cheap to clone.
///
/// Every call needs the **directory SCIM API key**; errors common to all calls are listed on
/// [`ScimService`]. Attribute selection (`attributes` / `excludedAttributes`, RFC 7644 §3.9)
/// applies to every call but [`deactivate`](Self::deactivate): set it once with
/// [`attributes`](Self::attributes) or [`excluded_attributes`](Self::excluded_attributes) on a
/// copy of this handle.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::models::scim::{Email, Filter, PatchOp, ScimUser};
/// let users = admin_api::blocking::ScimService::from_env()?.users();
///
/// let created = users.create(
///     &ScimUser::new("lila@example.com").with_email(Email::work("lila@example.com").primary()),
/// )?;
/// let id = created.id.expect("the server assigns an id");
/// users.patch(&id, &PatchOp::new().replace_display_name("Lila"))?;
/// let page = users.list().filter(Filter::user_name_eq("lila@example.com")).count(50).send()?;
/// println!("{} match", page.total_results());
/// users.deactivate(&id)?;
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct ScimUsers {
    pub(crate) service: ScimService,
    selection: AttributeSelection,
}

impl ScimUsers {
    pub(crate) fn new(service: ScimService) -> Self {
        Self { service, selection: AttributeSelection::all() }
    }

    /// This handle, returning only `names` (plus `id`) from every call but
    /// [`deactivate`](Self::deactivate): `?attributes=userName,emails.value`.
    ///
    /// Mutually exclusive with [`excluded_attributes`](Self::excluded_attributes): setting
    /// both makes every call fail with [`BuildError::InvalidArgument`](crate::BuildError::InvalidArgument)
    /// before anything is sent.
    #[must_use]
    pub fn attributes<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.selection = self.selection.include(names);
        self
    }

    /// This handle, leaving `names` out of every answer: `?excludedAttributes=groups`.
    /// Mutually exclusive with [`attributes`](Self::attributes).
    #[must_use]
    pub fn excluded_attributes<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.selection = self.selection.exclude(names);
        self
    }

    /// This handle with `selection` replacing the current attribute selection.
    #[must_use]
    pub fn selection(mut self, selection: AttributeSelection) -> Self {
        self.selection = selection;
        self
    }

    /// A list request: set the filter, paging and limits, then [`send`](ListUsersRequest::send)
    /// for one page, [`all`](ListUsersRequest::all) for every page, or (blocking) `iter()` /
    /// (async) `stream()` to walk them lazily.
    ///
    /// `GET /scim/directory/{directoryId}/Users` · directory SCIM API key.
    pub fn list(&self) -> ListUsersRequest<'_> {
        ListUsersRequest {
            users: self,
            query: ListQuery::new().selection(self.selection.clone()),
            limits: WalkLimits::default(),
        }
    }
}

#[maybe]
impl ScimUsers {
    /// Creates a user and returns it as stored, with its `id`. The email must be on a verified
    /// domain; a managed Atlassian account with that email is linked to the new user.
    /// **Changes data.** Not retried unless the retry policy opts in.
    ///
    /// `POST /scim/directory/{directoryId}/Users` (201) · directory SCIM API key.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::scim::{Email, Name, ScimUser};
    /// # let users = admin_api::blocking::ScimService::from_env()?.users();
    /// let mut user = ScimUser::new("lila@example.com").with_email(Email::work("lila@example.com").primary());
    /// user.name = Some(Name::new("Lila", "User"));
    /// match users.create(&user) {
    ///     Ok(created) => println!("created {:?}", created.id),
    ///     Err(error) if error.is_conflict() => {
    ///         let existing = users.find_by_user_name("lila@example.com")?;
    ///         println!("already exists: {:?}", existing.and_then(|u| u.id));
    ///     }
    ///     Err(error) => return Err(error),
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] for a user without `userName`; **409 when the user already exists**
    /// ([`Error::is_conflict`], SCIM type `uniqueness`); 400 for an invalid user (e.g. an email
    /// on an unverified domain); as [`ScimService`].
    pub async fn create(&self, user: &ScimUser) -> Result<ScimUser, Error> {
        let plan = plan::create_user(self.service.directory_id(), user, &self.selection)?;
        let response = self.service.send(&plan).await?;
        plan::decode_user(&plan, &response)
    }

    /// Gets a user by SCIM id.
    ///
    /// `GET /scim/directory/{directoryId}/Users/{userId}` · directory SCIM API key.
    ///
    /// # Errors
    /// 404 ([`Error::is_not_found`]) for an unknown **or deactivated** user; as
    /// [`ScimService`].
    pub async fn get(&self, user_id: &ScimUserId) -> Result<ScimUser, Error> {
        let plan = plan::get_user(self.service.directory_id(), user_id, &self.selection)?;
        let response = self.service.send(&plan).await?;
        plan::decode_user(&plan, &response)
    }

    /// The first user whose `userName` equals `user_name`, if any (a filtered list).
    ///
    /// `GET /scim/directory/{directoryId}/Users?filter=userName eq "…"` · directory SCIM API
    /// key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn find_by_user_name(&self, user_name: &str) -> Result<Option<ScimUser>, Error> {
        let page = self.list().filter(Filter::user_name_eq(user_name)).send().await?;
        Ok(page.resources.into_iter().next())
    }

    /// **Replaces** a user with `user` and returns it as stored. **Changes data.**
    ///
    /// `PUT /scim/directory/{directoryId}/Users/{userId}` · directory SCIM API key.
    ///
    /// <div class="warning">
    ///
    /// PUT replaces the user attribute by attribute: **every attribute `user` leaves out is
    /// cleared** (immutable and read-only ones excepted). Never PUT a user built from scratch
    /// to change one field — use [`patch`](Self::patch), or GET → modify → PUT: the
    /// [`ScimUser`] model keeps attributes it does not know in `extra`, so they are sent back
    /// unchanged.
    ///
    /// </div>
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::ScimService::from_env()?.users();
    /// # let id = admin_api::models::ScimUserId::new("ef5ff80e-9ca6-449c-8cca-5b621085c6c9")?;
    /// let mut user = users.get(&id)?;
    /// user.title = Some("Atlassian Administrator".into());
    /// let user = users.replace(&id, &user)?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] for a user without `userName`; 400 for an invalid user; 404; as
    /// [`ScimService`]. [`Error::Decode`] — the user **was replaced** — when the server answers
    /// 204 No Content (or an unreadable body) instead of RFC 7644 §3.5.1's 200 with the user;
    /// [`get`](Self::get) it to read it.
    pub async fn replace(&self, user_id: &ScimUserId, user: &ScimUser) -> Result<ScimUser, Error> {
        let plan = plan::replace_user(self.service.directory_id(), user_id, user, &self.selection)?;
        let response = self.service.send(&plan).await?;
        plan::decode_user(&plan, &response)
    }

    /// Applies PATCH operations to a user. **Changes data.** Not retried unless the retry
    /// policy opts in.
    ///
    /// Returns [`Patched::Resource`] with the user as stored when the server sends it back
    /// (Atlassian: 200), or [`Patched::NoContent`] when it answers 204 No Content, which
    /// RFC 7644 §3.5.2 allows: the change was applied either way.
    ///
    /// `PATCH /scim/directory/{directoryId}/Users/{userId}` · directory SCIM API key. The body
    /// is RFC 7644's (`"Operations"`, capital O — not the spec schema's `operations`).
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::scim::PatchOp;
    /// # let users = admin_api::blocking::ScimService::from_env()?.users();
    /// # let id = admin_api::models::ScimUserId::new("ef5ff80e-9ca6-449c-8cca-5b621085c6c9")?;
    /// let patch = PatchOp::new()
    ///     .replace_display_name("Docs Atlassian DisplayName 2")
    ///     .replace("title", "Vice President")?; // paths are checked: Error::Build if not one
    /// if let Some(user) = users.patch(&id, &patch)?.into_resource() {
    ///     println!("{:?}", user.title);
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] for a PatchOp without operations (nothing is sent); 400 for an invalid
    /// path or value (SCIM types `invalidPath`, `noTarget`, `invalidValue`, `mutability`); 404;
    /// as [`ScimService`].
    pub async fn patch(&self, user_id: &ScimUserId, patch: &PatchOp) -> Result<Patched<ScimUser>, Error> {
        let plan = plan::patch_user(self.service.directory_id(), user_id, patch, &self.selection)?;
        let response = self.service.send(&plan).await?;
        plan::decode_patched_user(&plan, &response)
    }

    /// **Deactivates** a user (the API's DELETE does not erase it): its account loses access,
    /// and every later call on this user id answers 404 until the identity provider creates
    /// it again. **Changes data.**
    ///
    /// `DELETE /scim/directory/{directoryId}/Users/{userId}` (204) · directory SCIM API key.
    ///
    /// # Errors
    /// 404 for an unknown or already deactivated user; as [`ScimService`].
    pub async fn deactivate(&self, user_id: &ScimUserId) -> Result<(), Error> {
        let plan = plan::deactivate_user(self.service.directory_id(), user_id)?;
        let response = self.service.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Fetches the page `pager` asks for next and lets it absorb the page; `None` once paging
    /// is over.
    pub(crate) async fn fetch_page(&self, pager: &mut Pager) -> Result<Option<Vec<ScimUser>>, Error> {
        let Some(query) = pager.next_query() else { return Ok(None) };
        let plan = plan::list_users(self.service.directory_id(), &query)?;
        let response = self.service.send(&plan).await?;
        plan::absorb_page(pager, &plan, &response).map(Some)
    }
}

/// Lists users. Made by [`ScimUsers::list`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until `.send()`"]
pub struct ListUsersRequest<'a> {
    pub(crate) users: &'a ScimUsers,
    query: ListQuery,
    limits: WalkLimits,
}

impl ListUsersRequest<'_> {
    /// `filter=`: Atlassian supports one `eq` on `userName` or `externalId`, e.g.
    /// [`Filter::user_name_eq`]; other filters get 400 `invalidFilter`.
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

    /// `attributes=`: return only these (mutually exclusive with
    /// [`excluded_attributes`](Self::excluded_attributes)).
    pub fn attributes<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let selection = self.query.selection_ref().clone().include(names);
        self.query = self.query.selection(selection);
        self
    }

    /// `excludedAttributes=`: leave these out (mutually exclusive with
    /// [`attributes`](Self::attributes)).
    pub fn excluded_attributes<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let selection = self.query.selection_ref().clone().exclude(names);
        self.query = self.query.selection(selection);
        self
    }

    setters! { self.limits;
        /// For `all()`, `iter()` and `stream()`: hand out at most `items` users.
        set limit(items: u64) => limit;
        /// For `all()`, `iter()` and `stream()`: fetch at most `pages` pages.
        set max_pages(pages: u64) => max_pages;
        /// For `all()`, `iter()` and `stream()`: the safety ceiling on the users one walk may
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
impl ListUsersRequest<'_> {
    /// Sends the request for **one page**.
    ///
    /// `GET /scim/directory/{directoryId}/Users?filter=…&startIndex=…&count=…` · directory SCIM
    /// API key.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::scim::Filter;
    /// # let scim = admin_api::blocking::ScimService::from_env()?;
    /// let page = scim.users().list().filter(Filter::user_name_eq("a@b.com")).count(50).send()?;
    /// for user in &page {
    ///     println!("{:?} {}", user.id, user.user_name);
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent) for `startIndex` 0, both `attributes` and
    /// `excludedAttributes`, or an invalid attribute name; 400 with SCIM type `invalidFilter`
    /// for a filter the server does not support; as [`ScimService`].
    pub async fn send(self) -> Result<ListResponse<ScimUser>, Error> {
        let plan = plan::list_users(self.users.service.directory_id(), &self.query)?;
        let response = self.users.service.send(&plan).await?;
        plan::decode_users(&plan, &response)
    }

    /// Fetches **every page** (up to the limits) and collects the users. Memory grows with the
    /// result, which is bounded like every walk: by the first `totalResults` with slack and by
    /// the [`walk_ceiling`](Self::walk_ceiling) (see [`Pager`]). Prefer `iter()` (blocking) or
    /// `stream()` (async) for large directories.
    ///
    /// # Errors
    /// As [`send`](Self::send); [`Error::Paging`] when the server breaks paging (repeats a
    /// page, its `totalResults` keeps running ahead, or the walk crosses its bound); the users
    /// collected so far are dropped.
    pub async fn all(self) -> Result<Vec<ScimUser>, Error> {
        let mut pager = self.pager();
        let mut users = Vec::new();
        while let Some(page) = self.users.fetch_page(&mut pager).await? {
            users.extend(page);
        }
        Ok(users)
    }
}
