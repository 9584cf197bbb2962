//! The audit log **tail**: reads `events-stream` in order, then keeps polling its last cursor
//! for new events, with a [`TailCheckpoint`] a process can save after each event and resume
//! from — missing nothing and repeating nothing.
//!
//! This is the I/O-free state machine both facades drive (the blocking `Iterator`, the async
//! `Stream`). How it works:
//!
//! * The first request carries the filter (`from`, `to`, `limit`, `sortOrder=asc`); every later
//!   one only a cursor (the stream keeps the filter and the order in it).
//! * The state is *the cursor of the current page* plus *the ids already handed out from that
//!   page*. A page is fetched, events already handed out are dropped, the rest are buffered and
//!   handed out one by one. When the last buffered event goes out and the page announced a new
//!   cursor (`meta.next`, or the `cursor` of a `links.next` URL), the state moves to that cursor
//!   with nothing handed out yet.
//! * A page that announces no new cursor (none, or the same), or brings nothing new, means
//!   **caught up**: a bounded tail ends there; a following tail waits its interval and asks for
//!   the same cursor again. Whatever the server appended to that page meanwhile comes back with
//!   the events already handed out, which are dropped by id.
//! * A checkpoint is that state. Saved after an event was processed, it resumes exactly after
//!   it: mid-page (the page is fetched again and the handed-out ids dropped) or at a new cursor.

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use admin_models::org::{Event, OrgId, Page, SortDirection};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::events::{EVENTS_STREAM_PATH, StreamFilter, epoch_millis};
use super::next_cursor;
use crate::common::error::BuildError;
use crate::plan::scim::PagingError;

/// The default pause between two polls of a caught-up following tail.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(30);

/// The checkpoint format version this crate writes and reads.
pub const CHECKPOINT_VERSION: u32 = 1;

/// Where a tail is: enough to resume it in another process. Serialize it (JSON, …) after each
/// event you have processed; resume with `tail_from(checkpoint)`.
///
/// ```
/// use admin_api::plan::org::TailCheckpoint;
/// let saved = r#"{"version":1,"org_id":"org-1","cursor":"c2","handed_out":["e-9"],"filter":{}}"#;
/// let checkpoint: TailCheckpoint = serde_json::from_str(saved).unwrap();
/// assert_eq!(checkpoint.cursor(), Some("c2"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TailCheckpoint {
    version: u32,
    org_id: String,
    /// The cursor of the current page; `None` before the first page (the filter is sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cursor: Option<String>,
    /// Ids of the events of that page already handed out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    handed_out: Vec<String>,
    /// The filter of the first request (used only while `cursor` is `None`).
    #[serde(default)]
    filter: CheckpointFilter,
}

/// The first request's filter, as kept in a checkpoint (times as epoch milliseconds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct CheckpointFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
}

impl TailCheckpoint {
    /// The organization the tail reads.
    pub fn org_id(&self) -> &str {
        &self.org_id
    }

    /// The cursor of the current page, once the first page was read.
    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    /// How many events of the current page were already handed out.
    pub fn handed_out(&self) -> usize {
        self.handed_out.len()
    }

    fn filter(&self) -> Result<StreamFilter, String> {
        let at = |ms: i64| {
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
                .map_err(|e| format!("its time {ms} is out of range: {e}"))
        };
        let mut filter = StreamFilter::new().sort_order(SortDirection::Asc);
        filter.from = self.filter.from_ms.map(at).transpose()?;
        filter.to = self.filter.to_ms.map(at).transpose()?;
        filter.limit = self.filter.limit;
        Ok(filter)
    }
}

/// Whether a tail stops once caught up or keeps polling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TailMode {
    /// Stop at the first page with nothing new ("until caught up").
    Bounded,
    /// Poll the last cursor again every `interval`, for ever.
    Follow {
        /// The pause between two polls once caught up.
        interval: Duration,
    },
}

