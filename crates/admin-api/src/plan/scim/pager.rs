//! SCIM `startIndex`/`count` paging as a small state machine without I/O: it answers "which
//! request next?" and absorbs each page. Both facades drive it (the blocking iterator, the async
//! stream), so they stop, advance and fail in exactly the same way.

use std::fmt;

use admin_models::scim::{ListResponse, ScimGroup, ScimUser};
use serde::Serialize;

use super::ListQuery;
use crate::common::walk_guard::{WalkGuard, WalkViolation};

/// The page size asked for when the query sets no `count`.
pub const DEFAULT_PAGE_SIZE: u32 = 100;

/// How many pages in a row may report a larger `totalResults` than the page before. Users being
/// provisioned while you page make the total grow now and then; a server whose total grows on
/// every page keeps running ahead of us and would never let paging end.
pub const MAX_CONSECUTIVE_TOTAL_GROWTHS: u32 = 20;

/// A resource that can be paged: it tells its SCIM `id`, which the [`Pager`] uses to notice a
/// server that repeats a page, and serializes to the JSON the pager fingerprints pages by.
pub trait ScimResource: Serialize {
    /// The resource's `id`, when the server sent one.
    fn resource_id(&self) -> Option<&str>;
}

impl ScimResource for ScimUser {
    fn resource_id(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
    }
}

impl ScimResource for ScimGroup {
    fn resource_id(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
    }
}

/// Walks the pages of a list request.
///
/// * starts at the query's `startIndex` (default 1) and asks for the query's `count` (default
///   [`DEFAULT_PAGE_SIZE`]), never more than the item [`limit`](Self::limit) still allows;
/// * advances by the number of resources the server **actually returned** (servers cap
///   `count`);
/// * stops on an empty page, when `startIndex + returned > totalResults`, or at a limit;
/// * fails (a [`PagingError`], then stops) when
///   - a page has the same content as **any** page before it (compared by a hash of its
///     resources' JSON, so resources without `id` and alternating pages are caught), starts
///     with the same resource as the previous one, or reports the same `startIndex` again;
///   - `totalResults` grows on more than [`MAX_CONSECUTIVE_TOTAL_GROWTHS`] pages in a row;
///   - the walk receives more resources than the server first said it had, plus slack
///     (`totalResults + totalResults / 2 + 100`), or more than the walk ceiling
///     ([`DEFAULT_WALK_CEILING`](crate::plan::DEFAULT_WALK_CEILING) = 200,000, derived from
///     Atlassian's 150,000 users per directory; change it with
///     [`walk_ceiling`](Self::walk_ceiling)). See [`WalkGuard`].
///
/// It keeps no resources, only a 64-bit hash per page: memory stays O(one page) in whoever
/// drives it.
///
/// ```
/// use admin_api::models::scim::{ListResponse, ScimUser};
/// use admin_api::models::ScimUserId;
/// use admin_api::plan::scim::{ListQuery, Pager};
///
/// let user = |id: &str| ScimUser { id: Some(ScimUserId::new(id).unwrap()), ..ScimUser::new(id) };
/// let mut pager = Pager::new(ListQuery::new().count(2));
/// assert_eq!(pager.next_query().unwrap().start_index_value(), Some(1));
///
/// // The server caps the page at one resource, out of three.
/// let page = ListResponse { total_results: Some(3), ..ListResponse::new(vec![user("a")]) };
/// assert_eq!(pager.absorb(page).unwrap().len(), 1);
/// assert_eq!(pager.next_query().unwrap().start_index_value(), Some(2));
///
/// let page = ListResponse {
///     total_results: Some(3),
///     start_index: Some(2),
///     ..ListResponse::new(vec![user("b"), user("c")])
/// };
/// pager.absorb(page).unwrap();
/// assert!(pager.next_query().is_none());
/// ```
#[derive(Debug, Clone)]
pub struct Pager {
    query: ListQuery,
    next_start: u64,
    page_size: u32,
    max_items: Option<u64>,
    max_pages: Option<u64>,
    items: u64,
    pages: u64,
    last_first_id: Option<String>,
    last_start_index: Option<u64>,
    last_total: Option<u64>,
    growths: u32,
    guard: WalkGuard,
    done: bool,
}

