//! [`WalkGuard`]: a page-fingerprint memory and a bound on a whole walk over pages, for any
//! pager (SCIM `startIndex`/`count`, opaque cursors). It knows no API.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};

use serde::Serialize;

/// Atlassian's documented maximum of users in one directory (150,000 since 2024; groups synced
/// to a directory hold at most 35,000). The default [`DEFAULT_WALK_CEILING`] is derived from it.
pub const ATLASSIAN_MAX_USERS_PER_DIRECTORY: u64 = 150_000;

/// The default ceiling on the items one walk may receive: Atlassian's 150,000 users per
/// directory ([`ATLASSIAN_MAX_USERS_PER_DIRECTORY`]) plus a third for resources created while
/// walking, i.e. 200,000. Raise it with [`WalkGuard::with_ceiling`] (or the walker's
/// `walk_ceiling` setting) for servers that hold more.
pub const DEFAULT_WALK_CEILING: u64 = 200_000;

/// The slack added to the first stated total: half of it plus this many items, so a small
/// directory may still grow while it is walked.
pub const MIN_WALK_SLACK: u64 = 100;

/// A guard for any walk over pages (SCIM `startIndex`/`count`, an opaque cursor, …), so that a
/// server that breaks paging ends the walk with an error instead of an endless loop.
///
/// It knows no API. The walker feeds it each page and, when the server states one, the first
/// total; the guard answers with a [`WalkViolation`] when
///
/// * a page is **identical to any page seen before** in this walk. Pages are compared by a
///   fingerprint of their content (the JSON of the items, or bytes the walker picks), never by
///   ids, so resources without an `id` and pages that alternate (A, B, A, B) are caught too.
///   Only 64-bit hashes are kept: 16 bytes per page;
/// * the walk receives **more items than it can legitimately hold**: the first total the server
///   stated plus slack for resources created while walking ([`WalkGuard::expect_total`]), and
///   never more than a ceiling ([`DEFAULT_WALK_CEILING`] unless configured). Every page but a
///   final empty one holds an item, so pages are bounded too (one more than the item bound).
///
/// A server that returns fewer items than asked for (a capped page size) is fine: pages are
/// different and the items still add up to the total.
///
/// ```
/// use admin_api::plan::{WalkGuard, WalkViolation};
///
/// let mut guard = WalkGuard::new();
/// guard.expect_total(4);
/// guard.record_json(&["a", "b"]).unwrap();
/// guard.record_json(&["c", "d"]).unwrap();
/// // The server ignores the position and sends the first page again.
/// let error = guard.record_json(&["a", "b"]).unwrap_err();
/// assert!(matches!(error, WalkViolation::RepeatedPage { page: 3, first_seen: 1 }));
/// ```
///
/// Cheap to create; make one per walk.
#[derive(Clone)]
pub struct WalkGuard {
    hasher: RandomState,
    seed: u64,
    seen: HashMap<u64, u64>,
    ceiling: u64,
    first_total: Option<u64>,
    pages: u64,
    items: u64,
}

impl Default for WalkGuard {
    fn default() -> Self {
        Self::new()
    }
}

impl WalkGuard {
    /// A guard with the [`DEFAULT_WALK_CEILING`].
    pub fn new() -> Self {
        Self::with_ceiling(DEFAULT_WALK_CEILING)
    }

    /// A guard that lets the walk receive at most `ceiling` items, whatever the server says.
    pub fn with_ceiling(ceiling: u64) -> Self {
        let hasher = RandomState::new();
        Self {
            seed: hasher.hash_one(0x5eed_u64),
            hasher,
            seen: HashMap::new(),
            ceiling,
            first_total: None,
            pages: 0,
            items: 0,
        }
    }

    /// Tells the guard the total the server stated. Only the **first** call counts (a later,
    /// growing total is what a runaway server sends): the walk may then receive at most
    /// `total + total / 2 + MIN_WALK_SLACK` items, and never more than the ceiling.
    pub fn expect_total(&mut self, total: u64) {
        self.first_total.get_or_insert(total);
    }

    /// The most items this walk may receive now: the ceiling, lowered by the first total (with
    /// slack) once known.
    pub fn bound(&self) -> u64 {
        match self.first_total {
            Some(total) => total.saturating_add(total / 2).saturating_add(MIN_WALK_SLACK).min(self.ceiling),
            None => self.ceiling,
        }
    }

    /// The ceiling this guard was made with.
    pub fn ceiling(&self) -> u64 {
        self.ceiling
    }

    /// The first total given to [`expect_total`](Self::expect_total), if any.
    pub fn first_total(&self) -> Option<u64> {
        self.first_total
    }

