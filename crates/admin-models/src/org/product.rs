//! Product keys and the enums shared by users and groups.

string_enum!(
    /// A product key (`jira-software`, `confluence`, …). The 2024 spec lists eleven keys as a
    /// closed enum; newer products decode as `Unknown` and keep their key.
    ProductKey {
        /// `jira-software`.
        JiraSoftware = "jira-software",
        /// `jira-service-desk`.
        JiraServiceDesk = "jira-service-desk",
        /// `jira-core`.
        JiraCore = "jira-core",
        /// `jira-ops`.
        JiraOps = "jira-ops",
        /// `stride` (retired).
        Stride = "stride",
        /// `hipchat` (retired).
        Hipchat = "hipchat",
        /// `confluence`.
        Confluence = "confluence",
        /// `bitbucket`.
        Bitbucket = "bitbucket",
        /// `trello`.
        Trello = "trello",
        /// `opsgenie`.
        Opsgenie = "opsgenie",
        /// `statuspage`.
        Statuspage = "statuspage",
    }
);

string_enum!(
    /// The lifecycle status of an account (`accountStatus` / `account_status`).
    AccountStatus {
        /// `active`: the account can be used.
        Active = "active",
        /// `inactive`: deactivated; no access to any resource.
        Inactive = "inactive",
        /// `closed`: closed; cannot be used.
        Closed = "closed",
    }
);

string_enum!(
    /// The type of an account.
    AccountType {
        /// `atlassian`: an Atlassian account.
        Atlassian = "atlassian",
        /// `customer`: a customer account (Jira Service Management).
        Customer = "customer",
        /// `app`: an app (bot) account.
        App = "app",
    }
);

string_enum!(
    /// A sort direction.
    SortDirection {
        /// `asc`.
        Asc = "asc",
        /// `desc`.
        Desc = "desc",
    }
);

/// One sort key: `{"field": …, "direction": "asc"|"desc"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SortBy<F> {
    /// The field.
    pub field: F,
    /// The direction.
    pub direction: SortDirection,
}

impl<F> SortBy<F> {
    /// Ascending by `field`.
    pub fn asc(field: F) -> Self {
        Self { field, direction: SortDirection::Asc }
    }

    /// Descending by `field`.
    pub fn desc(field: F) -> Self {
        Self { field, direction: SortDirection::Desc }
    }
}
