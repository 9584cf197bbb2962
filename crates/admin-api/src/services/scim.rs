//! User provisioning, SCIM 2.0: `/scim/directory/{directoryId}/…`, with a directory's SCIM API
//! key. Users and groups are in [`ScimUsers`] and [`ScimGroups`]; discovery is here.
//!
//! Every method is available in [`crate::blocking`] and, returning a future, in
//! [`crate::nonblocking`].

use std::sync::Arc;

use admin_models::DirectoryId;
use admin_models::scim::{
    ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, ResourceType, Schema, ServiceProviderConfig, USER_SCHEMA,
};

use super::{Client, ScimGroups, ScimUsers, maybe};
use crate::common::credentials::ScimApiKey;
use crate::common::error::Error;
use crate::common::oauth::{ScimCredential, ScimServiceAccount, decode_token, token_error};
use crate::common::plan::RequestPlan;
use crate::plan::scim as plan;

/// The user provisioning (SCIM 2.0) API of one identity-provider directory. Made by
/// [`Client::scim`] from the directory's SCIM API key, which carries the directory id, so no
/// call repeats it. Cheap to clone (an `Arc` inside).
///
/// [`users`](Self::users) and [`groups`](Self::groups) manage resources; the discovery calls
/// (`/Schemas`, `/ResourceTypes`, `/ServiceProviderConfig`) are methods of this service.
///
/// Every call needs the **directory SCIM API key** (not the org admin key) or a **service
/// account's OAuth 2.0 client credentials** ([`ScimServiceAccount`](crate::ScimServiceAccount):
/// a token is fetched on first use, cached, and fetched again once on a 401; a refused secret is
/// [`Error::Api`] with [`ApiErrorBody::OAuth`](crate::ApiErrorBody::OAuth)). Errors common to
/// all calls: [`Error::Api`] with an [`ApiErrorBody::ScimFailure`](crate::ApiErrorBody::ScimFailure)
/// `{error, traceId}` body for 401 (missing or wrong key) and 403, an
/// [`ApiErrorBody::Scim`](crate::ApiErrorBody::Scim) error for 404 (directory, user or group
/// not found — [`Error::is_not_found`]) and 500/503; [`Error::RateLimited`] for 429 after the
/// retries allowed; [`Error::Transport`].
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::{ScimApiKey, blocking::Client, models::DirectoryId};
///
/// let directory = DirectoryId::new("bcdde508-ee40-4df2-89cc-d3f6292c5971")?;
/// let scim = Client::builder().build()?.scim(ScimApiKey::new("scim-key", directory)?);
/// let config = scim.service_provider_config()?;
/// println!("PATCH supported: {}", config.supports_patch());
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct ScimService {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    client: Client,
    credential: ScimCredential,
}

impl ScimService {
    pub(crate) fn new(client: Client, credential: ScimCredential) -> Self {
        Self { inner: Arc::new(Shared { client, credential }) }
    }

    /// A service on a default client, with the key from `ATLASSIAN_SCIM_API_KEY`, the directory
    /// from `ATLASSIAN_SCIM_DIRECTORY_ID` and the base URL from `ATLASSIAN_API_BASE_URL` when
    /// set.
    ///
    /// # Errors
    /// [`BuildError::MissingEnvVar`](crate::BuildError::MissingEnvVar) naming a missing
    /// variable, [`BuildError::InvalidEnvVar`](crate::BuildError::InvalidEnvVar), or any error
    /// of [`ClientBuilder::build`](super::ClientBuilder::build).
    pub fn from_env() -> Result<Self, Error> {
        let key = ScimApiKey::from_env()?;
        Ok(Client::from_env()?.scim(key))
    }

    /// As [`from_env`](Self::from_env) with a service account's OAuth 2.0 client credentials
    /// (see [`ScimServiceAccount::from_env`]) instead of a SCIM API key.
    ///
    /// # Errors
    /// As [`ScimServiceAccount::from_env`] and [`ClientBuilder::build`](super::ClientBuilder::build).
    pub fn from_env_service_account() -> Result<Self, Error> {
        let account = ScimServiceAccount::from_env()?;
        Ok(Client::from_env()?.scim(account))
    }

    /// The directory this service works on.
    pub fn directory_id(&self) -> &DirectoryId {
        self.inner.credential.directory_id()
    }

    /// The directory's users: `/Users`.
    pub fn users(&self) -> ScimUsers {
        ScimUsers::new(self.clone())
    }

    /// The directory's groups: `/Groups`.
    pub fn groups(&self) -> ScimGroups {
        ScimGroups::new(self.clone())
    }
}

#[maybe]
impl ScimService {
    /// Sends a plan with the directory's key, or with the service account's access token:
    /// fetched on first use, reused until shortly before it expires, and fetched again once
    /// when the API answers 401 (the request is then sent a second time; a 401 means it was
    /// not applied).
    pub(crate) async fn send(&self, plan: &RequestPlan) -> Result<admin_transport::HttpResponse, Error> {
        let client = &self.inner.client;
        let account = match &self.inner.credential {
            ScimCredential::ApiKey(key) => return client.send(plan, key.secret.header()).await,
            ScimCredential::ServiceAccount(account) => account,
        };
        let token = self.access_token(account).await?;
        match client.send(plan, &token).await {
            Err(error) if error.status() == Some(admin_transport::StatusCode::UNAUTHORIZED) => {
                account.invalidate(&token);
                tracing::debug!(
                    path = plan.path_template,
                    "401 with a cached OAuth token; fetching a new one"
                );
                let earlier = error.api_error().map_or(1, |e| e.attempts);
                let token = self.access_token(account).await?;
                // The attempts with the rejected token count too.
                client.send(plan, &token).await.map_err(|error| error.with_earlier_attempts(earlier))
            }
            result => result,
        }
    }

