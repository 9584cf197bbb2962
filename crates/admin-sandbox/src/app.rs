//! The application the handlers share: the state, the faults and the request log.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::RecordedRequest;
use crate::faults::FaultState;
use crate::state::State as SandboxState;

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub state: Mutex<SandboxState>,
    pub faults: Mutex<FaultState>,
    pub log: Mutex<Vec<RecordedRequest>>,
    pub count: AtomicU64,
}

pub(crate) type App = Arc<Shared>;

/// Locks a mutex, ignoring poisoning (a panicking handler must not take the sandbox down).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
