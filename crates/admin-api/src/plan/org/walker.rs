//! One cursor walker for every Organizations listing, without I/O.
//!
//! The API announces the next page in four shapes ([`PageShape`]); [`next_cursor`] reads all of
//! them the same way, and [`CursorWalker`] is the state machine both facades drive (the blocking
//! iterator, the async stream, `all()`): it answers "which cursor next?" and absorbs each page.
//! Where the cursor goes — the query of a GET, the body of a POST — is the plan function's
//! business: the walker only hands it `Option<&str>`.

use std::collections::HashSet;

use admin_models::org::{LastActivePage, Page, ProductLastActive};
use admin_transport::Url;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::common::walk_guard::{WalkGuard, WalkViolation};
use crate::plan::scim::{PagingError, PagingErrorKind, WalkLimits};

/// How many empty pages in a row may still announce a next page before the walk fails.
pub const MAX_EMPTY_PAGES_IN_A_ROW: u32 = 3;

/// Where a page announces the next one.
///
/// | shape | next page | used by |
/// |---|---|---|
/// | [`LinkUrl`](Self::LinkUrl) (A) | `links.next` = full URL; its `cursor` query is the cursor | orgs, managed accounts, domains |
/// | [`MetaNext`](Self::MetaNext) (B) | `meta.next` = cursor (else `links.next`) | events, events-stream, policies |
/// | [`LinkCursor`](Self::LinkCursor) (C) | `links.next` = bare cursor | v2 users, groups, directories, role assignments, last-active dates |
/// | [`Either`](Self::Either) (D) | `links.next` = URL or bare cursor | v1 searches |
///
/// Every shape is read tolerantly by [`next_cursor`]: a `links.next` that parses as an absolute
/// `http(s)` URL gives its `cursor` query parameter, anything else is the cursor itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageShape {
    /// A: `links.next` is a URL carrying `cursor=`.
    LinkUrl,
    /// B: `meta.next` is the cursor.
    MetaNext,
    /// C: `links.next` is the cursor.
    LinkCursor,
    /// D: `links.next` is either.
    Either,
}

/// A page the walker can absorb.
pub trait CursorPage: DeserializeOwned + Send + 'static {
    /// What the page holds (serializable: the walk guard fingerprints pages by their items).
    type Item: Serialize + Send + 'static;
    /// `links.next` as sent (not empty).
    fn links_next(&self) -> Option<&str>;
    /// `meta.next` as sent (not empty).
    fn meta_next(&self) -> Option<&str> {
        None
    }
    /// The total the page states (`meta.total`), which bounds the walk.
    fn total(&self) -> Option<u64> {
        None
    }
    /// The items.
    fn into_items(self) -> Vec<Self::Item>;
}

impl<T: Serialize + DeserializeOwned + Send + 'static> CursorPage for Page<T> {
    type Item = T;

    fn links_next(&self) -> Option<&str> {
        Page::links_next(self)
    }

    fn meta_next(&self) -> Option<&str> {
        Page::meta_next(self)
    }

    fn total(&self) -> Option<u64> {
        self.meta.as_ref()?.total
    }

    fn into_items(self) -> Vec<T> {
        self.data
    }
}

impl CursorPage for LastActivePage {
    type Item = ProductLastActive;

    fn links_next(&self) -> Option<&str> {
        self.links.as_ref()?.next.as_deref().filter(|s| !s.is_empty())
    }

    fn into_items(self) -> Vec<ProductLastActive> {
        self.data.product_access
    }
}

/// The cursor a `next` value stands for: the `cursor` query parameter of an absolute `http(s)`
/// URL, else the value itself; `None` for an empty value (the last page).
///
/// ```
/// use admin_api::plan::org::next_cursor;
/// assert_eq!(
///     next_cursor("https://api.atlassian.com/admin/v1/orgs?cursor=a%2Bb%3D").unwrap().as_deref(),
///     Some("a+b="),
/// );
/// assert_eq!(next_cursor("eyJvZmZzZXQiOjEwMH0=").unwrap().as_deref(), Some("eyJvZmZzZXQiOjEwMH0="));
/// assert_eq!(next_cursor("").unwrap(), None);
/// assert!(next_cursor("https://api.atlassian.com/admin/v1/orgs?page=2").is_err());
/// ```
///
/// # Errors
/// [`PagingError`] (`NoProgress`) for a URL without a `cursor` parameter: following it would
/// fetch the first page again.
pub fn next_cursor(next: &str) -> Result<Option<String>, PagingError> {
    let next = next.trim();
    if next.is_empty() {
        return Ok(None);
    }
    match Url::parse(next) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => {
            match url.query_pairs().find(|(key, _)| key == "cursor") {
                Some((_, cursor)) if !cursor.is_empty() => Ok(Some(cursor.into_owned())),
                _ => Err(PagingError::new(
                    PagingErrorKind::NoProgress,
                    format!("the next link {next:?} carries no cursor"),
                )),
            }
        }
        _ => Ok(Some(next.to_owned())),
    }
}

