//! A client for Atlassian's Admin Cloud APIs: **user management** (org admin API key) and
//! **user provisioning / SCIM 2.0** (directory SCIM API key), in a blocking and an async
//! facade written once.
//!
//! # Features
//!
//! Features are additive: any combination builds, and both facades can live in one binary.
//!
//! | feature | gives | default backend |
//! |---|---|---|
//! | `ureq` *(default)* | [`blocking`] | `UreqBackend` (ureq 3, rustls); no tokio |
//! | `reqwest` | [`nonblocking`] | `ReqwestBackend` (reqwest 0.13, tokio, rustls) |
//! | `blocking` | [`blocking`] | none: pass your own [`blocking::Backend`] |
//! | `async` | [`nonblocking`] | none: pass your own [`nonblocking::Backend`] |
//! | `test-util` | `admin_transport::MockBackend` | — |
//!
//! ```toml
//! # blocking only (the default)
//! admin-api = "0.1"
//! # async only
//! admin-api = { version = "0.1", default-features = false, features = ["reqwest"] }
//! # both
//! admin-api = { version = "0.1", features = ["reqwest"] }
//! ```
//!
//! # Blocking
//!
//! ```no_run
//! # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
//! use admin_api::{AdminApiKey, blocking::Client, models::AccountId};
//!
//! let client = Client::builder().build()?;
//! let users = client.users(AdminApiKey::from_env()?);
//! let account = AccountId::new("557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0")?;
//! let profile = users.get_profile(&account)?;
//! println!("{:?}", profile.name);
//! # Ok(()) }
//! # #[cfg(not(feature = "ureq"))] fn main() {}
//! ```
//!
//! # Async
//!
//! ```no_run
//! # #[cfg(feature = "reqwest")]
//! # async fn run() -> Result<(), admin_api::Error> {
//! use admin_api::{AdminApiKey, nonblocking::Client, models::AccountId};
//!
//! let users = Client::builder().build()?.users(AdminApiKey::from_env()?);
//! let account = AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
//! let profile = users.get_profile(&account).await?;
//! println!("{:?}", profile.name);
//! # Ok(()) }
//! ```
//!
//! # Errors
//!
//! Every call returns [`Error`], organised by the stage that failed: [`Error::Build`] (nothing
//! was sent), [`Error::Transport`], [`Error::Api`] / [`Error::RateLimited`] (the server said no;
//! its body is parsed into [`ApiErrorBody`] and kept raw), [`Error::Decode`].
//!
//! # Retries
//!
//! 429 and transient 5xx answers and transport failures are retried for idempotent calls
//! (GET, PUT, DELETE, and the POSTs that only read: the org user and group searches, the
//! workspace list, SCIM links for an email — see [`plan::RequestPlan::idempotent`]), honouring
//! `Retry-After` and `X-RateLimit-Reset`; POST and PATCH writes only when
//! [`RetryPolicy::retry_non_idempotent`] is set. See [`RetryPolicy`].
//!
//! # Layout
//!
//! [`plan`] builds every request without I/O; [`blocking`] and [`nonblocking`] are the same
//! source compiled twice (see `docs/ARCHITECTURE.md`), sending plans through an
//! `admin_transport` backend.
#![warn(missing_docs)]
#![deny(unused_must_use)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Without a facade only plans are usable; the executor parts of `common` are then unused.
#[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
mod common;
pub mod plan;