    /// The service account's cached access token, or a new one from the token endpoint.
    async fn access_token(
        &self,
        account: &ScimServiceAccount,
    ) -> Result<admin_transport::HeaderValue, Error> {
        if let Some(token) = account.cached(std::time::Instant::now()) {
            return Ok(token);
        }
        let (plan, request, secret) = account.token_request(self.inner.client.config());
        let fetched_at = std::time::Instant::now();
        let response = self.inner.client.send_request(&plan, request, &secret).await.map_err(token_error)?;
        let token = decode_token(&plan, &response, fetched_at)?;
        let header = token.header.clone();
        account.store(token);
        Ok(header)
    }

    /// The schemas the directory supports (core User, core Group, enterprise User).
    ///
    /// `GET /scim/directory/{directoryId}/Schemas` · directory SCIM API key. The spec types the
    /// answer `string`; it is decoded as RFC 7643 schemas, with or without the list's
    /// `schemas` attribute (Atlassian omits it), or from a bare array.
    ///
    /// # Errors
    /// As [`ScimService`]; [`Error::Decode`] for an unreadable answer.
    pub async fn schemas(&self) -> Result<Vec<Schema>, Error> {
        let plan = plan::schemas(self.directory_id())?;
        let response = self.send(&plan).await?;
        plan::decode_schemas(&plan, &response)
    }

    /// One schema by its URN, e.g. [`USER_SCHEMA`], [`GROUP_SCHEMA`] or
    /// [`ENTERPRISE_USER_SCHEMA`] (sent as one path segment, `:` left literal).
    ///
    /// `GET /scim/directory/{directoryId}/Schemas/{urn}` · directory SCIM API key.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::scim::USER_SCHEMA;
    /// # let scim = admin_api::blocking::ScimService::from_env()?;
    /// let schema = scim.schema(USER_SCHEMA)?;
    /// for attribute in &schema.attributes {
    ///     println!("{} required={:?}", attribute.name, attribute.required);
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] for an empty URN; 404 for an unknown one; as [`ScimService`].
    pub async fn schema(&self, urn: &str) -> Result<Schema, Error> {
        let plan = plan::schema(self.directory_id(), urn)?;
        let response = self.send(&plan).await?;
        plan::decode_schema(&plan, &response)
    }

    /// The core User schema: [`schema`](Self::schema) with [`USER_SCHEMA`].
    ///
    /// `GET /scim/directory/{directoryId}/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` ·
    /// directory SCIM API key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn user_schema(&self) -> Result<Schema, Error> {
        self.schema(USER_SCHEMA).await
    }

    /// The core Group schema: [`schema`](Self::schema) with [`GROUP_SCHEMA`].
    ///
    /// `GET /scim/directory/{directoryId}/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group` ·
    /// directory SCIM API key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn group_schema(&self) -> Result<Schema, Error> {
        self.schema(GROUP_SCHEMA).await
    }

    /// The enterprise User extension schema: [`schema`](Self::schema) with
    /// [`ENTERPRISE_USER_SCHEMA`].
    ///
    /// `GET /scim/directory/{directoryId}/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`
    /// · directory SCIM API key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn enterprise_user_schema(&self) -> Result<Schema, Error> {
        self.schema(ENTERPRISE_USER_SCHEMA).await
    }

    /// The resource types the directory serves (User, Group).
    ///
    /// `GET /scim/directory/{directoryId}/ResourceTypes` · directory SCIM API key. Decoded as a
    /// ListResponse or a bare array (the spec says `string`).
    ///
    /// # Errors
    /// As [`ScimService`]; [`Error::Decode`] for an unreadable answer.
    pub async fn resource_types(&self) -> Result<Vec<ResourceType>, Error> {
        let plan = plan::resource_types(self.directory_id())?;
        let response = self.send(&plan).await?;
        plan::decode_resource_types(&plan, &response)
    }

    /// One resource type by name (`User` or `Group`).
    ///
    /// `GET /scim/directory/{directoryId}/ResourceTypes/{name}` · directory SCIM API key.
    ///
    /// # Errors
    /// [`Error::Build`] for an empty name; 404 for an unknown one; as [`ScimService`].
    pub async fn resource_type(&self, name: &str) -> Result<ResourceType, Error> {
        let plan = plan::resource_type(self.directory_id(), name)?;
        let response = self.send(&plan).await?;
        plan::decode_resource_type(&plan, &response)
    }

    /// The User resource type.
    ///
    /// `GET /scim/directory/{directoryId}/ResourceTypes/User` · directory SCIM API key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn user_resource_type(&self) -> Result<ResourceType, Error> {
        self.resource_type("User").await
    }

    /// The Group resource type.
    ///
    /// `GET /scim/directory/{directoryId}/ResourceTypes/Group` · directory SCIM API key.
    ///
    /// # Errors
    /// As [`ScimService`].
    pub async fn group_resource_type(&self) -> Result<ResourceType, Error> {
        self.resource_type("Group").await
    }

    /// What the directory supports: PATCH, filtering (and its `maxResults`), bulk, sorting,
    /// ETags, authentication schemes.
    ///
    /// `GET /scim/directory/{directoryId}/ServiceProviderConfig` · directory SCIM API key.
    ///
    /// # Errors
    /// As [`ScimService`]; [`Error::Decode`] for an unreadable answer.
    pub async fn service_provider_config(&self) -> Result<ServiceProviderConfig, Error> {
        let plan = plan::service_provider_config(self.directory_id())?;
        let response = self.send(&plan).await?;
        plan::decode_service_provider_config(&plan, &response)
    }
}
