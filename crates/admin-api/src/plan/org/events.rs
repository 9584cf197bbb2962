//! The audit log (#46–#49): a filtered search, the polling stream, one event, the action
//! catalogue. Times are typed ([`OffsetDateTime`]) and go on the wire as UNIX epoch
//! **milliseconds**, as the API wants.
//!
//! `GET /events` is limited to **10 requests a minute per user and per path** (since the end of
//! May 2025; Atlassian asks readers to move to the stream): prefer
//! [`events_stream`] for reading everything, and see the client's per-path limiter.

use admin_models::org::{EventAction, EventId, EventProduct, LocationFilter, OrgId, SortDirection};
use admin_transport::Method;
use time::OffsetDateTime;

use super::{limit_in_range, query_opt, v1};
use crate::common::error::BuildError;
use crate::common::setters::setters;
use crate::plan::RequestPlan;

/// The path template of `GET /events`, the one the client's limiter guards by default.
pub const EVENTS_PATH: &str = "/admin/v1/orgs/{orgId}/events";

/// The path template of the stream.
pub const EVENTS_STREAM_PATH: &str = "/admin/v1/orgs/{orgId}/events-stream";

/// The largest events-stream page (server default 200).
pub const MAX_STREAM_LIMIT: u32 = 500;

/// Filters of `GET /events` (#46). Every filter is optional; lists are sent comma-separated
/// (`style: form, explode: false` in the spec).
///
/// ```
/// use admin_api::plan::org::EventFilter;
/// use admin_api::models::org::{EventAction, EventProduct};
/// use admin_api::models::org::time::macros::datetime;
///
/// let filter = EventFilter::new()
///     .from(datetime!(2025-06-01 00:00 UTC))
///     .action(EventAction::UserAddedToGroup)
///     .product(EventProduct::Jira)
///     .actor("5b10ac8d82e05b22cc7d4ef5");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct EventFilter {
    /// `q`: a single search term.
    pub q: Option<String>,
    /// `from`: the earliest event time.
    pub from: Option<OffsetDateTime>,
    /// `to`: the latest event time.
    pub to: Option<OffsetDateTime>,
    /// `action`: one action key.
    pub action: Option<EventAction>,
    /// `actor`: account ids of actors.
    pub actors: Vec<String>,
    /// `ip`: IP addresses.
    pub ips: Vec<String>,
    /// `product`: products.
    pub products: Vec<EventProduct>,
    /// `location`: cities in countries (sent as the JSON array the API documents).
    pub locations: Vec<LocationFilter>,
    /// `limit`: page size.
    pub limit: Option<u32>,
}

impl EventFilter {
    /// No filter: every event, newest first.
    pub fn new() -> Self {
        Self::default()
    }

    setters! { self;
        /// Events matching a search term.
        #[must_use]
        set_into q(term) => q;
        /// Events at or after `at` (a `SystemTime` converts too).
        #[must_use]
        set_into from(at: OffsetDateTime) => from;
        /// Events at or before `at`.
        #[must_use]
        set_into to(at: OffsetDateTime) => to;
        /// Events of one action.
        #[must_use]
        set action(action: EventAction) => action;
        /// Adds an actor (account id).
        #[must_use]
        push_into actor(account_id) => actors;
        /// Adds an IP address.
        #[must_use]
        push_into ip(ip) => ips;
        /// Adds a product.
        #[must_use]
        push product(product: EventProduct) => products;
        /// Adds a location.
        #[must_use]
        push location(location: LocationFilter) => locations;
        /// Sets the page size.
        #[must_use]
        set limit(limit: u32) => limit;
    }
}

/// Where and how to read the stream (#47).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct StreamFilter {
    /// `from`: events processed at or after.
    pub from: Option<OffsetDateTime>,
    /// `to`: events processed at or before.
    pub to: Option<OffsetDateTime>,
    /// `limit`: page size, 1–500 (server default 200).
    pub limit: Option<u32>,
    /// `sortOrder`: by `processedAt`; `asc` for a tail (the cursor keeps it).
    pub sort_order: Option<SortDirection>,
}

impl StreamFilter {
    /// Every event, in the server's default order.
    pub fn new() -> Self {
        Self::default()
    }

    setters! { self;
        /// Events processed at or after `at`.
        #[must_use]
        set_into from(at: OffsetDateTime) => from;
        /// Events processed at or before `at`.
        #[must_use]
        set_into to(at: OffsetDateTime) => to;
        /// Page size, 1–500.
        #[must_use]
        set limit(limit: u32) => limit;
        /// Sort order by `processedAt`.
        #[must_use]
        set sort_order(order: SortDirection) => sort_order;
    }
}