impl Pager {
    /// Pages through `query` (its filter and attribute selection apply to every page).
    pub fn new(query: ListQuery) -> Self {
        let next_start = u64::from(query.start_index_value().unwrap_or(1));
        let page_size = query.count_value().unwrap_or(DEFAULT_PAGE_SIZE);
        Self {
            query,
            next_start,
            page_size,
            max_items: None,
            max_pages: None,
            items: 0,
            pages: 0,
            last_first_id: None,
            last_start_index: None,
            last_total: None,
            growths: 0,
            guard: WalkGuard::new(),
            done: false,
        }
    }

    /// The `count` to ask for per page (at least 1; servers may return fewer).
    #[must_use]
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size;
        self
    }

    /// Hands out at most `items` resources in total.
    #[must_use]
    pub fn limit(mut self, items: u64) -> Self {
        self.max_items = Some(items);
        self
    }

    /// Fetches at most `pages` pages.
    #[must_use]
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Lets the walk receive at most `items` resources, whatever `totalResults` says (default
    /// [`DEFAULT_WALK_CEILING`](crate::plan::DEFAULT_WALK_CEILING)). Going beyond is a
    /// [`PagingError`] of kind [`PagingErrorKind::WalkTooLong`], not a silent truncation: use
    /// [`limit`](Self::limit) to stop early on purpose.
    #[must_use]
    pub fn walk_ceiling(mut self, items: u64) -> Self {
        self.guard = WalkGuard::with_ceiling(items);
        self
    }

    /// Whether no request is left.
    pub fn is_done(&self) -> bool {
        self.next_query().is_none()
    }

    /// How many resources have been handed out.
    pub fn items_seen(&self) -> u64 {
        self.items
    }

    /// How many pages have been absorbed.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// The `totalResults` of the last page, if any.
    pub fn total_results(&self) -> Option<u64> {
        self.last_total
    }

    /// The query of the next page, or `None` when paging is over.
    pub fn next_query(&self) -> Option<ListQuery> {
        if self.done || self.max_pages.is_some_and(|max| self.pages >= max) {
            return None;
        }
        let remaining = self.max_items.map(|max| max.saturating_sub(self.items));
        if remaining == Some(0) {
            return None;
        }
        let count = remaining.map_or(self.page_size, |r| r.min(u64::from(self.page_size)) as u32).max(1);
        let start = u32::try_from(self.next_start).unwrap_or(u32::MAX);
        Some(self.query.clone().start_index(start).count(count))
    }

    /// Absorbs the page answering [`next_query`](Self::next_query) and returns the resources to
    /// hand out (fewer than the page holds when the item limit is reached).
    ///
    /// # Errors
    /// [`PagingError`] when the page repeats an earlier one or `totalResults` keeps running
    /// ahead; paging is over afterwards.
    pub fn absorb<T: ScimResource>(&mut self, page: ListResponse<T>) -> Result<Vec<T>, PagingError> {
        let requested_start = self.next_start;
        self.pages += 1;
        let returned = page.resources.len() as u64;
        if returned == 0 {
            self.done = true;
            return Ok(Vec::new());
        }
        let first_id = page.resources[0].resource_id().map(str::to_owned);
        let total = page.total_results();
        if let Some(stated) = page.total_results {
            self.guard.expect_total(stated);
        }
        let checked = self
            .guard
            .record_json(&page.resources)
            .map_err(|violation| PagingError::from_violation(violation, requested_start))
            .and_then(|()| self.check_progress(&first_id, page.start_index, total, requested_start));
        if let Err(error) = checked {
            self.done = true;
            return Err(error);
        }
        self.last_first_id = first_id;
        self.last_start_index = page.start_index;
        self.last_total = Some(total);
        self.next_start = requested_start.saturating_add(returned);

        let mut resources = page.resources;
        if let Some(max) = self.max_items {
            resources.truncate(usize::try_from(max.saturating_sub(self.items)).unwrap_or(usize::MAX));
        }
        self.items += resources.len() as u64;
        if self.next_start > total {
            self.done = true;
        }
        Ok(resources)
    }

    fn check_progress(
        &mut self,
        first_id: &Option<String>,
        start_index: Option<u64>,
        total: u64,
        requested_start: u64,
    ) -> Result<(), PagingError> {
        if self.pages <= 1 {
            return Ok(());
        }
        if first_id.is_some() && *first_id == self.last_first_id {
            return Err(PagingError {
                kind: PagingErrorKind::RepeatedPage,
                detail: format!(
                    "the page at startIndex={requested_start} starts with the same resource ({}) as the previous page: the server ignores startIndex",
                    first_id.as_deref().unwrap_or_default()
                ),
            });
        }
        if let (Some(previous), Some(now)) = (self.last_start_index, start_index)
            && previous == now
        {
            return Err(PagingError {
                kind: PagingErrorKind::RepeatedStartIndex,
                detail: format!(
                    "asked for startIndex={requested_start} but the server answered startIndex={now} again"
                ),
            });
        }
        match self.last_total {
            Some(previous) if total > previous => {
                self.growths += 1;
                if self.growths > MAX_CONSECUTIVE_TOTAL_GROWTHS {
                    return Err(PagingError {
                        kind: PagingErrorKind::TotalKeepsGrowing,
                        detail: format!(
                            "totalResults grew on {} pages in a row (now {total}): the server keeps running ahead",
                            self.growths
                        ),
                    });
                }
            }
            _ => self.growths = 0,
        }
        Ok(())
    }
}

