//! The provisioning "Admin APIs" (#65–#68), with the **org admin API key**. Made by
//! [`OrgService::scim_links`].

use admin_models::org::ScimLinks;
use admin_models::{AccountId, DirectoryId, ScimUserId};

use super::{OrgService, maybe};
use crate::common::error::Error;
use crate::plan::org as plan;

impl OrgService {
    /// The links between the org's SCIM users and Atlassian accounts: [`OrgScimLinks`].
    pub fn scim_links(&self) -> OrgScimLinks {
        OrgScimLinks { org: self.clone() }
    }
}

/// Links between SCIM-provisioned users and Atlassian accounts, across the org's directories.
/// Made by [`OrgService::scim_links`].
///
/// These calls take the **org admin API key** (the provisioning spec's "Admin APIs"), not a
/// directory's SCIM key: they exist only on an [`OrgService`], which a SCIM key cannot make:
///
/// ```compile_fail
/// use admin_api::{ScimApiKey, blocking::Client, models::{DirectoryId, org::OrgId}};
/// let client = Client::builder().build().unwrap();
/// let key = ScimApiKey::new("scim-key", DirectoryId::new("d-1").unwrap()).unwrap();
/// let org = client.org(key, OrgId::new("o-1").unwrap()); // error: expected `AdminApiKey`
/// ```
///
/// Errors are SCIM-shaped: [`Error::Api`] with
/// [`ApiErrorBody::ScimFailure`](crate::ApiErrorBody::ScimFailure) for 401/403 and
/// [`ApiErrorBody::Scim`](crate::ApiErrorBody::Scim) for 404 ([`Error::is_not_found`]) and
/// 500/503.
#[derive(Debug, Clone)]
pub struct OrgScimLinks {
    org: OrgService,
}

#[maybe]
impl OrgScimLinks {
    /// The SCIM users linked to an Atlassian account (#65).
    ///
    /// `GET /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/get-scim-links` · org admin API
    /// key.
    ///
    /// # Errors
    /// As [`OrgScimLinks`].
    pub async fn for_account(&self, account: &AccountId) -> Result<ScimLinks, Error> {
        let plan = plan::scim_links(self.org.org_id(), account)?;
        let response = self.org.send(&plan).await?;
        plan::decode(&plan, &response)
    }

    /// The SCIM users with an email address (#66): gives each one's directory and SCIM user id.
    ///
    /// `POST /admin/user-provisioning/v1/org/{orgId}/get-scim-links-for-email` `{email}` · org
    /// admin API key.
    ///
    /// # Errors
    /// [`Error::Build`] for something that is not an email address; as [`OrgScimLinks`].
    pub async fn for_email(&self, email: &str) -> Result<ScimLinks, Error> {
        let plan = plan::scim_links_for_email(self.org.org_id(), email)?;
        let response = self.org.send(&plan).await?;
        plan::decode(&plan, &response)
    }

    /// Unlinks a SCIM user from its Atlassian account, deleting neither (#67).
    ///
    /// `PATCH /admin/user-provisioning/v1/org/{orgId}/scimDirectoryId/{scimDirectoryId}/scimUserId/{scimUserId}/unlink`
    /// · org admin API key. Not retried (PATCH) unless the retry policy allows it.
    ///
    /// # Errors
    /// 404 for an unknown directory or user; as [`OrgScimLinks`].
    pub async fn unlink(&self, directory: &DirectoryId, user: &ScimUserId) -> Result<(), Error> {
        let plan = plan::unlink_scim_user(self.org.org_id(), directory, user)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Deletes the account's SCIM record in **every** directory of the org, and only that
    /// (#68): for managed accounts; the user must then be provisioned to its groups again.
    ///
    /// `DELETE /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/onlyDeleteUserInDB` · org
    /// admin API key. Answer: 204.
    ///
    /// # Errors
    /// 404 when the account is unknown or not a managed user; as [`OrgScimLinks`].
    pub async fn delete_record(&self, account: &AccountId) -> Result<(), Error> {
        let plan = plan::delete_scim_record(self.org.org_id(), account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }
}
