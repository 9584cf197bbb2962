//! Users of the org's directories (v2), their roles, last-active dates and invitations.

use admin_models::AccountId;
use admin_models::org::{
    AccountStatus, ClaimStatus, Count, DirectoryUser, Invitation, InvitationResult, LastActivePage,
    MembershipStatus, OrgDirectoryId, OrgGroupId, OrgRoleChange, Page, ResourceId, RoleId, SortBy,
    UserExpand, UserRoleAssignment, UserRoleChange, UserSearch, UserSortField, UserStats, UserStatus,
};

use super::{OrgService, Paged, RoleAssignments, maybe};
use crate::common::error::Error;
use crate::common::setters::setters;
use crate::plan::org::{self as plan, PageShape};

/// The users of one directory of the org, or of all of them (`-`, the default). Made by
/// [`OrgService::users`]; cheap to clone.
///
/// Every call needs the **org admin API key**; errors common to all calls are listed on
/// [`OrgService`]. A user that does not exist answers 404 `ADMIN-404-8`.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::models::org::UserExpand;
/// # let org = admin_api::blocking::OrgService::from_env()?;
/// let users = org.users();
/// let page = users.search().email("lila@example.com").expand([UserExpand::ProductAccess]).send()?;
/// if let Some(account) = page.data.first().and_then(|u| u.account_id.clone()) {
///     users.suspend(&account)?;
/// }
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct OrgUsers {
    org: OrgService,
    directory: OrgDirectoryId,
}

impl OrgUsers {
    pub(crate) fn new(org: OrgService, directory: OrgDirectoryId) -> Self {
        Self { org, directory }
    }

    /// This handle, on one directory instead of all (`-`).
    #[must_use]
    pub fn directory(mut self, directory: OrgDirectoryId) -> Self {
        self.directory = directory;
        self
    }

    /// The directory the v2 calls address (`-`: all).
    pub fn directory_id(&self) -> &OrgDirectoryId {
        &self.directory
    }

    /// **The** user search (#6): filters in the body, paged by a bare cursor in `links.next`.
    /// Then `send()` for one page, `all()`, or `iter()` / `stream()`.
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search` · org admin API key.
    pub fn search(&self) -> SearchUsers {
        SearchUsers { users: self.clone(), search: UserSearch::default() }
    }

    /// The deprecated user list (#7): the same filters as query parameters (no `emails`,
    /// `expand`, `sortBy`).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users` · org admin API key.
    #[deprecated(note = "DEP27: Atlassian stops this endpoint after 2027-06-30; use `search()`")]
    pub fn list(&self) -> ListUsers {
        ListUsers { users: self.clone(), search: UserSearch::default() }
    }

    /// Counts users matching filters (#9).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/count` · org admin API key.
    pub fn count(&self) -> CountUsers {
        CountUsers { users: self.clone(), search: UserSearch::default() }
    }

    /// The role assignments of a user (#11), paged by a bare cursor in `links.next`.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments`
    /// · org admin API key.
    pub fn role_assignments(&self, account: &AccountId) -> UserRoleAssignments {
        RoleAssignments::new(
            self.org.clone(),
            self.directory.clone(),
            account.clone(),
            plan::user_role_assignments,
        )
    }

    /// A user's last-active date per product (#18; v1, up to 24 h late), paged by a bare cursor
    /// in `links.next`. For many users prefer one [`search`](Self::search) with
    /// [`UserExpand::ProductAccess`].
    ///
    /// `GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates` · org admin
    /// API key.
    pub fn last_active_dates(&self, account: &AccountId) -> Paged<LastActivePage> {
        let org = self.org.org_id().clone();
        let account = account.clone();
        self.org.paged(PageShape::LinkCursor, move |cursor| plan::last_active_dates(&org, &account, cursor))
    }
}

