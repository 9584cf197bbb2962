//! Verified domains (#44, #45) and workspaces (#59). Made by [`OrgService::domains`] and
//! [`OrgService::workspaces`].

use admin_models::org::{Domain, DomainId, Page, Workspace, WorkspaceSearch};

use super::{OrgService, Paged, maybe};
use crate::common::error::Error;
use crate::plan::org::{self as plan, PageShape};

impl OrgService {
    /// The org's domains: [`OrgDomains`].
    pub fn domains(&self) -> OrgDomains {
        OrgDomains { org: self.clone() }
    }

    /// The org's workspaces (product instances) matching `search` (#59): `send()`, `all()`,
    /// `iter()` / `stream()`.
    ///
    /// `POST /admin/v2/orgs/{orgId}/workspaces` with the search body; later pages send only
    /// `{"cursor": …}` (the API forbids anything beside it) · org admin API key. Pages: URL in
    /// `links.next`. A read: retried like a GET only if the retry policy allows POST.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::org::{WorkspaceQuery, WorkspaceSearch};
    /// # let org = admin_api::blocking::OrgService::from_env()?;
    /// let search = WorkspaceSearch::new().query(WorkspaceQuery::SearchWorkspaces("acme".into())).limit(100);
    /// for workspace in org.workspaces(search).all()? {
    ///     println!("{:?} {:?}", workspace.attributes.name, workspace.attributes.host_url);
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    ///
    /// Errors (on sending): [`Error::Build`] for a `limit` outside 1–1000 or a cursor with other
    /// members; as [`OrgService`].
    pub fn workspaces(&self, search: WorkspaceSearch) -> Paged<Page<Workspace>> {
        let org = self.org_id().clone();
        self.paged(PageShape::LinkUrl, move |cursor| match cursor {
            Some(cursor) => plan::search_workspaces(&org, &WorkspaceSearch::next_page(cursor)),
            None => plan::search_workspaces(&org, &search),
        })
    }
}

/// The verified domains of an organization. Made by [`OrgService::domains`].
#[derive(Debug, Clone)]
pub struct OrgDomains {
    org: OrgService,
}

impl OrgDomains {
    /// Every domain of the org (#44): `send()`, `all()`, `iter()` / `stream()`.
    ///
    /// `GET /admin/v1/orgs/{orgId}/domains?cursor=` · org admin API key. Pages: URL in
    /// `links.next`; no page size.
    pub fn list(&self) -> Paged<Page<Domain>> {
        let org = self.org.org_id().clone();
        self.org.paged(PageShape::LinkUrl, move |cursor| plan::list_domains(&org, cursor))
    }
}

#[maybe]
impl OrgDomains {
    /// One domain (#45).
    ///
    /// `GET /admin/v1/orgs/{orgId}/domains/{domainId}` · org admin API key.
    ///
    /// # Errors
    /// 404 (`ADMIN-404-…` domain not found, [`Error::is_not_found`]); as [`OrgService`].
    pub async fn get(&self, id: &DomainId) -> Result<Domain, Error> {
        let plan = plan::get_domain(self.org.org_id(), id)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }
}
