//! Constructors for the org types that have required fields (and so no `Default`): what a
//! server, a test double or a fixture needs to build them field by field. The types stay
//! `#[non_exhaustive]`; set optional fields on the value these return.

use serde_json::Map;

use super::OrgId;
use super::events::{Event, EventAction, EventActor, EventAttributes, EventId, EventObject};
use super::organization::{Org, OrgAttributes};
use super::page::Data;

impl Org {
    /// An organization of type `orgs` named `name`.
    ///
    /// ```
    /// use admin_models::org::{Org, OrgId};
    /// let org = Org::new(OrgId::new("org-1").unwrap(), "Acme");
    /// assert_eq!(org.name(), Some("Acme"));
    /// ```
    pub fn new(id: OrgId, name: impl Into<String>) -> Self {
        Self {
            id,
            type_: Some("orgs".to_owned()),
            attributes: OrgAttributes { name: Some(name.into()), ..OrgAttributes::default() },
            relationships: None,
            links: None,
            extra: Map::new(),
        }
    }
}

impl<T> Data<T> {
    /// `{"data": data}`.
    pub fn new(data: T) -> Self {
        Self { data, extra: Map::new() }
    }
}

impl Event {
    /// An event of type `events` with `attributes`.
    pub fn new(id: EventId, attributes: EventAttributes) -> Self {
        Self {
            id,
            kind: Some("events".to_owned()),
            attributes,
            links: None,
            message: None,
            extra: Map::new(),
        }
    }
}

impl EventAttributes {
    /// Attributes of an `action` event; times, actor, context and location unset.
    pub fn new(action: EventAction) -> Self {
        Self {
            time: None,
            processed_at: None,
            action,
            actor: None,
            context: Vec::new(),
            container: Vec::new(),
            location: None,
            extra: Map::new(),
        }
    }
}

impl EventActor {
    /// An actor by id (an account id, or an app / API key id).
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: None,
            email: None,
            auth: None,
            on_behalf_of: None,
            app: None,
            links: None,
            extra: Map::new(),
        }
    }
}

impl EventObject {
    /// An object of the event (`context` or `container`) by id and type (`users`, `groups`, …).
    pub fn new(id: impl Into<String>, kind: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            kind: Some(kind.into()),
            attributes: Map::new(),
            links: None,
            extra: Map::new(),
        }
    }
}