#[maybe]
impl OrgUsers {
    /// A user's details (#8).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}` · org admin API
    /// key.
    ///
    /// # Errors
    /// 404 `ADMIN-404-8`; as [`OrgService`].
    pub async fn get(&self, account: &AccountId) -> Result<DirectoryUser, Error> {
        let plan = plan::get_user(self.org.org_id(), &self.directory, account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// User statistics: users per role and per account status (#10).
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/stats` · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn stats(&self) -> Result<UserStats, Error> {
        let plan = plan::user_stats(self.org.org_id(), &self.directory)?;
        let response = self.org.send(&plan).await?;
        plan::decode(&plan, &response)
    }

    /// **Suspends** a user's access in the directory (#12): apps stop, billing stops, roles and
    /// groups are kept for [`restore`](Self::restore). **Changes data.** Not retried unless the
    /// retry policy opts in.
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend` · org
    /// admin API key.
    ///
    /// # Errors
    /// 404 `ADMIN-404-8`; 403 `ADMIN-403-3`; as [`OrgService`].
    pub async fn suspend(&self, account: &AccountId) -> Result<(), Error> {
        let plan = plan::suspend_user(self.org.org_id(), &self.directory, account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// **Restores** a suspended user's access (#13): roles and groups come back, billing
    /// resumes. **Changes data.**
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore` · org
    /// admin API key.
    ///
    /// # Errors
    /// 409 `ADMIN-409-3` (licence limit) or 400 `ADMIN-400-32` (too many licence breaches) —
    /// `error.admin_code().is_some_and(|c| c.is_license_problem())`; 404; as [`OrgService`].
    pub async fn restore(&self, account: &AccountId) -> Result<(), Error> {
        let plan = plan::restore_user(self.org.org_id(), &self.directory, account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// **Removes** a user from the directory (#14): access, roles and groups are lost; a new
    /// invitation is needed to bring them back. **Changes data.**
    ///
    /// `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}` · org admin
    /// API key.
    ///
    /// # Errors
    /// 404 `ADMIN-404-8`; as [`OrgService`].
    pub async fn remove(&self, account: &AccountId) -> Result<(), Error> {
        let plan = plan::remove_user(self.org.org_id(), &self.directory, account)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Invites people (#19; paid orgs only): roles, groups, an optional email. **Changes
    /// data.** Not retried unless the retry policy opts in.
    ///
    /// `POST /admin/v2/orgs/{orgId}/users/invite` · org admin API key.
    ///
    /// # Errors
    /// [`Error::Build`] without an email; 400 `ADMIN-400-24`; as [`OrgService`].
    pub async fn invite(&self, invitation: &Invitation) -> Result<InvitationResult, Error> {
        let plan = plan::invite_users(self.org.org_id(), invitation)?;
        let response = self.org.send(&plan).await?;
        Ok(crate::common::decode::optional_json(&plan, &response)?.unwrap_or_default())
    }

    /// Grants a product ("platform") role on a resource (#21). **Changes data.**
    ///
    /// `POST /admin/v1/orgs/{orgId}/users/{userId}/roles/assign` · org admin API key.
    ///
    /// # Errors
    /// [`Error::Build`] for a role other than `atlassian/org-admin` without a resource; as
    /// [`OrgService`].
    pub async fn assign_role(&self, account: &AccountId, change: &UserRoleChange) -> Result<(), Error> {
        let plan = plan::assign_user_role(self.org.org_id(), account, change)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Revokes a product role (#22). **Changes data.**
    ///
    /// `POST /admin/v1/orgs/{orgId}/users/{userId}/roles/revoke` · org admin API key.
    ///
    /// # Errors
    /// As [`assign_role`](Self::assign_role).
    pub async fn revoke_role(&self, account: &AccountId, change: &UserRoleChange) -> Result<(), Error> {
        let plan = plan::revoke_user_role(self.org.org_id(), account, change)?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Grants an org-level role such as [`RoleId::org_admin`] (#23; eventually consistent, up
    /// to 30 s). **Changes data.**
    ///
    /// `POST /admin/v1/orgs/{orgId}/users/{userId}/role-assignments/assign` · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn assign_org_role(&self, account: &AccountId, role: RoleId) -> Result<(), Error> {
        let plan = plan::assign_org_role(self.org.org_id(), account, &OrgRoleChange::new(role))?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }

    /// Revokes an org-level role (#24). **Changes data.**
    ///
    /// `POST /admin/v1/orgs/{orgId}/users/{userId}/role-assignments/revoke` · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn revoke_org_role(&self, account: &AccountId, role: RoleId) -> Result<(), Error> {
        let plan = plan::revoke_org_role(self.org.org_id(), account, &OrgRoleChange::new(role))?;
        let response = self.org.send(&plan).await?;
        plan::decode_no_content(&plan, &response)
    }
}

/// The filter setters shared by [`SearchUsers`], [`ListUsers`] and [`CountUsers`].
macro_rules! user_filters {
    ($ty:ident) => {
        impl $ty {
            /// Replaces every filter with `search` (its `cursor`, if any, starts the walk).
            pub fn filters(mut self, search: UserSearch) -> Self {
                self.search = search;
                self
            }

            setters! { self.search;
                /// `accountIds`: only these accounts (at most 10; more fails before sending).
                extend account_ids(ids: AccountId) => account_ids;
                /// `directoryIds`: only these directories.
                extend directory_ids(ids: OrgDirectoryId) => directory_ids;
                /// `resourceIds`: only users with roles on these resources (ARIs, at most 20).
                extend resource_ids(ids: ResourceId) => resource_ids;
                /// `groupIds`: only members of these groups (at most 10).
                extend group_ids(ids: OrgGroupId) => group_ids;
                /// `mfaEnabled`: only users with (`true`) or without two-step verification.
                set mfa_enabled(enabled: bool) => mfa_enabled;
                /// `claimStatus`: managed or unmanaged accounts only.
                set claim_status(status: ClaimStatus) => claim_status;
                /// `status`: only these composite statuses.
                extend status(statuses: UserStatus) => status;
                /// `accountStatus`: only these account statuses.
                extend account_status(statuses: AccountStatus) => account_status;
                /// `membershipStatus`: only these membership statuses.
                extend membership_status(statuses: MembershipStatus) => membership_status;
                /// `roleIds`: only users with these roles.
                extend role_ids(ids: RoleId) => role_ids;
                /// `emailDomains`: only emails on these domains.
                extend_into email_domains(domains) => email_domains;
                /// `searchTerm`: free text over names and emails.
                set_into search_term(term) => search_term;
            }
        }
    };
}

user_filters!(SearchUsers);
user_filters!(ListUsers);
user_filters!(CountUsers);

/// A user search. Made by [`OrgUsers::search`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct SearchUsers {
    users: OrgUsers,
    search: UserSearch,
}

impl SearchUsers {
    /// `emails`: this exact address (adds to the list). Not with `searchTerm`.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.search.emails.push(email.into());
        self
    }

    setters! { self.search;
        /// `emails`: these exact addresses. Not with `searchTerm`.
        extend_into emails(emails) => emails;
        /// `expand`: extra fields per user (`productAccess` gives the last-active timestamps).
        extend expand(expand: UserExpand) => expand;
        /// `limit`: page size, 1–100 (server default 50).
        set page_size(limit: u32) => limit;
    }

    /// `sortBy`: one sort key.
    pub fn sort_by(mut self, sort: SortBy<UserSortField>) -> Self {
        self.search.sort_by = vec![sort];
        self
    }

    /// The paged request: to start at a cursor, bound the walk, or see the plan.
    pub fn pages(self) -> Paged<Page<DirectoryUser>> {
        let start = self.search.cursor.clone();
        self.users.org.directory_paged(&self.users.directory, self.search, start, plan::search_users)
    }
}

#[maybe]
impl SearchUsers {
    /// One page.
    ///
    /// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search` · org admin API key.
    ///
    /// # Errors
    /// [`Error::Build`] (nothing sent): `emails` with `searchTerm`, more than 10 `accountIds` /
    /// `groupIds` or 20 `resourceIds`, `limit` outside 1–100; as [`Paged::send`].
    pub async fn send(self) -> Result<Page<DirectoryUser>, Error> {
        self.pages().send().await
    }

    /// Every matching user, page after page.
    ///
    /// # Errors
    /// As [`send`](Self::send); [`Error::Paging`].
    pub async fn all(self) -> Result<Vec<DirectoryUser>, Error> {
        self.pages().all().await
    }
}

/// The deprecated user list. Made by [`OrgUsers::list`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct ListUsers {
    users: OrgUsers,
    search: UserSearch,
}

impl ListUsers {
    setters! { self.search;
        /// `limit`: page size, 1–100.
        set page_size(limit: u32) => limit;
    }

    /// The paged request.
    #[allow(deprecated)]
    pub fn pages(self) -> Paged<Page<DirectoryUser>> {
        let start = self.search.cursor.clone();
        self.users.org.directory_paged(&self.users.directory, self.search, start, plan::list_users)
    }
}

#[maybe]
impl ListUsers {
    /// One page.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users` · org admin API key.
    ///
    /// # Errors
    /// As [`SearchUsers::send`].
    pub async fn send(self) -> Result<Page<DirectoryUser>, Error> {
        self.pages().send().await
    }

    /// Every matching user.
    ///
    /// # Errors
    /// As [`SearchUsers::all`].
    pub async fn all(self) -> Result<Vec<DirectoryUser>, Error> {
        self.pages().all().await
    }
}

/// A user count. Made by [`OrgUsers::count`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct CountUsers {
    users: OrgUsers,
    search: UserSearch,
}

#[maybe]
impl CountUsers {
    /// Sends the count request.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/count` · org admin API key.
    ///
    /// # Errors
    /// As [`SearchUsers::send`].
    pub async fn send(self) -> Result<Count, Error> {
        let plan = plan::count_users(self.users.org.org_id(), &self.users.directory, &self.search)?;
        let response = self.users.org.send(&plan).await?;
        plan::decode(&plan, &response)
    }
}

/// The role assignments of a user (#11), paged by a bare cursor in `links.next`. Made by
/// [`OrgUsers::role_assignments`]; the setters, `send`, `all` and `pages` are those of
/// [`RoleAssignments`].
///
/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments`
/// · org admin API key.
pub type UserRoleAssignments = RoleAssignments<AccountId, UserRoleAssignment>;
