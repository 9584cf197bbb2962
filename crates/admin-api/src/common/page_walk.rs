//! What the lazy iterators (blocking) and streams (async) over pages need to know of a walk,
//! whichever it is: the SCIM [`Pager`] or the Organizations [`CursorWalker`].

use crate::plan::org::CursorWalker;
use crate::plan::scim::Pager;

/// A walk over pages as the lazy iterators and streams drive it (sealed: the crate's two walks).
pub trait PageWalk: std::fmt::Debug + Send + 'static {
    /// The iterator's name in its `Debug` output.
    const ITER: &'static str;
    /// The stream's name in its `Debug` output.
    const STREAM: &'static str;
    /// The walk's field name in the iterator's `Debug` output.
    const FIELD: &'static str;

    /// No page is left to ask for, and no failure is left to report.
    fn finished(&self) -> bool;

    /// Pages fetched so far.
    fn pages_fetched(&self) -> u64;
}

impl PageWalk for Pager {
    const ITER: &'static str = "ScimIter";
    const STREAM: &'static str = "ScimStream";
    const FIELD: &'static str = "pager";

    fn finished(&self) -> bool {
        self.is_done()
    }

    fn pages_fetched(&self) -> u64 {
        Pager::pages_fetched(self)
    }
}

impl PageWalk for CursorWalker {
    const ITER: &'static str = "OrgIter";
    const STREAM: &'static str = "OrgStream";
    const FIELD: &'static str = "walker";

    fn finished(&self) -> bool {
        // A failure is reported by the next fetch, which ends the walk.
        self.is_done() && !self.has_failure()
    }

    fn pages_fetched(&self) -> u64 {
        CursorWalker::pages_fetched(self)
    }
}
