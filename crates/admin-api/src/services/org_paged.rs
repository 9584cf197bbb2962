//! One paged request type for every Organizations listing, driving the shared
//! [`CursorWalker`](crate::plan::org::CursorWalker).

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::{Client, maybe};
use crate::common::credentials::AdminApiKey;
use crate::common::error::{BuildError, Error};
use crate::common::plan::RequestPlan;
use crate::common::setters::setters;
use crate::plan::org::{self as plan, CursorPage, CursorWalker, PageShape, WalkLimits};

type PlanFn = Arc<dyn Fn(Option<&str>) -> Result<RequestPlan, BuildError> + Send + Sync>;

/// A listing of the Organizations API, ready to send: [`send`](Self::send) fetches one page,
/// [`all`](Self::all) every page, and `iter()` (blocking) / `stream()` (async) walk them lazily.
/// Every walk goes through one [`CursorWalker`], whatever the page shape, and stops with
/// [`Error::Paging`] when the server breaks pagination (a repeated cursor or page, empty pages
/// that keep pointing on, or more items than `meta.total` or the walk ceiling allow).
///
/// Every listing builder (`search()`, `list()`, `role_assignments(…)`, …) has `send`, `all`,
/// `iter`/`stream` of its own and `pages()` to get this value. Cheap to clone.
#[must_use = "a request does nothing until sent"]
pub struct Paged<P> {
    pub(crate) client: Client,
    pub(crate) key: AdminApiKey,
    plan: PlanFn,
    shape: PageShape,
    start: Option<String>,
    limits: WalkLimits,
    _page: PhantomData<fn() -> P>,
}

impl<P> Clone for Paged<P> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            key: self.key.clone(),
            plan: Arc::clone(&self.plan),
            shape: self.shape,
            start: self.start.clone(),
            limits: self.limits,
            _page: PhantomData,
        }
    }
}

impl<P> fmt::Debug for Paged<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paged")
            .field("shape", &self.shape)
            .field("start", &self.start.as_ref().map(|_| "[cursor]"))
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<P: CursorPage> Paged<P> {
    pub(crate) fn new(
        client: Client,
        key: AdminApiKey,
        shape: PageShape,
        plan: impl Fn(Option<&str>) -> Result<RequestPlan, BuildError> + Send + Sync + 'static,
    ) -> Self {
        Self {
            client,
            key,
            plan: Arc::new(plan),
            shape,
            start: None,
            limits: WalkLimits::default(),
            _page: PhantomData,
        }
    }

    /// Starts at `cursor` (a `links.next` / `meta.next` value seen before, or the cursor taken
    /// out of it) instead of the first page.
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.start = Some(cursor.into());
        self
    }

    setters! { self.limits;
        /// For `all()`, `iter()` and `stream()`: hand out at most `items` items.
        set limit(items: u64) => limit;
        /// For `all()`, `iter()` and `stream()`: fetch at most `pages` pages.
        set max_pages(pages: u64) => max_pages;
        /// For `all()`, `iter()` and `stream()`: fail with [`Error::Paging`] once the walk has
        /// received more than `items` items (default
        /// [`DEFAULT_WALK_CEILING`](crate::plan::DEFAULT_WALK_CEILING)).
        set walk_ceiling(items: u64) => walk_ceiling;
    }

    /// The walker for this listing, at its starting cursor and within its limits.
    pub fn walker(&self) -> CursorWalker {
        let start = self.start.as_deref().map(plan::next_cursor).and_then(Result::ok).flatten();
        CursorWalker::new(self.shape).starting_at(start).limits(self.limits)
    }

    /// The plan of the page at `cursor`: what [`send`](Self::send) would send, without sending.
    ///
    /// # Errors
    /// [`Error::Build`] when an input breaks a documented limit.
    pub fn plan(&self, cursor: Option<&str>) -> Result<RequestPlan, Error> {
        Ok((self.plan)(cursor)?)
    }
}

#[maybe]
impl<P: CursorPage> Paged<P> {
    /// Sends the request for **one page** (the starting cursor's, else the first) and returns it
    /// as sent, links included.
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent) for inputs that break a documented limit; [`Error::Api`]
    /// (e.g. `ADMIN-400-1` for a bad cursor), [`Error::RateLimited`], [`Error::Transport`],
    /// [`Error::Decode`].
    pub async fn send(self) -> Result<P, Error> {
        let start = self.walker().next_request().flatten();
        let plan = (self.plan)(start.as_deref())?;
        let response = self.client.send(&plan, self.key.0.header()).await?;
        plan::decode(&plan, &response)
    }

    /// Fetches **every page** (within the limits) and collects the items.
    ///
    /// # Errors
    /// As [`send`](Self::send); [`Error::Paging`] when the server breaks pagination.
    pub async fn all(self) -> Result<Vec<P::Item>, Error> {
        let mut walker = self.walker();
        let mut items = Vec::new();
        while let Some(page) = self.fetch_page(&mut walker).await? {
            items.extend(page);
        }
        Ok(items)
    }

    /// Fetches the page `walker` asks for next and lets it absorb the page; `None` when the walk
    /// is over.
    pub(crate) async fn fetch_page(&self, walker: &mut CursorWalker) -> Result<Option<Vec<P::Item>>, Error> {
        if let Some(source) = walker.take_failure() {
            // Planning is I/O-free; it only names the listing in the error.
            let path_template = (self.plan)(None).map_or("", |plan| plan.path_template);
            return Err(Error::Paging { path_template, source });
        }
        let Some(cursor) = walker.next_request() else { return Ok(None) };
        let plan = (self.plan)(cursor.as_deref())?;
        let response = self.client.send(&plan, self.key.0.header()).await?;
        let page: P = plan::decode(&plan, &response)?;
        walker
            .absorb(page)
            .map(Some)
            .map_err(|source| Error::Paging { path_template: plan.path_template, source })
    }
}

/// Calls `$via!` with every Organizations listing builder and the item it walks, so that the
/// blocking `iter()` and the async `stream()` of them all are written once each.
macro_rules! org_listings {
    ($via:ident) => {
        $via! {
            super::SearchUsers => admin_models::org::DirectoryUser,
            super::ListUsers => admin_models::org::DirectoryUser,
            super::UserRoleAssignments => admin_models::org::UserRoleAssignment,
            super::SearchGroups => admin_models::org::DirectoryGroup,
            super::ListGroups => admin_models::org::DirectoryGroup,
            super::GroupRoleAssignments => admin_models::org::GroupRoleAssignment,
            super::ListDirectories => admin_models::org::OrgDirectory,
        }
    };
}
pub(crate) use org_listings;