/// An instant as UNIX epoch milliseconds, the wire form of `from`/`to`.
pub fn epoch_millis(at: OffsetDateTime) -> i128 {
    at.unix_timestamp_nanos().div_euclid(1_000_000)
}

fn time_range(from: Option<OffsetDateTime>, to: Option<OffsetDateTime>) -> Result<(), BuildError> {
    match (from, to) {
        (Some(from), Some(to)) if from > to => {
            Err(BuildError::InvalidArgument(format!("`from` ({from}) is after `to` ({to})")))
        }
        _ => Ok(()),
    }
}

fn comma_list<'a, I: IntoIterator<Item = &'a str>>(plan: RequestPlan, key: &str, values: I) -> RequestPlan {
    let mut values = values.into_iter().peekable();
    if values.peek().is_none() { plan } else { plan.query_list(key, values) }
}

/// #46 `GET /admin/v1/orgs/{orgId}/events` with every filter of [`EventFilter`] · org admin API
/// key. Pages: shape B (`meta.next`) with a `links.next` URL. **10 requests a minute per user and
/// per path**: use [`events_stream`] to read everything.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for `from` after `to`, an empty list member or an empty `q`;
/// [`BuildError::OutOfRange`] for `limit` 0.
pub fn list_events(
    org: &OrgId,
    filter: &EventFilter,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    time_range(filter.from, filter.to)?;
    limit_in_range(filter.limit, None)?;
    if filter.q.as_deref().is_some_and(|q| q.trim().is_empty()) {
        return Err(BuildError::InvalidArgument("`q` must not be empty".into()));
    }
    if filter.actors.iter().chain(&filter.ips).any(|v| v.trim().is_empty() || v.contains(',')) {
        return Err(BuildError::InvalidArgument(
            "`actor` and `ip` values must not be empty or contain `,` (the lists are comma-separated)".into(),
        ));
    }
    let plan = v1(Method::GET, EVENTS_PATH, org)?.lit("events");
    let plan = query_opt(plan, "cursor", cursor);
    let plan = query_opt(plan, "q", filter.q.as_deref());
    let plan = query_opt(plan, "from", filter.from.map(epoch_millis));
    let plan = query_opt(plan, "to", filter.to.map(epoch_millis));
    let plan = query_opt(plan, "action", filter.action.as_ref());
    let plan = comma_list(plan, "actor", filter.actors.iter().map(String::as_str));
    let plan = comma_list(plan, "ip", filter.ips.iter().map(String::as_str));
    let plan = comma_list(plan, "product", filter.products.iter().map(EventProduct::as_str));
    let plan = if filter.locations.is_empty() {
        plan
    } else {
        let json = serde_json::to_string(&filter.locations).map_err(BuildError::Serialize)?;
        plan.query("location", &json)
    };
    Ok(query_opt(plan, "limit", filter.limit))
}

/// #47 `GET /admin/v1/orgs/{orgId}/events-stream?cursor=&from=&to=&limit=&sortOrder=` · org
/// admin API key. Pages: shape B (`meta.next`). The last page's cursor is **kept** and polled
/// later for new events (the cursor keeps the sort order); when a cursor is sent the filters
/// are not (they live in the cursor).
///
/// # Errors
/// [`BuildError::InvalidArgument`] for `from` after `to`; [`BuildError::OutOfRange`] for a
/// `limit` outside 1–500.
pub fn events_stream(
    org: &OrgId,
    filter: &StreamFilter,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    time_range(filter.from, filter.to)?;
    limit_in_range(filter.limit, Some(MAX_STREAM_LIMIT))?;
    let plan = v1(Method::GET, EVENTS_STREAM_PATH, org)?.lit("events-stream");
    if let Some(cursor) = cursor {
        return Ok(query_opt(plan.query("cursor", cursor), "limit", filter.limit));
    }
    let plan = query_opt(plan, "from", filter.from.map(epoch_millis));
    let plan = query_opt(plan, "to", filter.to.map(epoch_millis));
    let plan = query_opt(plan, "limit", filter.limit);
    Ok(query_opt(plan, "sortOrder", filter.sort_order.as_ref()))
}

/// #48 `GET /admin/v1/orgs/{orgId}/events/{eventId}` · org admin API key. Answer: `{data}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn get_event(org: &OrgId, event: &EventId) -> Result<RequestPlan, BuildError> {
    v1(Method::GET, "/admin/v1/orgs/{orgId}/events/{eventId}", org)?
        .lit("events")
        .param("eventId", event.as_str())
}

/// #49 `GET /admin/v1/orgs/{orgId}/event-actions` · org admin API key. Answer: `{data: [...]}`
/// (localized display names of every action key).
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn event_actions(org: &OrgId) -> Result<RequestPlan, BuildError> {
    Ok(v1(Method::GET, "/admin/v1/orgs/{orgId}/event-actions", org)?.lit("event-actions"))
}