/// Walks the pages of one listing by cursor.
///
/// * the first request carries the starting cursor (usually none);
/// * each page's next cursor comes from its [`PageShape`] via [`next_cursor`]; no next → done;
/// * stops at the caller's [`WalkLimits`] (items handed out, pages fetched);
/// * fails with a [`PagingError`] (and stops) when a page repeats **any** earlier page of the
///   walk (the shared [`WalkGuard`](crate::plan::WalkGuard) fingerprints pages by their items'
///   JSON), the walk receives more items than `meta.total` (with slack) or the walk ceiling
///   allows, or more than [`MAX_EMPTY_PAGES_IN_A_ROW`] empty pages still announce a next page
///   ([`absorb`](Self::absorb) returns it); and — after handing out the page, through
///   [`take_failure`](Self::take_failure) — when a page points to a cursor already followed or
///   to a next URL without a cursor.
///
/// It keeps no items: memory is one page in whoever drives it, plus the cursors seen.
///
/// ```
/// use admin_api::models::org::{OrgDirectory, Page};
/// use admin_api::plan::org::{CursorWalker, PageShape};
///
/// let page = |ids: &[&str], next: Option<&str>| -> Page<OrgDirectory> {
///     let data: Vec<_> = ids.iter().map(|id| serde_json::json!({"directoryId": id})).collect();
///     serde_json::from_value(serde_json::json!({"data": data, "links": {"next": next}})).unwrap()
/// };
/// let mut walker = CursorWalker::new(PageShape::LinkCursor);
/// assert_eq!(walker.next_request(), Some(None), "first page: no cursor");
/// walker.absorb(page(&["a", "b"], Some("c2"))).unwrap();
/// assert_eq!(walker.next_request(), Some(Some("c2".to_owned())));
/// walker.absorb(page(&["c"], None)).unwrap();
/// assert_eq!(walker.next_request(), None);
/// assert_eq!((walker.pages_fetched(), walker.items_seen()), (2, 3));
/// ```
#[derive(Debug, Clone)]
pub struct CursorWalker {
    shape: PageShape,
    next: Option<String>,
    limits: WalkLimits,
    items: u64,
    pages: u64,
    done: bool,
    last_cursor: Option<String>,
    failure: Option<PagingError>,
    guard: Guard,
}

impl CursorWalker {
    /// A walk from the first page of a listing of `shape`.
    pub fn new(shape: PageShape) -> Self {
        Self {
            shape,
            next: None,
            limits: WalkLimits::default(),
            items: 0,
            pages: 0,
            done: false,
            last_cursor: None,
            failure: None,
            guard: Guard::default(),
        }
    }

    /// Starts at `cursor` instead of the first page.
    #[must_use]
    pub fn starting_at(mut self, cursor: Option<String>) -> Self {
        self.next = cursor.filter(|c| !c.is_empty());
        self
    }

    /// Bounds the walk: items handed out and pages fetched (reaching them ends the walk), and
    /// the walk ceiling (crossing it is an error).
    #[must_use]
    pub fn limits(mut self, limits: WalkLimits) -> Self {
        self.limits = limits;
        if let Some(ceiling) = limits.walk_ceiling {
            self.guard.walk = WalkGuard::with_ceiling(ceiling);
        }
        self
    }

    /// The page shape.
    pub fn shape(&self) -> PageShape {
        self.shape
    }

