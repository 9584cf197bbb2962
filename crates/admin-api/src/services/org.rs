//! The Organizations REST API: `/admin/v1|v2/orgs/{orgId}/…`, with the org admin API key.
//! Users and groups are in [`OrgUsers`] and [`OrgGroups`]; the org itself, its directories and
//! its managed accounts are here.
//!
//! Every method is available in [`crate::blocking`] and, returning a future, in
//! [`crate::nonblocking`].

use std::sync::Arc;

use admin_models::AccountId;
use admin_models::org::{ManagedAccount, Org, OrgDirectory, OrgDirectoryId, OrgId, Page};

use super::{Client, OrgGroups, OrgUsers, Paged, maybe};
use crate::common::credentials::AdminApiKey;
use crate::common::env::{ORG_ID_VAR, required_var};
use crate::common::error::{BuildError, Error};
use crate::common::plan::RequestPlan;
use crate::plan::org::{self as plan, DirectoryQuery, PageShape};

/// The Organizations API of one organization. Made by [`Client::org`]; cheap to clone (an `Arc`
/// inside).
///
/// Every call needs the **org admin API key**. Errors common to all calls:
/// [`Error::Api`] with an [`ApiErrorBody::OrgGateway`](crate::ApiErrorBody::OrgGateway)
/// `{code, message}` body (401 from the gateway) or an
/// [`ApiErrorBody::OrgApplication`](crate::ApiErrorBody::OrgApplication) body whose `ADMIN-xxx`
/// code [`Error::admin_code`] returns (e.g. `ADMIN-404-2` org not found, `ADMIN-403-3`);
/// [`Error::RateLimited`] for 429 after the retries allowed (the wait comes from the ISO 8601
/// `X-RateLimit-Reset`); [`Error::Transport`].
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::{AdminApiKey, blocking::Client, models::org::OrgId};
///
/// let org = Client::builder().build()?.org(AdminApiKey::from_env()?, OrgId::new("0cc7e8d6")?);
/// for user in org.users().search().email("lila@example.com").iter() {
///     println!("{:?}", user?.account_id);
/// }
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct OrgService {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    client: Client,
    key: AdminApiKey,
    org_id: OrgId,
}

impl OrgService {
    pub(crate) fn new(client: Client, key: AdminApiKey, org_id: OrgId) -> Self {
        Self { inner: Arc::new(Shared { client, key, org_id }) }
    }

    /// A service on a default client, with the key from `ATLASSIAN_ADMIN_TOKEN`, the org from
    /// `ATLASSIAN_ORG_ID` and the base URL from `ATLASSIAN_API_BASE_URL` when set.
    ///
    /// # Errors
    /// [`BuildError::MissingEnvVar`] naming a missing variable,
    /// [`BuildError::InvalidEnvVar`], or any error of
    /// [`ClientBuilder::build`](super::ClientBuilder::build).
    pub fn from_env() -> Result<Self, Error> {
        let key = AdminApiKey::from_env()?;
        let org_id = OrgId::new(required_var(ORG_ID_VAR)?)
            .map_err(|e| BuildError::InvalidEnvVar { name: ORG_ID_VAR, reason: e.to_string() })?;
        Ok(Client::from_env()?.org(key, org_id))
    }

    /// The organization this service works on.
    pub fn org_id(&self) -> &OrgId {
        &self.inner.org_id
    }

    /// The users of every directory (`directoryId` `-`); narrow with
    /// [`OrgUsers::directory`].
    pub fn users(&self) -> OrgUsers {
        OrgUsers::new(self.clone(), OrgDirectoryId::all())
    }

    /// The groups of every directory (`directoryId` `-`); narrow with
    /// [`OrgGroups::directory`].
    pub fn groups(&self) -> OrgGroups {
        OrgGroups::new(self.clone(), OrgDirectoryId::all())
    }

    /// The org's directories (#5): filter, then `send()`, `all()`, `iter()` / `stream()`.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories` · org admin API key. Pages: bare cursor in
    /// `links.next`.
    pub fn directories(&self) -> ListDirectories {
        ListDirectories { org: self.clone(), query: DirectoryQuery::default() }
    }

