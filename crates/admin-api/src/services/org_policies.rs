//! Org policies (#50–#58). Made by [`OrgService::policies`].

use admin_models::org::{
    Page, Policy, PolicyId, PolicyInput, PolicyResource, PolicyResourceId, PolicyResourceUpdate, PolicyType,
};

use super::{OrgService, Paged, maybe};
use crate::common::error::Error;
use crate::plan::org::{self as plan, PageShape};

impl OrgService {
    /// The org's policies: [`OrgPolicies`].
    pub fn policies(&self) -> OrgPolicies {
        OrgPolicies { org: self.clone() }
    }
}

/// The policies of an organization (IP allowlists, data residency, …). Made by
/// [`OrgService::policies`]; cheap to clone.
///
/// Writes answer **202 Accepted**: the change is applied in the background; the policy returned
/// is the one accepted, and each resource's
/// [`application_status`](admin_models::org::PolicyResource::application_status) tells where
/// applying it stands. Writes are POST/PUT/DELETE without `Idempotency-Key`; only PUT and
/// DELETE are retried.
#[derive(Debug, Clone)]
pub struct OrgPolicies {
    org: OrgService,
}

impl OrgPolicies {
    /// The org's policies, optionally of one type (#50): `send()`, `all()`, `iter()` /
    /// `stream()`.
    ///
    /// `GET /admin/v1/orgs/{orgId}/policies?cursor=&type=` · org admin API key. Pages:
    /// `meta.next` (nullable).
    pub fn list(&self, policy_type: Option<PolicyType>) -> Paged<Page<Policy>> {
        let org = self.org.org_id().clone();
        self.org
            .paged(PageShape::MetaNext, move |cursor| plan::list_policies(&org, policy_type.as_ref(), cursor))
    }
}

#[maybe]
impl OrgPolicies {
    /// Creates a policy (#51).
    ///
    /// `POST /admin/v1/orgs/{orgId}/policies` `{"data": {type: "policy", attributes}}` · org admin
    /// API key. Answer: 202 with the policy.
    ///
    /// # Errors
    /// [`Error::Build`] for an input with an id; 400 for an invalid policy; as [`OrgService`].
    pub async fn create(&self, input: &PolicyInput) -> Result<Policy, Error> {
        let plan = plan::create_policy(self.org.org_id(), input)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// One policy (#52).
    ///
    /// `GET /admin/v1/orgs/{orgId}/policies/{policyId}` · org admin API key.
    ///
    /// # Errors
    /// 404 for an unknown policy ([`Error::is_not_found`]); as [`OrgService`].
    pub async fn get(&self, id: &PolicyId) -> Result<Policy, Error> {
        let plan = plan::get_policy(self.org.org_id(), id)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// Replaces a policy (#53). Start from [`get`](Self::get) and `PolicyInput::from(policy)`:
    /// members this crate does not know are sent back unchanged.
    ///
    /// `PUT /admin/v1/orgs/{orgId}/policies/{policyId}` `{"data": {id, type, attributes}}` · org
    /// admin API key. Answer: 202 with the policy.
    ///
    /// # Errors
    /// [`Error::Build`] when the input names another policy; 404; as [`OrgService`].
    pub async fn update(&self, id: &PolicyId, input: &PolicyInput) -> Result<Policy, Error> {
        let plan = plan::update_policy(self.org.org_id(), id, input)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// Deletes a policy (#54).
    ///
    /// `DELETE /admin/v1/orgs/{orgId}/policies/{policyId}` · org admin API key. Answer: 202.
    ///
    /// # Errors
    /// 404; as [`OrgService`].
    pub async fn delete(&self, id: &PolicyId) -> Result<(), Error> {
        let plan = plan::delete_policy(self.org.org_id(), id)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Applies a policy to one more resource (#55).
    ///
    /// `POST /admin/v1/orgs/{orgId}/policies/{policyId}/resources` `{id, meta?, links?}` · org
    /// admin API key. Answer: 202 with the policy.
    ///
    /// # Errors
    /// 404; as [`OrgService`].
    pub async fn add_resource(&self, id: &PolicyId, resource: &PolicyResource) -> Result<Policy, Error> {
        let plan = plan::add_policy_resource(self.org.org_id(), id, resource)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// Changes a policy resource's scheduling or links (#56).
    ///
    /// `PUT /admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}` `{meta?, links?}`
    /// · org admin API key. Answer: 202 with the policy.
    ///
    /// # Errors
    /// 404; as [`OrgService`].
    pub async fn update_resource(
        &self,
        id: &PolicyId,
        resource: &PolicyResourceId,
        update: &PolicyResourceUpdate,
    ) -> Result<Policy, Error> {
        let plan = plan::update_policy_resource(self.org.org_id(), id, resource, update)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// Removes a resource from a policy (#57).
    ///
    /// `DELETE /admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}` · org admin
    /// API key. Answer: 204 (a body, if any, is ignored).
    ///
    /// # Errors
    /// 404; as [`OrgService`].
    pub async fn delete_resource(&self, id: &PolicyId, resource: &PolicyResourceId) -> Result<(), Error> {
        let plan = plan::delete_policy_resource(self.org.org_id(), id, resource)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Starts a policy's validation (#58), e.g. the DNS check of a custom domain policy.
    ///
    /// `GET /admin/v1/orgs/{orgId}/policies/{policyId}/validate` · org admin API key. Answer:
    /// 202, no body.
    ///
    /// # Errors
    /// 400 when the policy cannot be validated; as [`OrgService`].
    pub async fn validate(&self, id: &PolicyId) -> Result<(), Error> {
        let plan = plan::validate_policy(self.org.org_id(), id)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }
}