    /// The cursor of the next request (`Some(None)`: the first page, no cursor), or `None` when
    /// the walk is over.
    pub fn next_request(&self) -> Option<Option<String>> {
        if self.done
            || self.failure.is_some()
            || self.limits.max_pages.is_some_and(|max| self.pages >= max)
            || self.limits.limit.is_some_and(|max| self.items >= max)
        {
            return None;
        }
        if self.pages > 0 && self.next.is_none() {
            return None;
        }
        Some(self.next.clone())
    }

    /// Whether no request is left.
    pub fn is_done(&self) -> bool {
        self.next_request().is_none()
    }

    /// Pages absorbed so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// Items handed out so far.
    pub fn items_seen(&self) -> u64 {
        self.items
    }

    /// The last cursor seen: the next page's when there is one, else the one that fetched the
    /// last page. A caller that polls (events-stream) resumes from it later.
    pub fn resume_cursor(&self) -> Option<&str> {
        self.next.as_deref().or(self.last_cursor.as_deref())
    }

    /// Absorbs the page that answered [`next_request`](Self::next_request) and returns its items
    /// (fewer when the item limit is reached).
    ///
    /// A page whose items are valid but whose *next* pointer breaks pagination (a cursor
    /// already followed, a next URL without a cursor, the safety bound) is handed out, and the
    /// failure is kept for [`take_failure`](Self::take_failure): check it before the next
    /// request.
    ///
    /// # Errors
    /// [`PagingError`] when the page itself is a repeat (it starts with the previous page's
    /// first item) or the walk makes no progress; the walk is over afterwards.
    pub fn absorb<P: CursorPage>(&mut self, page: P) -> Result<Vec<P::Item>, PagingError> {
        let sent = self.next.take();
        if sent.is_some() {
            self.last_cursor.clone_from(&sent);
        }
        self.pages += 1;
        let next = self.read_next(&page);
        let total = page.total();
        let mut items = page.into_items();
        let announces_next = matches!(next, Ok(Some(_)));
        if let Err(error) = self.guard.check_page(total, &items, announces_next) {
            return Err(self.fail(error));
        }
        match next {
            Ok(Some(cursor)) => match self.guard.check_cursor(self.pages, &cursor) {
                Ok(()) => self.next = Some(cursor),
                Err(error) => self.failure = Some(error),
            },
            Ok(None) => {}
            Err(error) => self.failure = Some(error),
        }
        if let Some(max) = self.limits.limit {
            items.truncate(usize::try_from(max.saturating_sub(self.items)).unwrap_or(usize::MAX));
        }
        self.items += items.len() as u64;
        if self.next.is_none() && self.failure.is_none() {
            self.done = true;
        }
        Ok(items)
    }

    /// Whether a failure waits for [`take_failure`](Self::take_failure).
    pub fn has_failure(&self) -> bool {
        self.failure.is_some()
    }

    /// The failure the last absorbed page left for later (see [`absorb`](Self::absorb)); taking
    /// it ends the walk. Drivers check it before each request.
    pub fn take_failure(&mut self) -> Option<PagingError> {
        let failure = self.failure.take();
        if failure.is_some() {
            self.done = true;
        }
        failure
    }

    fn read_next<P: CursorPage>(&self, page: &P) -> Result<Option<String>, PagingError> {
        let raw = match self.shape {
            PageShape::MetaNext => page.meta_next().or_else(|| page.links_next()),
            PageShape::LinkUrl | PageShape::LinkCursor | PageShape::Either => page.links_next(),
        };
        raw.map_or(Ok(None), next_cursor)
    }

    fn fail(&mut self, error: PagingError) -> PagingError {
        self.done = true;
        self.next = None;
        error
    }
}

/// The walk's guards: the shared [`WalkGuard`] (repeated pages by content, the walk bound), the
/// cursors already followed, and empty pages that keep pointing on.
#[derive(Debug, Clone, Default)]
struct Guard {
    walk: WalkGuard,
    cursors: HashSet<String>,
    empty_in_a_row: u32,
}