pub use admin_models as models;
pub use admin_transport as transport;
pub use common::config::{DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
pub use common::credentials::{AdminApiKey, ScimApiKey};
pub use common::env::{
    ADMIN_TOKEN_VAR, BASE_URL_VAR, ORG_ID_VAR, SCIM_API_KEY_VAR, SCIM_CLIENT_ID_VAR, SCIM_CLIENT_SECRET_VAR,
    SCIM_DIRECTORY_ID_VAR, SCIM_TOKEN_URL_VAR,
};
pub use common::error::{ApiError, ApiErrorBody, BuildError, DecodeError, Error, RateLimitInfo};
pub use common::limiter::{EVENTS_RATE_LIMIT, PathLimits, RateLimit};
pub use common::oauth::{DEFAULT_TOKEN_URL, MAX_TOKEN_CACHE_LIFETIME, ScimCredential, ScimServiceAccount};
pub use common::retry::{Attempt, Decision, Outcome, RetryPolicy};

/// The blocking facade: every call returns when the response has arrived.
///
/// Generated from the same source as [`nonblocking`] by
/// `maybe_async::must_be_sync`.
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
#[path = "services"]
pub mod blocking {
    pub(crate) use maybe_async::must_be_sync as maybe;

    /// The blocking HTTP backend trait.
    pub use admin_transport::blocking::HttpBackend as Backend;

    mod client;
    mod iter;
    mod org;
    mod org_domains;
    mod org_events;
    mod org_groups;
    mod org_iter;
    mod org_paged;
    mod org_policies;
    mod org_role_assignments;
    mod org_scim_links;
    mod org_tail_iter;
    mod org_users;
    mod scim;
    mod scim_groups;
    mod scim_users;
    mod users;

    pub use client::{Client, ClientBuilder};
    pub use iter::{PageIter, ScimIter};
    pub use org::{ListDirectories, OrgService};
    pub use org_domains::OrgDomains;
    pub use org_events::{EventTail, OrgEvents};
    pub use org_groups::{CountGroups, GroupRoleAssignments, ListGroups, OrgGroups, SearchGroups};
    pub use org_iter::OrgIter;
    pub use org_paged::Paged;
    pub use org_policies::OrgPolicies;
    pub use org_role_assignments::RoleAssignments;
    pub use org_scim_links::OrgScimLinks;
    pub use org_users::{CountUsers, ListUsers, OrgUsers, SearchUsers, UserRoleAssignments};
    pub use scim::ScimService;
    pub use scim_groups::{ListGroupsRequest, ScimGroups};
    pub use scim_users::{ListUsersRequest, ScimUsers};
    pub use users::{DisableRequest, PermissionsRequest, UsersService};

    fn default_backend(
        config: &admin_transport::BackendConfig,
    ) -> Result<std::sync::Arc<dyn Backend>, crate::Error> {
        #[cfg(feature = "ureq")]
        return Ok(std::sync::Arc::new(admin_transport::UreqBackend::new(config)));
        #[cfg(not(feature = "ureq"))]
        {
            let _ = config;
            Err(crate::BuildError::NoBackend { feature: "ureq" }.into())
        }
    }
}

/// The async facade: every call returns a `Send` future.
///
/// Generated from the same source as [`blocking`] by
/// `maybe_async::must_be_async`.
#[cfg(feature = "async")]
#[cfg_attr(docsrs, doc(cfg(feature = "async")))]
#[path = "services"]
pub mod nonblocking {
    pub(crate) use maybe_async::must_be_async as maybe;

    /// The async HTTP backend trait.
    pub use admin_transport::nonblocking::HttpBackend as Backend;

    // The same files as `blocking`, compiled a second time on purpose (docs/ARCHITECTURE.md).
    #[allow(clippy::duplicate_mod)]
    mod client;
    #[allow(clippy::duplicate_mod)]
    mod org;
    #[allow(clippy::duplicate_mod)]
    mod org_domains;
    #[allow(clippy::duplicate_mod)]
    mod org_events;
    #[allow(clippy::duplicate_mod)]
    mod org_groups;
    #[allow(clippy::duplicate_mod)]
    mod org_paged;
    #[allow(clippy::duplicate_mod)]
    mod org_policies;
    #[allow(clippy::duplicate_mod)]
    mod org_role_assignments;
    #[allow(clippy::duplicate_mod)]
    mod org_scim_links;
    mod org_stream;
    mod org_tail_stream;
    #[allow(clippy::duplicate_mod)]
    mod org_users;
    #[allow(clippy::duplicate_mod)]
    mod scim;
    #[allow(clippy::duplicate_mod)]
    mod scim_groups;
    #[allow(clippy::duplicate_mod)]
    mod scim_users;
    mod stream;
    #[allow(clippy::duplicate_mod)]
    mod users;

    pub use client::{Client, ClientBuilder};
    pub use org::{ListDirectories, OrgService};
    pub use org_domains::OrgDomains;
    pub use org_events::{EventTail, OrgEvents};
    pub use org_groups::{CountGroups, GroupRoleAssignments, ListGroups, OrgGroups, SearchGroups};
    pub use org_paged::Paged;
    pub use org_policies::OrgPolicies;
    pub use org_role_assignments::RoleAssignments;
    pub use org_scim_links::OrgScimLinks;
    pub use org_stream::OrgStream;
    pub use org_tail_stream::EventTailStream;
    pub use org_users::{CountUsers, ListUsers, OrgUsers, SearchUsers, UserRoleAssignments};
    pub use scim::ScimService;
    pub use scim_groups::{ListGroupsRequest, ScimGroups};
    pub use scim_users::{ListUsersRequest, ScimUsers};
    pub use stream::{PageStream, ScimStream};
    pub use users::{DisableRequest, PermissionsRequest, UsersService};

    fn default_backend(
        config: &admin_transport::BackendConfig,
    ) -> Result<std::sync::Arc<dyn Backend>, crate::Error> {
        #[cfg(feature = "reqwest")]
        return admin_transport::ReqwestBackend::new(config)
            .map(|backend| std::sync::Arc::new(backend) as std::sync::Arc<dyn Backend>)
            .map_err(|e| crate::BuildError::Backend(e).into());
        #[cfg(not(feature = "reqwest"))]
        {
            let _ = config;
            Err(crate::BuildError::NoBackend { feature: "reqwest" }.into())
        }
    }
}