/// What went wrong while paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingErrorKind {
    /// A page starts with the same resource as the previous one.
    RepeatedPage,
    /// A page reports the same `startIndex` as the previous one.
    RepeatedStartIndex,
    /// `totalResults` grows on every page.
    TotalKeepsGrowing,
    /// The walk received more resources than the first `totalResults` (with slack) or the walk
    /// ceiling allows.
    WalkTooLong,
    /// A cursor walk (Organizations API) was sent a cursor it had already followed.
    RepeatedCursor,
    /// A cursor walk kept receiving empty pages that still announce a next page, or its `next`
    /// link carries no cursor.
    NoProgress,
}

/// The caller's bounds on a walk over every page: at most `limit` items and `max_pages` pages
/// (reaching them ends the walk), and the safety ceiling `walk_ceiling` (crossing it is an
/// error).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkLimits {
    /// Hand out at most this many items.
    pub limit: Option<u64>,
    /// Fetch at most this many pages.
    pub max_pages: Option<u64>,
    /// Receive at most this many items before failing ([`Pager::walk_ceiling`]); `None` for
    /// [`DEFAULT_WALK_CEILING`](crate::plan::DEFAULT_WALK_CEILING).
    pub walk_ceiling: Option<u64>,
}

impl WalkLimits {
    /// A pager for `query` within these bounds.
    pub fn pager(self, query: ListQuery) -> Pager {
        let mut pager = Pager::new(query);
        if let Some(limit) = self.limit {
            pager = pager.limit(limit);
        }
        if let Some(pages) = self.max_pages {
            pager = pager.max_pages(pages);
        }
        if let Some(items) = self.walk_ceiling {
            pager = pager.walk_ceiling(items);
        }
        pager
    }
}

/// The server broke paging; the pager stopped rather than loop forever.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingError {
    kind: PagingErrorKind,
    detail: String,
}

impl PagingError {
    /// A paging error of `kind` (used by the Organizations cursor walker).
    pub(crate) fn new(kind: PagingErrorKind, detail: String) -> Self {
        Self { kind, detail }
    }

    fn from_violation(violation: WalkViolation, requested_start: u64) -> Self {
        let kind = match violation {
            WalkViolation::RepeatedPage { .. } => PagingErrorKind::RepeatedPage,
            _ => PagingErrorKind::WalkTooLong,
        };
        let detail = match violation {
            WalkViolation::RepeatedPage { .. } => format!(
                "the resources at startIndex={requested_start} repeat an earlier page ({violation}): the server ignores startIndex"
            ),
            _ => format!("{violation} (totalResults)"),
        };
        Self { kind, detail }
    }

    /// What went wrong.
    pub fn kind(&self) -> PagingErrorKind {
        self.kind
    }

    /// The list-response attribute that shows it: `Resources`, `startIndex` or `totalResults`
    /// (SCIM); `links.next` or `data` (Organizations).
    pub fn attribute(&self) -> &'static str {
        match self.kind {
            PagingErrorKind::RepeatedPage => "Resources",
            PagingErrorKind::RepeatedStartIndex => "startIndex",
            PagingErrorKind::TotalKeepsGrowing | PagingErrorKind::WalkTooLong => "totalResults",
            PagingErrorKind::RepeatedCursor | PagingErrorKind::NoProgress => "links.next",
        }
    }
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "paging stopped: {}", self.detail)
    }
}

impl std::error::Error for PagingError {}

#[cfg(test)]
mod tests {
    use admin_models::ScimUserId;

    use super::*;

    fn user(id: &str) -> ScimUser {
        ScimUser { id: Some(ScimUserId::new(id).unwrap()), ..ScimUser::new(id) }
    }