impl Guard {
    /// The page itself: a repeat of an earlier one, past the walk bound, or one more empty page
    /// pointing on.
    fn check_page<T: Serialize>(
        &mut self,
        total: Option<u64>,
        items: &[T],
        announces_next: bool,
    ) -> Result<(), PagingError> {
        if let Some(total) = total {
            self.walk.expect_total(total);
        }
        if items.is_empty() {
            if announces_next {
                self.empty_in_a_row += 1;
                if self.empty_in_a_row > MAX_EMPTY_PAGES_IN_A_ROW {
                    return Err(PagingError::new(
                        PagingErrorKind::NoProgress,
                        format!("{} empty pages in a row still announce a next page", self.empty_in_a_row),
                    ));
                }
            }
            return Ok(());
        }
        self.empty_in_a_row = 0;
        self.walk.record_json(items).map_err(|violation| {
            let kind = match violation {
                WalkViolation::RepeatedPage { .. } => PagingErrorKind::RepeatedPage,
                _ => PagingErrorKind::WalkTooLong,
            };
            let detail = match kind {
                PagingErrorKind::RepeatedPage => format!("{violation}: the server ignores the cursor"),
                _ => violation.to_string(),
            };
            PagingError::new(kind, detail)
        })
    }

    /// The cursor the page points to must not be one already followed.
    fn check_cursor(&mut self, pages: u64, next: &str) -> Result<(), PagingError> {
        if self.cursors.insert(next.to_owned()) {
            Ok(())
        } else {
            Err(PagingError::new(
                PagingErrorKind::RepeatedCursor,
                format!("page {pages} points to cursor {next:?} again, which was already followed"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use admin_models::org::OrgDirectory;

    use super::*;

    fn page(ids: &[&str], links_next: Option<&str>, meta_next: Option<&str>) -> Page<OrgDirectory> {
        let data: Vec<_> = ids.iter().map(|id| serde_json::json!({"directoryId": id})).collect();
        serde_json::from_value(serde_json::json!({
            "data": data, "links": {"next": links_next}, "meta": {"next": meta_next}
        }))
        .unwrap()
    }

    fn walk(
        walker: &mut CursorWalker,
        pages: Vec<Page<OrgDirectory>>,
    ) -> Result<Vec<Option<String>>, PagingError> {
        let mut requests = Vec::new();
        for page in pages {
            let Some(cursor) = walker.next_request() else { break };
            requests.push(cursor);
            walker.absorb(page)?;
        }
        Ok(requests)
    }

    #[test]
    fn shape_a_takes_the_cursor_out_of_the_next_url() {
        let mut walker = CursorWalker::new(PageShape::LinkUrl);
        let requests = walk(
            &mut walker,
            vec![
                page(&["a"], Some("https://api.atlassian.com/admin/v1/orgs?cursor=x%2F1%3D%3D"), None),
                page(&["b"], Some(""), None),
            ],
        )
        .unwrap();
        assert_eq!(requests, [None, Some("x/1==".to_owned())]);
        assert!(walker.is_done());
    }

    #[test]
    fn shape_b_prefers_meta_next_and_falls_back_to_links() {
        let mut walker = CursorWalker::new(PageShape::MetaNext);
        walker.absorb(page(&["a"], Some("https://h/x?cursor=from-link"), Some("from-meta"))).unwrap();
        assert_eq!(walker.next_request(), Some(Some("from-meta".to_owned())));
        walker.absorb(page(&["b"], Some("https://h/x?cursor=from-link"), None)).unwrap();
        assert_eq!(walker.next_request(), Some(Some("from-link".to_owned())));
        walker.absorb(page(&["c"], None, None)).unwrap();
        assert_eq!(walker.next_request(), None);
        assert_eq!(walker.resume_cursor(), Some("from-link"));
    }

    #[test]
    fn shapes_c_and_d_take_bare_cursors_or_urls() {
        for shape in [PageShape::LinkCursor, PageShape::Either] {
            let mut walker = CursorWalker::new(shape);
            let requests = walk(
                &mut walker,
                vec![
                    page(&["a"], Some("eyJwIjoyfQ=="), None),
                    page(&["b"], Some("https://h/v1/orgs/o/users/search?cursor=c3"), None),
                    page(&["c"], None, None),
                ],
            )
            .unwrap();
            assert_eq!(requests, [None, Some("eyJwIjoyfQ==".to_owned()), Some("c3".to_owned())]);
        }
    }

    #[test]
    fn a_repeated_cursor_hands_out_the_page_then_fails_before_following_it() {
        let mut walker = CursorWalker::new(PageShape::LinkCursor);
        walker.absorb(page(&["a"], Some("c1"), None)).unwrap();
        walker.absorb(page(&["b"], Some("c2"), None)).unwrap();
        assert_eq!(walker.absorb(page(&["c"], Some("c1"), None)).unwrap().len(), 1, "the page is valid");
        assert_eq!(walker.next_request(), None, "c1 is not followed again");
        assert_eq!(walker.take_failure().unwrap().kind(), PagingErrorKind::RepeatedCursor);
        assert!(walker.take_failure().is_none() && walker.is_done());
    }

    #[test]
    fn a_page_repeating_any_earlier_page_is_an_error() {
        let mut walker = CursorWalker::new(PageShape::LinkCursor);
        walker.absorb(page(&["a", "b"], Some("c1"), None)).unwrap();
        walker.absorb(page(&["c", "d"], Some("c2"), None)).unwrap();
        let error = walker.absorb(page(&["a", "b"], Some("c3"), None)).unwrap_err();
        assert_eq!(error.kind(), PagingErrorKind::RepeatedPage);
        assert_eq!(walker.next_request(), None);
    }

    #[test]
    fn the_walk_is_bounded_by_the_stated_total_and_the_ceiling() {
        let total_page = |ids: &[&str], next: &str| -> Page<OrgDirectory> {
            let data: Vec<_> = ids.iter().map(|id| serde_json::json!({"directoryId": id})).collect();
            serde_json::from_value(
                serde_json::json!({"data": data, "meta": {"total": 1}, "links": {"next": next}}),
            )
            .unwrap()
        };
        let mut walker = CursorWalker::new(PageShape::LinkUrl);
        let mut result = Ok(Vec::new());
        for i in 0..200 {
            result = walker.absorb(total_page(&[&format!("d{i}")], &format!("c{i}")));
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result.unwrap_err().kind(), PagingErrorKind::WalkTooLong);

        let mut walker = CursorWalker::new(PageShape::LinkCursor)
            .limits(WalkLimits { walk_ceiling: Some(3), ..WalkLimits::default() });
        walker.absorb(page(&["a", "b"], Some("c1"), None)).unwrap();
        let error = walker.absorb(page(&["c", "d"], Some("c2"), None)).unwrap_err();
        assert_eq!(error.kind(), PagingErrorKind::WalkTooLong);
    }

    #[test]
    fn empty_pages_that_keep_pointing_on_are_an_error() {
        let mut walker = CursorWalker::new(PageShape::LinkCursor);
        let mut result = Ok(Vec::new());
        for i in 0..10 {
            result = walker.absorb(page(&[], Some(&format!("c{i}")), None));
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result.unwrap_err().kind(), PagingErrorKind::NoProgress);
        assert_eq!(walker.pages_fetched(), u64::from(MAX_EMPTY_PAGES_IN_A_ROW) + 1);
    }

    #[test]
    fn a_next_url_without_cursor_is_an_error() {
        let mut walker = CursorWalker::new(PageShape::LinkUrl);
        assert_eq!(
            walker.absorb(page(&["a"], Some("https://h/admin/v1/orgs?page=2"), None)).unwrap().len(),
            1
        );
        assert_eq!(walker.take_failure().unwrap().kind(), PagingErrorKind::NoProgress);
    }

    #[test]
    fn caller_limits_stop_the_walk_without_error() {
        let mut walker = CursorWalker::new(PageShape::LinkCursor)
            .limits(WalkLimits { limit: Some(3), ..WalkLimits::default() });
        assert_eq!(walker.absorb(page(&["a", "b"], Some("c1"), None)).unwrap().len(), 2);
        assert_eq!(walker.absorb(page(&["c", "d"], Some("c2"), None)).unwrap().len(), 1);
        assert_eq!(walker.next_request(), None);

        let mut walker = CursorWalker::new(PageShape::LinkCursor)
            .limits(WalkLimits { max_pages: Some(1), ..WalkLimits::default() });
        walker.absorb(page(&["a"], Some("c1"), None)).unwrap();
        assert_eq!(walker.next_request(), None);
    }

    #[test]
    fn the_walk_can_start_at_a_cursor() {
        let walker = CursorWalker::new(PageShape::LinkCursor).starting_at(Some("c9".into()));
        assert_eq!(walker.next_request(), Some(Some("c9".to_owned())));
        let walker = CursorWalker::new(PageShape::LinkCursor).starting_at(Some(String::new()));
        assert_eq!(walker.next_request(), Some(None));
    }
}