/// What the driver should do next.
#[derive(Debug, Clone, PartialEq)]
pub enum TailStep {
    /// Hand out this event.
    Event(Box<Event>),
    /// Fetch the page at this cursor (`None`: the first page, with the filter).
    Fetch(Option<String>),
    /// Caught up: wait this long, then fetch again.
    Wait(Duration),
    /// Bounded and caught up: the tail is over.
    Done,
}

/// The tail's state machine.
#[derive(Debug, Clone)]
pub struct TailState {
    org_id: String,
    mode: TailMode,
    filter: StreamFilter,
    cursor: Option<String>,
    handed_out: Vec<String>,
    handed_out_set: HashSet<String>,
    buffer: VecDeque<Event>,
    /// The cursor to move to once the buffer is empty.
    advance_to: Option<String>,
    /// The last page brought nothing new: wait (follow) or stop (bounded) before fetching.
    caught_up: bool,
    pages: u64,
}

impl TailState {
    /// A tail of `org` from the start of `filter` (its sort order is forced to `asc`).
    pub fn new(org: &OrgId, filter: StreamFilter, mode: TailMode) -> Self {
        let mut filter = filter;
        filter.sort_order = Some(SortDirection::Asc);
        Self {
            org_id: org.as_str().to_owned(),
            mode,
            filter,
            cursor: None,
            handed_out: Vec::new(),
            handed_out_set: HashSet::new(),
            buffer: VecDeque::new(),
            advance_to: None,
            caught_up: false,
            pages: 0,
        }
    }

    /// A tail resumed from a checkpoint of the same org.
    ///
    /// # Errors
    /// [`BuildError::InvalidCheckpoint`] (nothing is sent) for a checkpoint of another org or
    /// another format version, or with a time out of range.
    pub fn resume(org: &OrgId, checkpoint: TailCheckpoint, mode: TailMode) -> Result<Self, BuildError> {
        let invalid =
            |reason: String| BuildError::InvalidCheckpoint { path_template: EVENTS_STREAM_PATH, reason };
        if checkpoint.version != CHECKPOINT_VERSION {
            return Err(invalid(format!(
                "its format version is {}, this crate reads {CHECKPOINT_VERSION}",
                checkpoint.version
            )));
        }
        if checkpoint.org_id != org.as_str() {
            return Err(invalid(format!(
                "it belongs to org {:?}, not to org {:?}",
                checkpoint.org_id,
                org.as_str()
            )));
        }
        let filter = checkpoint.filter().map_err(invalid)?;
        let mut state = Self::new(org, filter, mode);
        state.cursor = checkpoint.cursor;
        state.handed_out_set = checkpoint.handed_out.iter().cloned().collect();
        state.handed_out = checkpoint.handed_out;
        Ok(state)
    }

    /// Bounded or following.
    pub fn mode(&self) -> TailMode {
        self.mode
    }

    /// Switches between bounded and following, keeping the position.
    pub fn set_mode(&mut self, mode: TailMode) {
        self.mode = mode;
    }

    /// The filter of the first request.
    pub fn filter(&self) -> &StreamFilter {
        &self.filter
    }

    /// Pages fetched so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// The checkpoint after the last event handed out.
    pub fn checkpoint(&self) -> TailCheckpoint {
        let millis = |at: Option<OffsetDateTime>| at.map(|at| epoch_millis(at) as i64);
        TailCheckpoint {
            version: CHECKPOINT_VERSION,
            org_id: self.org_id.clone(),
            cursor: self.cursor.clone(),
            handed_out: self.handed_out.clone(),
            filter: CheckpointFilter {
                from_ms: millis(self.filter.from),
                to_ms: millis(self.filter.to),
                limit: self.filter.limit,
            },
        }
    }

