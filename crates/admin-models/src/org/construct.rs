//! Constructors for the org types that have required fields (and so no `Default`): what a
//! server, a test double or a fixture needs to build them field by field. The types stay
//! `#[non_exhaustive]`; set optional fields on the value these return.

use super::domains::{Domain, DomainAttributes, DomainId};
use super::events::{
    Event, EventAction, EventActionAttributes, EventActionInfo, EventActor, EventAttributes, EventId,
    EventObject,
};
use super::last_active::{LastActivePage, ProductLastActive, UserProductAccess};
use super::managed_account::{ManagedAccount, ManagedProductAccess};
use super::organization::{Org, OrgAttributes};
use super::page::{Data, PageLinks};
use super::policies::{Policy, PolicyAttributes, PolicyId};
use super::scim_links::ScimLink;
use super::workspaces::{Workspace, WorkspaceAttributes, WorkspaceId};
use super::{OrgId, ProductKey};
use crate::{AccountId, Extra};

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
            extra: Extra::new(),
        }
    }
}

impl<T> Data<T> {
    /// `{"data": data}`.
    pub fn new(data: T) -> Self {
        Self { data, extra: Extra::new() }
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
            extra: Extra::new(),
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
            extra: Extra::new(),
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
            extra: Extra::new(),
        }
    }
}

impl EventObject {
    /// An object of the event (`context` or `container`) by id and type (`users`, `groups`, …).
    pub fn new(id: impl Into<String>, kind: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            kind: Some(kind.into()),
            attributes: Extra::new(),
            links: None,
            extra: Extra::new(),
        }
    }
}

impl Domain {
    /// A domain of type `domains` with `attributes`.
    pub fn new(id: DomainId, attributes: DomainAttributes) -> Self {
        Self { id, kind: Some("domains".to_owned()), attributes, links: None, extra: Extra::new() }
    }
}

impl LastActivePage {
    /// The answer of `…/last-active-dates` holding `data`; `links` as given.
    pub fn new(data: UserProductAccess, links: Option<PageLinks>) -> Self {
        Self { data, links, extra: Extra::new() }
    }
}

impl ProductLastActive {
    /// A product of the account, never used (set `id` and `last_active` on the value).
    pub fn new(key: ProductKey) -> Self {
        Self { id: None, key, last_active: None, extra: Extra::new() }
    }
}

impl ScimLink {
    /// The link of SCIM user `scim_user_id` of directory `directory_id` (set the account and
    /// org ids on the value).
    pub fn new(scim_user_id: impl Into<String>, directory_id: impl Into<String>) -> Self {
        Self {
            scim_user_id: scim_user_id.into(),
            atlassian_account_id: None,
            org_id: None,
            directory_id: directory_id.into(),
            extra: Extra::new(),
        }
    }
}

impl EventActionInfo {
    /// The catalogue entry of `action` (type `event-actions`), shown as `display_name`.
    pub fn new(action: EventAction, display_name: impl Into<String>) -> Self {
        Self {
            id: action,
            kind: Some("event-actions".to_owned()),
            attributes: EventActionAttributes {
                display_name: Some(display_name.into()),
                group_display_name: None,
                group_display_names: Vec::new(),
                extra: Extra::new(),
            },
            extra: Extra::new(),
        }
    }
}

impl Policy {
    /// A policy of type `policy` with `attributes`.
    pub fn new(id: PolicyId, attributes: PolicyAttributes) -> Self {
        Self { id, kind: "policy".to_owned(), attributes, extra: Extra::new() }
    }
}

impl Workspace {
    /// A workspace of type `workspace` with `attributes`.
    pub fn new(id: WorkspaceId, attributes: WorkspaceAttributes) -> Self {
        Self {
            id,
            kind: Some("workspace".to_owned()),
            attributes,
            links: None,
            relationships: Extra::new(),
            extra: Extra::new(),
        }
    }
}

impl ManagedAccount {
    /// A managed account by id, every other field unset.
    pub fn new(account_id: AccountId) -> Self {
        Self {
            account_id,
            account_type: None,
            account_status: None,
            name: None,
            picture: None,
            email: None,
            access_billable: None,
            last_active: None,
            product_access: Vec::new(),
            links: None,
            extra: Extra::new(),
        }
    }
}

impl ManagedProductAccess {
    /// Access to the product `key`, every other field unset.
    pub fn new(key: ProductKey) -> Self {
        Self { key, name: None, url: None, last_active: None, extra: Extra::new() }
    }
}