    /// The org's **managed accounts** (#3, v1; accounts on verified domains only, about 100 a
    /// page, `meta.total`). For everyone in the org's directories use
    /// [`users().search()`](OrgUsers::search).
    ///
    /// `GET /admin/v1/orgs/{orgId}/users` · org admin API key. Pages: URL in `links.next`.
    pub fn managed_accounts(&self) -> Paged<Page<ManagedAccount>> {
        let org = self.org_id().clone();
        self.paged(PageShape::LinkUrl, move |cursor| plan::managed_accounts(&org, cursor))
    }

    /// The client this service sends through (its backend also sleeps for it).
    pub(crate) fn client(&self) -> &Client {
        &self.inner.client
    }

    pub(crate) fn paged<P: plan::CursorPage>(
        &self,
        shape: PageShape,
        plan: impl Fn(Option<&str>) -> Result<RequestPlan, BuildError> + Send + Sync + 'static,
    ) -> Paged<P> {
        Paged::new(self.inner.client.clone(), self.inner.key.clone(), shape, plan)
    }

    /// A directory listing paged by a bare cursor in `links.next`, filtered by `filters`, and
    /// starting at `start` (the filters' own cursor) when set.
    pub(crate) fn directory_paged<P: plan::CursorPage, F: Send + Sync + 'static>(
        &self,
        directory: &OrgDirectoryId,
        filters: F,
        start: Option<String>,
        plan: fn(&OrgId, &OrgDirectoryId, &F, Option<&str>) -> Result<RequestPlan, BuildError>,
    ) -> Paged<P> {
        let (org, directory) = (self.org_id().clone(), directory.clone());
        let paged = self.paged(PageShape::LinkCursor, move |cursor| plan(&org, &directory, &filters, cursor));
        match start {
            Some(cursor) => paged.cursor(cursor),
            None => paged,
        }
    }
}

#[maybe]
impl OrgService {
    /// Sends a plan with the org admin key.
    pub(crate) async fn send(&self, plan: &RequestPlan) -> Result<admin_transport::HttpResponse, Error> {
        self.inner.client.send(plan, self.inner.key.0.header()).await
    }

    /// The organization (#2).
    ///
    /// `GET /admin/v1/orgs/{orgId}` · org admin API key.
    ///
    /// # Errors
    /// 404 `ADMIN-404-2` when the org does not exist or the key is not its; as [`OrgService`].
    pub async fn get(&self) -> Result<Org, Error> {
        let plan = plan::get_org(self.org_id())?;
        let response = self.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }
}

/// Lists the org's directories. Made by [`OrgService::directories`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct ListDirectories {
    org: OrgService,
    query: DirectoryQuery,
}

impl ListDirectories {
    /// `accountId=`: only directories this account is a member of.
    pub fn account_id(mut self, account: AccountId) -> Self {
        self.query.account_id = Some(account);
        self
    }

    /// `directoryIds=`: only these directories.
    pub fn directory_ids(mut self, ids: impl IntoIterator<Item = OrgDirectoryId>) -> Self {
        self.query.directory_ids.extend(ids);
        self
    }

    /// `searchTerm=`: search the `name`.
    pub fn search_term(mut self, term: impl Into<String>) -> Self {
        self.query.search_term = Some(term.into());
        self
    }

    /// `limit=`: page size (at least 1).
    pub fn page_size(mut self, limit: u32) -> Self {
        self.query.limit = Some(limit);
        self
    }

    /// The paged request: to start at a cursor or bound the walk.
    pub fn pages(self) -> Paged<Page<OrgDirectory>> {
        let org_id = self.org.org_id().clone();
        let query = self.query;
        self.org.paged(PageShape::LinkCursor, move |cursor| plan::list_directories(&org_id, &query, cursor))
    }
}

#[maybe]
impl ListDirectories {
    /// One page. `GET /admin/v2/orgs/{orgId}/directories` · org admin API key.
    ///
    /// # Errors
    /// As [`Paged::send`].
    pub async fn send(self) -> Result<Page<OrgDirectory>, Error> {
        self.pages().send().await
    }

    /// Every directory.
    ///
    /// # Errors
    /// As [`Paged::all`].
    pub async fn all(self) -> Result<Vec<OrgDirectory>, Error> {
        self.pages().all().await
    }
}

/// The organizations the key can administer (#1). Made by [`Client::orgs`].
///
/// `GET /admin/v1/orgs` · org admin API key. Pages: URL in `links.next`.
pub(crate) fn list_orgs(client: &Client, key: AdminApiKey) -> Paged<Page<Org>> {
    Paged::new(client.clone(), key, PageShape::LinkUrl, plan::list_orgs)
}
