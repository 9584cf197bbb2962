//! Blocking only: the audit log tail as an `Iterator`.

use admin_models::org::Event;

use super::EventTail;
use crate::common::error::Error;

/// Each item is the next event; `None` once a bounded tail has caught up (a following tail
/// never returns `None`). After an `Err` the tail can be asked again: it retries the same page.
impl Iterator for EventTail {
    type Item = Result<Event, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_event()
    }
}
