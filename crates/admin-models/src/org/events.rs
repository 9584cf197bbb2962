//! The audit log: `GET /admin/v1/orgs/{orgId}/events` (filtered search), `…/events-stream`
//! (polling stream), `…/events/{eventId}` and `…/event-actions` (the action catalogue).
//!
//! Shapes from `admin_organization.json` (`EventModel`, `EventActorModel`, …) and, for what it
//! lacks (`processedAt`, `onBehalfOf`, `app`, `message`, more `authType` values), from the newer
//! spec as transcribed in jira.js (`src/admin/models/pollingEventModel.ts`, `eventActorModel.ts`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::page::{SelfLink, null_as_empty};
use super::timestamp::datetime;
use crate::Extra;
use crate::ids::{Rules, not_control};

id_type!(
    /// The id of an audit log event (`{eventId}` of `GET /admin/v1/orgs/{orgId}/events/{eventId}`).
    EventId,
    Rules { kind: "EventId", max_len: None, allowed: not_control }
);

string_enum! {
    /// An event's action key (`attributes.action`, the `action` filter, the ids of
    /// [`EventActionInfo`]). Open: the catalogue (`GET …/event-actions`) has hundreds of keys and
    /// grows, so only a few common ones are named; every other key decodes as `Unknown` and is
    /// sent back unchanged.
    EventAction {
        /// A user was added to a group.
        UserAddedToGroup = "user_added_to_group",
        /// A user was removed from a group.
        UserRemovedFromGroup = "user_removed_from_group",
        /// A group was created.
        GroupCreated = "group_created",
        /// A group was deleted.
        GroupDeleted = "group_deleted",
    }
}

string_enum! {
    /// A product filter value of `GET …/events` (`product`).
    EventProduct {
        /// Bitbucket.
        Bitbucket = "bitbucket",
        /// Confluence.
        Confluence = "confluence",
        /// Guard Detect.
        GuardDetect = "guard_detect",
        /// Jira.
        Jira = "jira",
    }
}

string_enum! {
    /// How the actor authenticated (`actor.auth.authType`).
    AuthType {
        /// A container token.
        ContainerToken = "container-token",
        /// An API token.
        ApiToken = "api-token",
        /// A Connect app token.
        ConnectToken = "connect-token",
        /// A 2LO app token.
        AuthTokenFor2Lo = "auth-token-for-2LO",
        /// A 3LO (OAuth) app token.
        AuthTokenFor3Lo = "auth-token-for-3LO",
    }
}

/// One audit log event (`EventModel`; the stream's `PollingEventModel` adds `processedAt`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct Event {
    /// The event's id.
    pub id: EventId,
    /// The object type, `events`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// What happened, who did it, where, to what.
    pub attributes: EventAttributes,
    /// `{self}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// The (encrypted) message of the activity, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<EventMessage>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Event);

/// `attributes` of an [`Event`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventAttributes {
    /// When the activity happened.
    #[serde(default, with = "datetime", skip_serializing_if = "Option::is_none")]
    pub time: Option<OffsetDateTime>,
    /// When Atlassian processed the event (events-stream only; the stream is ordered by it).
    #[serde(rename = "processedAt", default, with = "datetime", skip_serializing_if = "Option::is_none")]
    pub processed_at: Option<OffsetDateTime>,
    /// The action key.
    pub action: EventAction,
    /// Who performed the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<EventActor>,
    /// What the action was performed against.
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<EventObject>,
    /// Where the action was performed (sites, products).
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub container: Vec<EventObject>,
    /// Where the request came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<EventLocation>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventAttributes);

/// The entity that performed the action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventActor {
    /// The actor's id (an account id, or an app or system id).
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// How the actor authenticated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<EventActorAuth>,
    /// The user an app acted on behalf of: `{id, name?, email?}` and anything else sent.
    #[serde(rename = "onBehalfOf", default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<Extra>,
    /// The app that triggered the action: `{id, type?, attributes?}` and anything else sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<Extra>,
    /// `{self}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventActor);

/// `actor.auth`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventActorAuth {
    /// The kind of credential.
    #[serde(rename = "authType", default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<AuthType>,
    /// The token's id.
    #[serde(rename = "tokenId", default, skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
    /// The token's label.
    #[serde(rename = "tokenLabel", default, skip_serializing_if = "Option::is_none")]
    pub token_label: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventActorAuth);

/// An entity of `context` or `container`: `{id, type?, attributes?, links?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventObject {
    /// The entity's id.
    pub id: String,
    /// Its type (`users`, `groups`, `sites`, …).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Free-form attributes (name, email, product, …).
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub attributes: Extra,
    /// Links (`self` or `alt`), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Extra>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventObject);

/// Where a request came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventLocation {
    /// IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Geo location (deprecated by Atlassian).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<String>,
    /// Country.
    #[serde(rename = "countryName", default, skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// Region.
    #[serde(rename = "regionName", default, skip_serializing_if = "Option::is_none")]
    pub region_name: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventLocation);

/// `message` of an event: `{content, format}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventMessage {
    /// The (encrypted) message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Its format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventMessage);

/// A location filter value of `GET …/events` (`location`): `{city, countryName}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocationFilter {
    /// City, e.g. `Austin`.
    pub city: String,
    /// Country, e.g. `United States`.
    #[serde(rename = "countryName")]
    pub country_name: String,
}

impl LocationFilter {
    /// A city in a country.
    pub fn new(city: impl Into<String>, country_name: impl Into<String>) -> Self {
        Self { city: city.into(), country_name: country_name.into() }
    }
}

/// One entry of the action catalogue (`GET …/event-actions`, `EventActionModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventActionInfo {
    /// The action key, as used in [`EventAttributes::action`] and the `action` filter.
    pub id: EventAction,
    /// The object type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Localized names.
    pub attributes: EventActionAttributes,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventActionInfo);

/// `attributes` of an [`EventActionInfo`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct EventActionAttributes {
    /// Localized display name, e.g. `User added to group`.
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The localized group the action belongs to.
    #[serde(rename = "groupDisplayName", default, skip_serializing_if = "Option::is_none")]
    pub group_display_name: Option<String>,
    /// Every group the action belongs to (newer answers).
    #[serde(
        rename = "groupDisplayNames",
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub group_display_names: Vec<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EventActionAttributes);
