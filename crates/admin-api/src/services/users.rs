//! User management: `/users/{account_id}/manage…`, with the org admin API key.
//!
//! Every method is available in [`crate::blocking`] and, returning a future, in
//! [`crate::nonblocking`].

use admin_models::user_management::{
    Access, ApiToken, AtlassianAccountUser, LifecycleMessage, LifecycleResult, Permissions, Privilege,
    ProfileUpdate, SetEmailRequest,
};
use admin_models::{AccountId, ApiTokenId};

use super::{Client, maybe};
use crate::common::credentials::AdminApiKey;
use crate::common::error::Error;
use crate::common::plan::RequestPlan;
use crate::plan::users as plan;

/// The user management API of an organization: permissions, profile, email, API tokens and
/// lifecycle of managed accounts. Made by [`Client::users`]; cheap to clone.
///
/// Every call needs the **org admin API key**, and the organization must manage the account
/// (a verified domain). Errors common to all calls: [`Error::Api`] with key `unauthorized`
/// (401), `forbidden` / `forbidden.targetUnverified` (403), `accountNotFound` (404);
/// [`Error::RateLimited`]; [`Error::Transport`].
#[derive(Debug, Clone)]
pub struct UsersService {
    client: Client,
    key: AdminApiKey,
}

impl UsersService {
    pub(crate) fn new(client: Client, key: AdminApiKey) -> Self {
        Self { client, key }
    }

    /// A service on a default client, with the key from `ATLASSIAN_ADMIN_TOKEN` and the base
    /// URL from `ATLASSIAN_API_BASE_URL` when set.
    ///
    /// # Errors
    /// [`BuildError::MissingEnvVar`](crate::BuildError::MissingEnvVar) naming a missing
    /// variable, or any error of [`ClientBuilder::build`](super::ClientBuilder::build).
    pub fn from_env() -> Result<Self, Error> {
        Ok(Client::from_env()?.users(AdminApiKey::from_env()?))
    }

    /// Which of your privileges over an account to ask about; send with
    /// [`PermissionsRequest::send`].
    ///
    /// `GET /users/{account_id}/manage` · org admin API key.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::user_management::Privilege;
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// let rules = users.permissions(&account).privilege(Privilege::EmailSet).send()?;
    /// println!("{:?}", rules.check(Privilege::EmailSet));
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    pub fn permissions<'a>(&'a self, account_id: &'a AccountId) -> PermissionsRequest<'a> {
        PermissionsRequest { service: self, account_id, privileges: Vec::new() }
    }

    /// Deactivates an account, optionally with a message shown to the user when they try to
    /// log in; send with [`DisableRequest::send`]. **Changes data.**
    ///
    /// `POST /users/{account_id}/manage/lifecycle/disable` · org admin API key · privilege
    /// `lifecycle.enablement`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// users.disable(&account).message("On 6-month suspension").send()?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    pub fn disable<'a>(&'a self, account_id: &'a AccountId) -> DisableRequest<'a> {
        DisableRequest { service: self, account_id, message: LifecycleMessage::default() }
    }
}

#[maybe]
impl UsersService {
    async fn send(&self, plan: &RequestPlan) -> Result<admin_transport::HttpResponse, Error> {
        self.client.send(plan, self.key.0.header()).await
    }

    /// Whether you may use `privilege` on an account, and if not, why — a preflight that lets
    /// you explain a refusal before trying (for example a SCIM-managed account cannot be
    /// disabled here).
    ///
    /// `GET /users/{account_id}/manage?privileges=…` · org admin API key.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// use admin_api::models::user_management::{Access, Privilege};
    /// if let Access::Denied(reason) = users.check(&account, Privilege::LifecycleEnablement)? {
    ///     println!("cannot disable: {}", reason.explanation());
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// As [`UsersService`].
    pub async fn check(&self, account_id: &AccountId, privilege: Privilege) -> Result<Access, Error> {
        let plan = plan::permissions(account_id, std::slice::from_ref(&privilege))?;
        let response = self.send(&plan).await?;
        Ok(plan::decode_permissions(&plan, &response)?.check(privilege))
    }

