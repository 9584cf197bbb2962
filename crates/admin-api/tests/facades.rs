//! Every scenario in `scenarios/` runs through both facades against a real HTTP server — httpmock
//! for exact wire checks, the stateful sandbox (`sandbox_*.rs`) for behaviour — with the blocking
//! client over ureq and the async client over reqwest.
//!
//! The scenario files are written once as `#[maybe] async fn`s and compiled twice, like the
//! services themselves; `scenario!` adds the `#[test]` / `#[tokio::test]` wrapper.

mod support;

#[cfg(feature = "ureq")]
#[path = "scenarios"]
mod blocking {
    pub(crate) use admin_api::blocking::{Client, OrgService, ScimService, UsersService};
    pub(crate) use maybe_async::must_be_sync as maybe;

    macro_rules! scenario {
        ($name:ident) => {
            mod $name {
                #[test]
                fn run() {
                    super::$name();
                }
            }
        };
    }

    mod decode_bom;
    mod echoed_secrets;
    mod long_ids;
    mod org_audit_support;
    mod org_domains_workspaces;
    mod org_errors;
    mod org_events;
    mod org_groups;
    mod org_paging;
    mod org_policies;
    mod org_scim_links;
    mod org_support;
    mod org_tail;
    mod org_tail_blocking;
    mod org_users;
    mod org_walk_blocking;
    mod profile;
    mod rate_limit_hints;
    mod read_only_posts;
    mod sandbox_org;
    mod sandbox_org_events;
    mod sandbox_policies_workspaces;
    mod sandbox_scim;
    mod sandbox_users;
    mod scim_discovery;
    mod scim_groups;
    mod scim_oauth;
    mod scim_pagination;
    mod scim_paging_guards;
    mod scim_patch_no_content;
    mod scim_support;
    mod scim_users;
    mod scim_walk_blocking;
    mod tryout_limits;
    mod users;

    pub(crate) use org_walk_blocking::walk;
    pub(crate) use scim_walk_blocking::{walk_groups, walk_users};
}

#[cfg(feature = "reqwest")]
#[path = "scenarios"]
mod nonblocking {
    pub(crate) use admin_api::nonblocking::{Client, OrgService, ScimService, UsersService};
    pub(crate) use maybe_async::must_be_async as maybe;

    macro_rules! scenario {
        ($name:ident) => {
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn run() {
                    super::$name().await;
                }
            }
        };
    }

    #[allow(clippy::duplicate_mod)]
    mod decode_bom;
    #[allow(clippy::duplicate_mod)]
    mod echoed_secrets;
    #[allow(clippy::duplicate_mod)]
    mod long_ids;
    #[allow(clippy::duplicate_mod)]
    mod org_audit_support;
    #[allow(clippy::duplicate_mod)]
    mod org_domains_workspaces;
    #[allow(clippy::duplicate_mod)]
    mod org_errors;
    #[allow(clippy::duplicate_mod)]
    mod org_events;
    #[allow(clippy::duplicate_mod)]
    mod org_groups;
    #[allow(clippy::duplicate_mod)]
    mod org_paging;
    #[allow(clippy::duplicate_mod)]
    mod org_policies;
    #[allow(clippy::duplicate_mod)]
    mod org_scim_links;
    #[allow(clippy::duplicate_mod)]
    mod org_support;
    #[allow(clippy::duplicate_mod)]
    mod org_tail;
    mod org_tail_async;
    #[allow(clippy::duplicate_mod)]
    mod org_users;
    mod org_walk_async;
    #[allow(clippy::duplicate_mod)]
    mod profile;
    #[allow(clippy::duplicate_mod)]
    mod rate_limit_hints;
    #[allow(clippy::duplicate_mod)]
    mod read_only_posts;
    #[allow(clippy::duplicate_mod)]
    mod sandbox_org;
    #[allow(clippy::duplicate_mod)]
    mod sandbox_org_events;
    #[allow(clippy::duplicate_mod)]
    mod sandbox_policies_workspaces;
    #[allow(clippy::duplicate_mod)]
    mod sandbox_scim;
    #[allow(clippy::duplicate_mod)]
    mod sandbox_users;
    #[allow(clippy::duplicate_mod)]
    mod scim_discovery;
    #[allow(clippy::duplicate_mod)]
    mod scim_groups;
    #[allow(clippy::duplicate_mod)]
    mod scim_oauth;
    #[allow(clippy::duplicate_mod)]
    mod scim_pagination;
    #[allow(clippy::duplicate_mod)]
    mod scim_paging_guards;
    #[allow(clippy::duplicate_mod)]
    mod scim_patch_no_content;
    #[allow(clippy::duplicate_mod)]
    mod scim_support;
    #[allow(clippy::duplicate_mod)]
    mod scim_users;
    mod scim_walk_async;
    #[allow(clippy::duplicate_mod)]
    mod tryout_limits;
    #[allow(clippy::duplicate_mod)]
    mod users;

    pub(crate) use org_walk_async::walk;
    pub(crate) use scim_walk_async::{walk_groups, walk_users};

    /// The async facade's futures are `Send`: they can be spawned on a multi-threaded runtime.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn futures_are_send_and_spawnable() {
        let server = crate::support::server();
        server.mock(|when, then| {
            when.method("GET").path_suffix("/manage/profile");
            then.status(200)
                .header("content-type", "application/json")
                .body(crate::support::profile_json("abc"));
        });
        let users = Client::builder()
            .base_url(server.base_url())
            .build()
            .unwrap()
            .users(admin_api::AdminApiKey::new(crate::support::ADMIN_TOKEN).unwrap());
        let account = admin_api::models::AccountId::new("abc").unwrap();
        let handle = tokio::spawn(async move { users.get_profile(&account).await });
        let profile = handle.await.expect("task panicked").expect("call failed");
        assert_eq!(profile.account_id.as_str(), "abc");
    }
}