    /// Pages recorded so far.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Items recorded so far.
    pub fn items(&self) -> u64 {
        self.items
    }

    /// Records a page whose content is `items`, fingerprinted by their JSON serialization.
    ///
    /// # Errors
    /// [`WalkViolation`] when the page repeats an earlier one or the walk exceeds its bound.
    pub fn record_json<T: Serialize>(&mut self, items: &[T]) -> Result<(), WalkViolation> {
        let mut hasher = self.hasher.build_hasher();
        hasher.write_u64(items.len() as u64);
        for item in items {
            // Serializing our models cannot fail; if a foreign type does, what was written so
            // far is still a deterministic fingerprint.
            let _ = serde_json::to_writer(HashWriter(&mut hasher), item);
            // 0xFF never occurs in UTF-8 JSON: it separates items unambiguously.
            hasher.write_u8(0xFF);
        }
        self.record(hasher.finish(), items.len() as u64)
    }

    /// Records a page of `items` items fingerprinted by the raw bytes of the top-level member
    /// `member` of the JSON object `body` (SCIM's `Resources`, a cursor API's `data`), or by the
    /// whole body when it has no such member. Several times cheaper than
    /// [`record_json`](Self::record_json), which serializes the decoded items again: the member
    /// is found by a scan that only follows strings and nesting (no parse) up to its start, and
    /// ends at the body's last `]` (see `fingerprint_span` for why and what that means), so the
    /// other members (`startIndex`, `totalResults`, links…) do not count and a server that echoes
    /// a different position around the same items is still caught.
    ///
    /// # Errors
    /// As [`record_json`](Self::record_json).
    pub fn record_json_member(&mut self, body: &[u8], member: &str, items: u64) -> Result<(), WalkViolation> {
        self.record_bytes(fingerprint_span(body, member).unwrap_or(body), items)
    }

    /// Records a page fingerprinted by `content` (e.g. the bytes of its items, or a cursor and
    /// the items) and holding `items` items.
    ///
    /// # Errors
    /// As [`record_json`](Self::record_json).
    pub fn record_bytes(&mut self, content: &[u8], items: u64) -> Result<(), WalkViolation> {
        // xxh3 hashes a 111 KiB page in a few µs (SipHash, the std hasher, takes tens); the
        // seed is per guard, so a server cannot craft pages that collide on purpose.
        let fingerprint = xxhash_rust::xxh3::xxh3_64_with_seed(content, self.seed);
        self.record(fingerprint, items)
    }

    fn record(&mut self, fingerprint: u64, items: u64) -> Result<(), WalkViolation> {
        self.pages += 1;
        let page = self.pages;
        if let Some(&first_seen) = self.seen.get(&fingerprint) {
            return Err(WalkViolation::RepeatedPage { page, first_seen });
        }
        self.seen.insert(fingerprint, page);
        self.items = self.items.saturating_add(items);
        let bound = self.bound();
        if self.items > bound || self.pages > bound.saturating_add(1) {
            return Err(WalkViolation::TooLong {
                page,
                items: self.items,
                bound,
                first_total: self.first_total,
                ceiling: self.ceiling,
            });
        }
        Ok(())
    }
}

impl fmt::Debug for WalkGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WalkGuard")
            .field("pages", &self.pages)
            .field("items", &self.items)
            .field("first_total", &self.first_total)
            .field("bound", &self.bound())
            .finish()
    }
}

/// Why a [`WalkGuard`] stopped a walk. Pages are numbered from 1 in the order recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WalkViolation {
    /// Page `page` has the same content as page `first_seen`: the server does not advance.
    RepeatedPage {
        /// The repeated page.
        page: u64,
        /// The earlier page it repeats.
        first_seen: u64,
    },
    /// By page `page` the walk received `items` items (or as many pages), more than `bound`.
    TooLong {
        /// The page that crossed the bound.
        page: u64,
        /// Items received so far.
        items: u64,
        /// The bound crossed.
        bound: u64,
        /// The first total the server stated, if any.
        first_total: Option<u64>,
        /// The configured ceiling.
        ceiling: u64,
    },
}

impl fmt::Display for WalkViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkViolation::RepeatedPage { page, first_seen } => {
                write!(f, "page {page} has the same content as page {first_seen}")
            }
            WalkViolation::TooLong { page, items, bound, first_total, ceiling } => {
                write!(
                    f,
                    "after {page} pages the walk received {items} items, more than the {bound} allowed ("
                )?;
                match first_total {
                    Some(total) if *bound < *ceiling => write!(
                        f,
                        "the first stated total {total} plus half of it plus {MIN_WALK_SLACK}): the server keeps running ahead"
                    ),
                    _ => write!(f, "the walk ceiling; raise it if the server really holds more)"),
                }
            }
        }
    }
}