    /// Gets a managed account's profile.
    ///
    /// `GET /users/{account_id}/manage/profile` · org admin API key · privilege `profile.read`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// let profile = users.get_profile(&account)?;
    /// println!("{:?} {:?}", profile.name, profile.account_type);
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// As [`UsersService`]; [`Error::Decode`] for an unreadable profile.
    pub async fn get_profile(&self, account_id: &AccountId) -> Result<AtlassianAccountUser, Error> {
        let plan = plan::get_profile(account_id)?;
        let response = self.send(&plan).await?;
        plan::decode_profile(&plan, &response)
    }

    /// Updates the fields of a profile that `update` sets, and returns the new profile.
    /// **Changes data.**
    ///
    /// `PATCH /users/{account_id}/manage/profile` · org admin API key · privilege
    /// `profile.write` (see [`Permissions`] for which fields are mutable).
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::user_management::ProfileUpdate;
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// let profile = users.update_profile(&account, &ProfileUpdate::new().nickname("marshmallow"))?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent) for an empty update or one breaking a documented limit;
    /// [`Error::Api`] with `bodyParseFailure` / `fieldConstraintsViolated` (400, field
    /// violations in the context) or `forbidden.fieldMutation` (403, the refused fields); as
    /// [`UsersService`].
    pub async fn update_profile(
        &self,
        account_id: &AccountId,
        update: &ProfileUpdate,
    ) -> Result<AtlassianAccountUser, Error> {
        let plan = plan::update_profile(account_id, update)?;
        let response = self.send(&plan).await?;
        plan::decode_profile(&plan, &response)
    }

    /// Sets an account's email address; the domain must be verified in the organization, the
    /// address counts as verified, and the user's sessions end. **Changes data.**
    ///
    /// `PUT /users/{account_id}/manage/email` · org admin API key · privilege `email.set`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// users.set_email(&account, "lila@example.com")?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`] for an address without a user part or domain; [`Error::Api`] with
    /// `forbidden.unclaimedDomain` (403, the domain in the context) or `fieldConstraintsViolated`
    /// (400); as [`UsersService`].
    pub async fn set_email(&self, account_id: &AccountId, email: &str) -> Result<(), Error> {
        let plan = plan::set_email(account_id, &SetEmailRequest::new(email))?;
        let response = self.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Lists an account's API tokens.
    ///
    /// `GET /users/{account_id}/manage/api-tokens` · org admin API key · privilege
    /// `apiToken.read`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// for token in users.api_tokens(&account)? {
    ///     println!("{} {} last used {:?}", token.id, token.label, token.last_access);
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`] with `forbidden.action` (403, the restriction reason); as
    /// [`UsersService`].
    pub async fn api_tokens(&self, account_id: &AccountId) -> Result<Vec<ApiToken>, Error> {
        let plan = plan::list_api_tokens(account_id)?;
        let response = self.send(&plan).await?;
        plan::decode_api_tokens(&plan, &response)
    }

    /// Revokes one of an account's API tokens. **Changes data.**
    ///
    /// `DELETE /users/{account_id}/manage/api-tokens/{tokenId}` · org admin API key · privilege
    /// `apiToken.delete`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// let token = admin_api::models::ApiTokenId::new("fake-tokenId")?;
    /// users.delete_api_token(&account, &token)?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`] with `forbidden.action` (403) or `notFound` (404, unknown token); as
    /// [`UsersService`].
    pub async fn delete_api_token(&self, account_id: &AccountId, token_id: &ApiTokenId) -> Result<(), Error> {
        let plan = plan::delete_api_token(account_id, token_id)?;
        let response = self.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Reactivates a deactivated account. An account pending deletion needs
    /// [`cancel_delete`](Self::cancel_delete) first; one blocked by export controls cannot be
    /// reactivated. **Changes data.** Not retried unless the retry policy opts in.
    ///
    /// `POST /users/{account_id}/manage/lifecycle/enable` · org admin API key · privilege
    /// `lifecycle.enablement`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// users.enable(&account)?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`] with `forbidden.action` (403) or `conflict.lifecycleErrors` (409, the
    /// error codes in the context); as [`UsersService`].
    pub async fn enable(&self, account_id: &AccountId) -> Result<(), Error> {
        let plan = plan::enable(account_id)?;
        let response = self.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Deletes a managed account: it shows as deactivated for a 14-day grace period, during
    /// which [`cancel_delete`](Self::cancel_delete) restores it. **Changes data.** Not retried
    /// unless the retry policy opts in.
    ///
    /// `POST /users/{account_id}/manage/lifecycle/delete` · org admin API key · privilege
    /// `lifecycle.delete`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// let result = users.delete_account(&account)?;
    /// println!("{}", result.message.unwrap_or_default());
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`] with `forbidden.action` (403) or `conflict.lifecycleErrors` (409); as
    /// [`UsersService`].
    pub async fn delete_account(&self, account_id: &AccountId) -> Result<LifecycleResult, Error> {
        let plan = plan::delete_account(account_id)?;
        let response = self.send(&plan).await?;
        plan::decode_lifecycle_result(&plan, &response)
    }

    /// Cancels a pending deletion within the grace period; the account is restored and
    /// activated. **Changes data.** Not retried unless the retry policy opts in.
    ///
    /// `POST /users/{account_id}/manage/lifecycle/cancel-delete` · org admin API key ·
    /// privilege `lifecycle.delete`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let users = admin_api::blocking::UsersService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// users.cancel_delete(&account)?;
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`] with `forbidden.action` (403) or `conflict.lifecycleErrors` (409); as
    /// [`UsersService`].
    pub async fn cancel_delete(&self, account_id: &AccountId) -> Result<LifecycleResult, Error> {
        let plan = plan::cancel_delete(account_id)?;
        let response = self.send(&plan).await?;
        plan::decode_lifecycle_result(&plan, &response)
    }
}

/// Asks which privileges you have over an account. Made by [`UsersService::permissions`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until `.send()`"]
pub struct PermissionsRequest<'a> {
    service: &'a UsersService,
    account_id: &'a AccountId,
    privileges: Vec<Privilege>,
}

