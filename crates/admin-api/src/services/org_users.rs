//! Users of the org's directories (v2), their roles, last-active dates and invitations.

use admin_models::AccountId;
use admin_models::org::{
    AccountStatus, ClaimStatus, Count, DirectoryUser, Invitation, InvitationResult, LastActivePage,
    MembershipStatus, OrgDirectoryId, OrgGroupId, OrgRoleChange, Page, ResourceId, RoleId, SortBy,
    UserExpand, UserRoleAssignment, UserRoleChange, UserSearch, UserSortField, UserStats, UserStatus,
};

use super::{OrgService, Paged, maybe};
use crate::common::error::Error;
use crate::plan::org::{self as plan, PageShape, RoleAssignmentQuery};

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
        UserRoleAssignments {
            users: self.clone(),
            account: account.clone(),
            query: RoleAssignmentQuery::default(),
        }
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

            /// `accountIds`: only these accounts (at most 10; more fails before sending).
            pub fn account_ids(mut self, ids: impl IntoIterator<Item = AccountId>) -> Self {
                self.search.account_ids.extend(ids);
                self
            }

            /// `directoryIds`: only these directories.
            pub fn directory_ids(mut self, ids: impl IntoIterator<Item = OrgDirectoryId>) -> Self {
                self.search.directory_ids.extend(ids);
                self
            }

            /// `resourceIds`: only users with roles on these resources (ARIs, at most 20).
            pub fn resource_ids(mut self, ids: impl IntoIterator<Item = ResourceId>) -> Self {
                self.search.resource_ids.extend(ids);
                self
            }

            /// `groupIds`: only members of these groups (at most 10).
            pub fn group_ids(mut self, ids: impl IntoIterator<Item = OrgGroupId>) -> Self {
                self.search.group_ids.extend(ids);
                self
            }

            /// `mfaEnabled`: only users with (`true`) or without two-step verification.
            pub fn mfa_enabled(mut self, enabled: bool) -> Self {
                self.search.mfa_enabled = Some(enabled);
                self
            }

            /// `claimStatus`: managed or unmanaged accounts only.
            pub fn claim_status(mut self, status: ClaimStatus) -> Self {
                self.search.claim_status = Some(status);
                self
            }

            /// `status`: only these composite statuses.
            pub fn status(mut self, statuses: impl IntoIterator<Item = UserStatus>) -> Self {
                self.search.status.extend(statuses);
                self
            }

            /// `accountStatus`: only these account statuses.
            pub fn account_status(mut self, statuses: impl IntoIterator<Item = AccountStatus>) -> Self {
                self.search.account_status.extend(statuses);
                self
            }

            /// `membershipStatus`: only these membership statuses.
            pub fn membership_status(mut self, statuses: impl IntoIterator<Item = MembershipStatus>) -> Self {
                self.search.membership_status.extend(statuses);
                self
            }

            /// `roleIds`: only users with these roles.
            pub fn role_ids(mut self, ids: impl IntoIterator<Item = RoleId>) -> Self {
                self.search.role_ids.extend(ids);
                self
            }

            /// `emailDomains`: only emails on these domains.
            pub fn email_domains<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
                self.search.email_domains.extend(domains.into_iter().map(Into::into));
                self
            }

            /// `searchTerm`: free text over names and emails.
            pub fn search_term(mut self, term: impl Into<String>) -> Self {
                self.search.search_term = Some(term.into());
                self
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

    /// `emails`: these exact addresses. Not with `searchTerm`.
    pub fn emails<S: Into<String>>(mut self, emails: impl IntoIterator<Item = S>) -> Self {
        self.search.emails.extend(emails.into_iter().map(Into::into));
        self
    }

    /// `expand`: extra fields per user (`productAccess` gives the last-active timestamps).
    pub fn expand(mut self, expand: impl IntoIterator<Item = UserExpand>) -> Self {
        self.search.expand.extend(expand);
        self
    }

    /// `sortBy`: one sort key.
    pub fn sort_by(mut self, sort: SortBy<UserSortField>) -> Self {
        self.search.sort_by = vec![sort];
        self
    }

    /// `limit`: page size, 1–100 (server default 50).
    pub fn page_size(mut self, limit: u32) -> Self {
        self.search.limit = Some(limit);
        self
    }

    /// The paged request: to start at a cursor, bound the walk, or see the plan.
    pub fn pages(self) -> Paged<Page<DirectoryUser>> {
        let org = self.users.org.org_id().clone();
        let directory = self.users.directory.clone();
        let start = self.search.cursor.clone();
        let search = self.search;
        let paged = self.users.org.paged(PageShape::LinkCursor, move |cursor| {
            plan::search_users(&org, &directory, &search, cursor)
        });
        match start {
            Some(cursor) => paged.cursor(cursor),
            None => paged,
        }
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
    /// `limit`: page size, 1–100.
    pub fn page_size(mut self, limit: u32) -> Self {
        self.search.limit = Some(limit);
        self
    }

    /// The paged request.
    #[allow(deprecated)]
    pub fn pages(self) -> Paged<Page<DirectoryUser>> {
        let org = self.users.org.org_id().clone();
        let directory = self.users.directory.clone();
        let start = self.search.cursor.clone();
        let search = self.search;
        let paged = self
            .users
            .org
            .paged(PageShape::LinkCursor, move |cursor| plan::list_users(&org, &directory, &search, cursor));
        match start {
            Some(cursor) => paged.cursor(cursor),
            None => paged,
        }
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

/// The role assignments of a user. Made by [`OrgUsers::role_assignments`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct UserRoleAssignments {
    users: OrgUsers,
    account: AccountId,
    query: RoleAssignmentQuery,
}

impl UserRoleAssignments {
    /// `directoryIds`.
    pub fn directory_ids(mut self, ids: impl IntoIterator<Item = OrgDirectoryId>) -> Self {
        self.query.directory_ids.extend(ids);
        self
    }

    /// `resourceOwners`.
    pub fn resource_owners<S: Into<String>>(mut self, owners: impl IntoIterator<Item = S>) -> Self {
        self.query.resource_owners.extend(owners.into_iter().map(Into::into));
        self
    }

    /// `resourceIds` (at most 20).
    pub fn resource_ids(mut self, ids: impl IntoIterator<Item = ResourceId>) -> Self {
        self.query.resource_ids.extend(ids);
        self
    }

    /// `roleIds`.
    pub fn role_ids(mut self, ids: impl IntoIterator<Item = RoleId>) -> Self {
        self.query.role_ids.extend(ids);
        self
    }

    /// `limit`: page size, 1–100.
    pub fn page_size(mut self, limit: u32) -> Self {
        self.query.limit = Some(limit);
        self
    }

    /// The paged request.
    pub fn pages(self) -> Paged<Page<UserRoleAssignment>> {
        let org = self.users.org.org_id().clone();
        let directory = self.users.directory.clone();
        let (account, query) = (self.account, self.query);
        self.users.org.paged(PageShape::LinkCursor, move |cursor| {
            plan::user_role_assignments(&org, &directory, &account, &query, cursor)
        })
    }
}

#[maybe]
impl UserRoleAssignments {
    /// One page.
    ///
    /// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments`
    /// · org admin API key.
    ///
    /// # Errors
    /// As [`Paged::send`].
    pub async fn send(self) -> Result<Page<UserRoleAssignment>, Error> {
        self.pages().send().await
    }

    /// Every role assignment.
    ///
    /// # Errors
    /// As [`Paged::all`].
    pub async fn all(self) -> Result<Vec<UserRoleAssignment>, Error> {
        self.pages().all().await
    }
}