impl std::error::Error for WalkViolation {}

/// The raw bytes of the value of the top-level member `key` of the JSON object `body`, found by
/// following strings and nesting only. `None` when absent or when the text is not well nested.
#[cfg(test)]
fn top_level_member<'a>(body: &'a [u8], key: &str) -> Option<&'a [u8]> {
    let start = top_level_member_start(body, key)?;
    Some(&body[start..value_end(body, start)?])
}

/// What a page is fingerprinted by: the bytes from the start of the top-level member `key`'s
/// value to the **last** `]` of the body when that value is an array, else the value itself.
///
/// Finding where the item array really ends means following every string inside it, which
/// costs more than decoding a good part of the page; the last `]` is found from the end at
/// once. It is the array's own end when no array follows it (SCIM servers and Atlassian put
/// `startIndex`, `itemsPerPage` and `totalResults` first, or as plain numbers after it), so
/// members around the items still do not count. Otherwise the span also holds what lies
/// between the two; identical pages still give identical spans, so a repeated page is still
/// caught, and the walk bound still stops a server that varies only those members.
fn fingerprint_span<'a>(body: &'a [u8], key: &str) -> Option<&'a [u8]> {
    let start = top_level_member_start(body, key)?;
    if body[start] == b'[' {
        let last = memchr::memrchr(b']', &body[start..])?;
        return Some(&body[start..=start + last]);
    }
    Some(&body[start..value_end(body, start)?])
}

/// Where the value of the top-level member `key` of the JSON object `body` starts. Only the
/// members before it are followed (strings and nesting, no parse).
fn top_level_member_start(body: &[u8], key: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&byte) = body.get(i) {
        match byte {
            b'"' => {
                let end = string_end(body, i + 1)?;
                if depth == 1 && &body[i + 1..end - 1] == key.as_bytes() {
                    let colon = skip_whitespace(body, end);
                    if body.get(colon) == Some(&b':') {
                        let start = skip_whitespace(body, colon + 1);
                        return body.get(start).map(|_| start);
                    }
                }
                i = end;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            _ => {}
        }
        i += 1;
    }
    None
}

fn skip_whitespace(body: &[u8], from: usize) -> usize {
    from + body.get(from..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_whitespace()).count())
}

/// The index just after the closing quote of the string whose content starts at `from`.
fn string_end(body: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', body.get(from..)?)?;
        if body[at] == b'"' {
            return Some(at + 1);
        }
        from = at + 2; // skip the escaped character
    }
}

/// The index just after the JSON value starting at `start`.
///
/// An array or object ends where its own kind of bracket balances (the other kind balances
/// inside it in valid JSON), so only that bracket pair and quotes need examining: `memchr3`
/// jumps over everything else.
fn value_end(body: &[u8], start: usize) -> Option<usize> {
    let (open, close) = match body.get(start)? {
        b'"' => return string_end(body, start + 1),
        b'{' => (b'{', b'}'),
        b'[' => (b'[', b']'),
        _ => {
            let rest = &body[start..];
            return Some(
                start
                    + rest
                        .iter()
                        .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                        .unwrap_or(rest.len()),
            );
        }
    };
    let mut depth = 0usize;
    let mut i = start;
    loop {
        i += memchr::memchr3(b'"', open, close, body.get(i..)?)?;
        match body[i] {
            b'"' => {
                i = string_end(body, i + 1)?;
                continue;
            }
            byte if byte == open => depth += 1,
            _ => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
        }
        i += 1;
    }
}

/// Feeds serialized JSON straight into a hasher, without a buffer.
struct HashWriter<'a, H: Hasher>(&'a mut H);