    /// The next step. Call [`absorb`](Self::absorb) after a [`TailStep::Fetch`] and
    /// [`waited`](Self::waited) after a [`TailStep::Wait`].
    pub fn step(&mut self) -> TailStep {
        if let Some(event) = self.buffer.pop_front() {
            let id = event.id.as_str().to_owned();
            if self.handed_out_set.insert(id.clone()) {
                self.handed_out.push(id);
            }
            if self.buffer.is_empty()
                && let Some(next) = self.advance_to.take()
            {
                self.move_to(next);
            }
            return TailStep::Event(Box::new(event));
        }
        if self.caught_up {
            return match self.mode {
                TailMode::Bounded => TailStep::Done,
                TailMode::Follow { interval } => TailStep::Wait(interval),
            };
        }
        TailStep::Fetch(self.cursor.clone())
    }

    /// After a [`TailStep::Wait`]: the next step fetches again.
    pub fn waited(&mut self) {
        self.caught_up = false;
    }

    /// Takes the page fetched for the current cursor.
    ///
    /// # Errors
    /// [`PagingError`] when a `links.next` URL carries no cursor.
    pub fn absorb(&mut self, page: Page<Event>) -> Result<(), PagingError> {
        self.pages += 1;
        let announced = match page.meta_next() {
            Some(next) => Some(next.to_owned()),
            None => match page.links_next() {
                Some(link) => next_cursor(link)?,
                None => None,
            },
        };
        let fresh: VecDeque<Event> =
            page.data.into_iter().filter(|event| !self.handed_out_set.contains(event.id.as_str())).collect();
        let new_cursor = announced.filter(|next| Some(next) != self.cursor.as_ref());
        match (fresh.is_empty(), new_cursor) {
            (true, Some(next)) => {
                // Nothing new, but a new cursor (the stream rotates its poll cursor): move on,
                // and count it as caught up so an idle stream is not polled in a tight loop.
                self.move_to(next);
                self.caught_up = true;
            }
            (true, None) => self.caught_up = true,
            (false, next) => {
                self.buffer = fresh;
                self.advance_to = next;
            }
        }
        Ok(())
    }