impl PermissionsRequest<'_> {
    /// Asks about `privilege` (repeatable; without any, the server reports all).
    pub fn privilege(mut self, privilege: Privilege) -> Self {
        self.privileges.push(privilege);
        self
    }

    /// Asks about each of `privileges`.
    pub fn privileges(mut self, privileges: impl IntoIterator<Item = Privilege>) -> Self {
        self.privileges.extend(privileges);
        self
    }
}

#[maybe]
impl PermissionsRequest<'_> {
    /// Sends `GET /users/{account_id}/manage` with one `privileges=` key per privilege.
    ///
    /// # Errors
    /// As [`UsersService`].
    pub async fn send(self) -> Result<Permissions, Error> {
        let plan = plan::permissions(self.account_id, &self.privileges)?;
        let response = self.service.send(&plan).await?;
        plan::decode_permissions(&plan, &response)
    }
}

/// Deactivates an account. Made by [`UsersService::disable`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until `.send()`"]
pub struct DisableRequest<'a> {
    service: &'a UsersService,
    account_id: &'a AccountId,
    message: LifecycleMessage,
}

impl DisableRequest<'_> {
    /// The message shown to the user when they try to log in.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = LifecycleMessage::new(message);
        self
    }
}

#[maybe]
impl DisableRequest<'_> {
    /// Sends `POST /users/{account_id}/manage/lifecycle/disable` (body `{"message": …}` or
    /// `{}`). Not retried unless the retry policy opts in.
    ///
    /// # Errors
    /// [`Error::Api`] with `forbidden.action` (403, e.g. reason `externalDirectory.scim`) or
    /// `conflict.lifecycleErrors` (409); as [`UsersService`].
    pub async fn send(self) -> Result<(), Error> {
        let plan = plan::disable(self.account_id, &self.message)?;
        let response = self.service.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }
}