impl<H: Hasher> std::io::Write for HashWriter<'_, H> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn items_without_ids_repeated_are_caught_on_the_second_page() {
        // Issue 11 item 1: the same ten id-less users on every page.
        let page: Vec<_> = (0..10).map(|i| json!({"userName": format!("user{i}@example.com")})).collect();
        let mut guard = WalkGuard::new();
        guard.expect_total(1_000_000);
        guard.record_json(&page).unwrap();
        assert_eq!(guard.record_json(&page), Err(WalkViolation::RepeatedPage { page: 2, first_seen: 1 }));
    }

    #[test]
    fn alternating_pages_are_caught_against_every_page_seen() {
        // Issue 11 item 2: A, B, A, B.
        let mut guard = WalkGuard::new();
        guard.record_json(&["a1", "a2"]).unwrap();
        guard.record_json(&["b1", "b2"]).unwrap();
        assert_eq!(
            guard.record_json(&["a1", "a2"]),
            Err(WalkViolation::RepeatedPage { page: 3, first_seen: 1 })
        );
    }

    #[test]
    fn item_boundaries_count_in_the_fingerprint() {
        let mut guard = WalkGuard::new();
        guard.record_json(&["ab", "c"]).unwrap();
        guard.record_json(&["a", "bc"]).unwrap();
        guard.record_json(&["abc"]).unwrap();
    }

    #[test]
    fn the_first_total_with_slack_bounds_the_walk() {
        let mut guard = WalkGuard::new();
        guard.expect_total(10);
        guard.expect_total(1_000_000); // later totals do not move the bound
        assert_eq!(guard.bound(), 10 + 5 + MIN_WALK_SLACK);
        for page in 0..11u64 {
            let items: Vec<String> = (0..10).map(|i| format!("u{}", page * 10 + i)).collect();
            guard.record_json(&items).unwrap();
        }
        let items: Vec<String> = (0..10).map(|i| format!("x{i}")).collect();
        let error = guard.record_json(&items).unwrap_err();
        assert!(
            matches!(error, WalkViolation::TooLong { page: 12, items: 120, bound: 115, .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("first stated total 10"), "{error}");
    }

    #[test]
    fn the_ceiling_caps_a_huge_or_missing_total() {
        let mut guard = WalkGuard::with_ceiling(3);
        assert_eq!(guard.bound(), 3);
        guard.expect_total(1_000_000);
        assert_eq!(guard.bound(), 3);
        guard.record_json(&["a", "b", "c"]).unwrap();
        let error = guard.record_json(&["d"]).unwrap_err();
        assert!(error.to_string().contains("ceiling"), "{error}");
        assert_eq!(WalkGuard::new().bound(), DEFAULT_WALK_CEILING);
    }

    #[test]
    fn a_member_is_found_at_the_top_level_only_whatever_strings_and_nesting_surround_it() {
        let body =
            br#"{"a":{"Resources":[0]},"s":"\"Resources\": [1]","Resources" : [{"x":"]}\\"},2] ,"n":1}"#;
        assert_eq!(top_level_member(body, "Resources"), Some(&br#"[{"x":"]}\\"},2]"#[..]));
        assert_eq!(top_level_member(body, "n"), Some(&b"1"[..]));
        assert_eq!(top_level_member(body, "s"), Some(&br#""\"Resources\": [1]""#[..]));
        assert_eq!(top_level_member(body, "missing"), None);
        assert_eq!(top_level_member(br#"{"Resources":[1,2"#, "Resources"), None, "unterminated");
        assert_eq!(top_level_member(br#"{"Resources":"#, "Resources"), None);
    }

    #[test]
    fn a_member_fingerprint_ignores_the_members_around_it() {
        let mut guard = WalkGuard::new();
        let first = br#"{"totalResults":1000,"startIndex":1,"Resources":[{"userName":"a"}]}"#;
        let echoed = br#"{"totalResults":1000,"startIndex":11,"Resources":[{"userName":"a"}]}"#;
        guard.record_json_member(first, "Resources", 1).unwrap();
        assert_eq!(
            guard.record_json_member(echoed, "Resources", 1),
            Err(WalkViolation::RepeatedPage { page: 2, first_seen: 1 })
        );
        // A number after the items does not count either.
        let after = br#"{"Resources":[{"userName":"b"}],"startIndex":1}"#;
        let after_echoed = br#"{"Resources":[{"userName":"b"}],"startIndex":21}"#;
        guard.record_json_member(after, "Resources", 1).unwrap();
        assert_eq!(
            guard.record_json_member(after_echoed, "Resources", 1),
            Err(WalkViolation::RepeatedPage { page: 4, first_seen: 3 })
        );
        // Without the member, the whole body counts.
        guard.record_json_member(b"{}", "Resources", 0).unwrap();
    }

    #[test]
    fn empty_pages_with_fresh_content_are_bounded_too() {
        let mut guard = WalkGuard::with_ceiling(2);
        guard.record_bytes(b"cursor-1", 0).unwrap();
        guard.record_bytes(b"cursor-2", 0).unwrap();
        guard.record_bytes(b"cursor-3", 0).unwrap();
        assert!(matches!(guard.record_bytes(b"cursor-4", 0), Err(WalkViolation::TooLong { page: 4, .. })));
    }
}