    fn move_to(&mut self, cursor: String) {
        self.cursor = Some(cursor);
        self.handed_out.clear();
        self.handed_out_set.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn org() -> OrgId {
        OrgId::new("org-1").unwrap()
    }

    fn page(ids: &[&str], next: Option<&str>) -> Page<Event> {
        let data: Vec<_> = ids
            .iter()
            .map(|id| json!({"id": id, "type": "events", "attributes": {"action": "group_created", "time": "2025-06-02T08:15:30Z"}}))
            .collect();
        serde_json::from_value(json!({"data": data, "meta": {"next": next}})).unwrap()
    }

    fn event_id(step: TailStep) -> String {
        match step {
            TailStep::Event(event) => event.id.as_str().to_owned(),
            other => panic!("expected an event, got {other:?}"),
        }
    }

    #[test]
    fn reads_pages_in_order_then_stops_when_caught_up_in_bounded_mode() {
        let mut tail = TailState::new(&org(), StreamFilter::new(), TailMode::Bounded);
        assert_eq!(tail.step(), TailStep::Fetch(None));
        tail.absorb(page(&["e1", "e2"], Some("c2"))).unwrap();
        assert_eq!(event_id(tail.step()), "e1");
        assert_eq!(event_id(tail.step()), "e2");
        assert_eq!(tail.step(), TailStep::Fetch(Some("c2".into())));
        tail.absorb(page(&["e3"], Some("c3"))).unwrap();
        assert_eq!(event_id(tail.step()), "e3");
        assert_eq!(tail.step(), TailStep::Fetch(Some("c3".into())));
        tail.absorb(page(&[], Some("c3"))).unwrap();
        assert_eq!(tail.step(), TailStep::Done);
        assert_eq!(tail.filter().sort_order, Some(SortDirection::Asc));
    }

    #[test]
    fn follow_mode_waits_then_polls_the_same_cursor_and_drops_what_it_handed_out() {
        let interval = Duration::from_secs(5);
        let mut tail = TailState::new(&org(), StreamFilter::new(), TailMode::Follow { interval });
        assert_eq!(tail.step(), TailStep::Fetch(None));
        tail.absorb(page(&["e1"], None)).unwrap(); // the last page announces nothing
        assert_eq!(event_id(tail.step()), "e1");
        assert_eq!(tail.step(), TailStep::Fetch(None));
        tail.absorb(page(&["e1"], None)).unwrap();
        assert_eq!(tail.step(), TailStep::Wait(interval));
        tail.waited();
        assert_eq!(tail.step(), TailStep::Fetch(None));
        tail.absorb(page(&["e1", "e2"], Some("c2"))).unwrap(); // the server appended e2
        assert_eq!(event_id(tail.step()), "e2", "e1 is not handed out twice");
        assert_eq!(tail.step(), TailStep::Fetch(Some("c2".into())));
    }

    #[test]
    fn a_checkpoint_mid_page_resumes_after_the_last_event_handed_out() {
        let mut tail = TailState::new(&org(), StreamFilter::new().limit(3), TailMode::Bounded);
        tail.step();
        tail.absorb(page(&["e1", "e2", "e3"], Some("c2"))).unwrap();
        assert_eq!(event_id(tail.step()), "e1");
        assert_eq!(event_id(tail.step()), "e2");
        let saved = serde_json::to_string(&tail.checkpoint()).unwrap();
        assert_eq!(saved, r#"{"version":1,"org_id":"org-1","handed_out":["e1","e2"],"filter":{"limit":3}}"#);

        let checkpoint: TailCheckpoint = serde_json::from_str(&saved).unwrap();
        let mut resumed = TailState::resume(&org(), checkpoint, TailMode::Bounded).unwrap();
        assert_eq!(resumed.filter().limit, Some(3));
        assert_eq!(resumed.step(), TailStep::Fetch(None));
        resumed.absorb(page(&["e1", "e2", "e3"], Some("c2"))).unwrap();
        assert_eq!(event_id(resumed.step()), "e3");
        assert_eq!(resumed.checkpoint().cursor(), Some("c2"), "the page is done: move to its next cursor");
        assert_eq!(resumed.checkpoint().handed_out(), 0);
    }

    #[test]
    fn a_checkpoint_of_another_org_or_version_is_refused() {
        let mut checkpoint = TailState::new(&org(), StreamFilter::new(), TailMode::Bounded).checkpoint();
        let error = TailState::resume(&OrgId::new("org-2").unwrap(), checkpoint.clone(), TailMode::Bounded)
            .unwrap_err();
        assert!(error.to_string().contains(r#"it belongs to org "org-1", not to org "org-2""#), "{error}");
        checkpoint.version = 99;
        let error = TailState::resume(&org(), checkpoint, TailMode::Bounded).unwrap_err();
        assert!(matches!(error, BuildError::InvalidCheckpoint { .. }), "{error}");
    }

    #[test]
    fn an_empty_page_with_a_new_cursor_moves_on_but_counts_as_caught_up() {
        let mut tail =
            TailState::new(&org(), StreamFilter::new(), TailMode::Follow { interval: Duration::ZERO });
        tail.step();
        tail.absorb(page(&[], Some("c9"))).unwrap();
        assert_eq!(tail.step(), TailStep::Wait(Duration::ZERO));
        tail.waited();
        assert_eq!(tail.step(), TailStep::Fetch(Some("c9".into())));
    }

    #[test]
    fn filter_times_survive_the_checkpoint_as_milliseconds() {
        let from = time::macros::datetime!(2025-06-01 00:00:00.250 UTC);
        let tail = TailState::new(&org(), StreamFilter::new().from(from), TailMode::Bounded);
        let json = serde_json::to_value(tail.checkpoint()).unwrap();
        assert_eq!(json["filter"]["from_ms"], 1_748_736_000_250_i64);
        let resumed =
            TailState::resume(&org(), serde_json::from_value(json).unwrap(), TailMode::Bounded).unwrap();
        assert_eq!(resumed.filter().from, Some(from));
    }
}