    fn page(total: u64, start: u64, ids: &[&str]) -> ListResponse<ScimUser> {
        ListResponse {
            total_results: Some(total),
            start_index: Some(start),
            items_per_page: Some(ids.len() as u64),
            ..ListResponse::new(ids.iter().map(|id| user(id)).collect())
        }
    }

    fn next(pager: &Pager) -> Option<(u32, u32)> {
        pager.next_query().map(|q| (q.start_index_value().unwrap(), q.count_value().unwrap()))
    }

    #[test]
    fn walks_full_pages_until_the_total() {
        let mut pager = Pager::new(ListQuery::new()).page_size(2);
        assert_eq!(next(&pager), Some((1, 2)));
        assert_eq!(pager.absorb(page(5, 1, &["a", "b"])).unwrap().len(), 2);
        assert_eq!(next(&pager), Some((3, 2)));
        pager.absorb(page(5, 3, &["c", "d"])).unwrap();
        assert_eq!(next(&pager), Some((5, 2)));
        pager.absorb(page(5, 5, &["e"])).unwrap();
        assert_eq!(next(&pager), None);
        assert_eq!((pager.items_seen(), pager.pages_fetched()), (5, 3));
    }

    #[test]
    fn advances_by_what_the_server_returned() {
        let mut pager = Pager::new(ListQuery::new().count(10));
        pager.absorb(page(4, 1, &["a", "b"])).unwrap();
        assert_eq!(next(&pager), Some((3, 10)));
    }

    #[test]
    fn an_empty_page_ends_paging_even_below_the_total() {
        let mut pager = Pager::new(ListQuery::new().count(2));
        pager.absorb(page(10, 1, &["a", "b"])).unwrap();
        assert!(pager.absorb(page(10, 3, &[])).unwrap().is_empty());
        assert_eq!(next(&pager), None);
    }

    #[test]
    fn limits_cap_items_and_pages_and_shrink_the_last_count() {
        let mut pager = Pager::new(ListQuery::new().count(2)).limit(3);
        pager.absorb(page(10, 1, &["a", "b"])).unwrap();
        assert_eq!(next(&pager), Some((3, 1)));
        assert_eq!(pager.absorb(page(10, 3, &["c", "d"])).unwrap().len(), 1, "truncated to the limit");
        assert_eq!(next(&pager), None);

        let mut pager = Pager::new(ListQuery::new().count(2)).max_pages(1);
        pager.absorb(page(10, 1, &["a", "b"])).unwrap();
        assert_eq!(next(&pager), None);
        assert_eq!(Pager::new(ListQuery::new()).limit(0).next_query(), None);
    }

    #[test]
    fn a_repeated_page_is_an_error_and_ends_paging() {
        let mut pager = Pager::new(ListQuery::new().count(2));
        pager.absorb(page(10, 1, &["a", "b"])).unwrap();
        let error = pager.absorb(ListResponse { start_index: None, ..page(10, 1, &["a", "b"]) }).unwrap_err();
        assert_eq!(error.kind(), PagingErrorKind::RepeatedPage);
        assert_eq!(next(&pager), None);

        let mut pager = Pager::new(ListQuery::new().count(2));
        pager.absorb(page(10, 1, &["a", "b"])).unwrap();
        let error = pager.absorb(page(10, 1, &["c", "d"])).unwrap_err();
        assert_eq!(error.kind(), PagingErrorKind::RepeatedStartIndex);
        assert_eq!(error.attribute(), "startIndex");
    }

    #[test]
    fn a_total_that_always_runs_ahead_is_an_error() {
        let mut pager = Pager::new(ListQuery::new().count(1));
        let mut result = Ok(Vec::new());
        for i in 1..=100u64 {
            let Some((start, _)) = next(&pager) else { break };
            let id = format!("u{i}");
            result = pager.absorb(page(u64::from(start) + 1, u64::from(start), &[id.as_str()]));
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result.unwrap_err().kind(), PagingErrorKind::TotalKeepsGrowing);
        assert_eq!(pager.pages_fetched(), u64::from(MAX_CONSECUTIVE_TOTAL_GROWTHS) + 2);
    }

    #[test]
    fn the_first_start_index_comes_from_the_query() {
        let pager = Pager::new(ListQuery::new().start_index(41).count(20));
        assert_eq!(next(&pager), Some((41, 20)));
        let pager = Pager::new(ListQuery::new()).page_size(0);
        assert_eq!(next(&pager), Some((1, 1)), "a zero page size would never advance");
    }
}
