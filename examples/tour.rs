//! The tour: every operation of the Admin APIs (user management, user provisioning, the
//! Organizations API), through the blocking and the async facade.
//!
//! ```sh
//! cargo run --example tour                  # against an embedded sandbox, no credentials needed
//! ATLASSIAN_API_BASE_URL=https://api.atlassian.com ATLASSIAN_ADMIN_TOKEN=… ATLASSIAN_ACCOUNT_ID=… \
//! ATLASSIAN_ORG_ID=… ATLASSIAN_SCIM_API_KEY=… ATLASSIAN_SCIM_DIRECTORY_ID=… cargo run --example tour
//!                                           # against a real organization: read-only …
//! cargo run --example tour -- --allow-writes   # … unless you allow changes (restored where possible)
//! ```
//!
//! With writes allowed on a real organization, the Organizations section suspends and restores
//! `ATLASSIAN_TOUR_ORG_ACCOUNT_ID` and adds it to a temporary group; it removes an account only
//! if `ATLASSIAN_TOUR_ORG_REMOVABLE_ACCOUNT_ID` names one.
//!
//! It prints one line per operation (result and time) and a summary, and exits 0 only if every
//! operation worked.

use std::process::ExitCode;

use admin_api::models::org::OrgId;
use admin_api::models::{AccountId, DirectoryId};
use admin_api::{
    ADMIN_TOKEN_VAR, AdminApiKey, BASE_URL_VAR, ORG_ID_VAR, SCIM_API_KEY_VAR, SCIM_DIRECTORY_ID_VAR,
    ScimApiKey,
};
use admin_sandbox::{Account, Sandbox, SandboxHandle, demo};

#[path = "tour/targets.rs"]
mod targets;
#[path = "tour/transcript.rs"]
mod transcript;

#[path = "tour"]
mod blocking {
    pub(crate) use admin_api::blocking::{OrgService, ScimService, UsersService};
    pub(crate) use maybe_async::must_be_sync as maybe;

    pub mod organization;
    pub mod provisioning;
    pub mod user_management;
}

#[path = "tour"]
mod nonblocking {
    pub(crate) use admin_api::nonblocking::{OrgService, ScimService, UsersService};
    pub(crate) use maybe_async::must_be_async as maybe;

    #[allow(clippy::duplicate_mod)]
    pub mod organization;
    #[allow(clippy::duplicate_mod)]
    pub mod provisioning;
    #[allow(clippy::duplicate_mod)]
    pub mod user_management;
}

use transcript::Transcript;

/// Where the tour runs.
enum Server {
    /// A fresh embedded sandbox per facade.
    Sandbox,
    /// A real server, from the environment.
    Remote(Box<Remote>),
}

/// A real server and what the tour may do there.
struct Remote {
    base_url: String,
    admin: Option<(AdminApiKey, AccountId)>,
    org: Option<(AdminApiKey, OrgId)>,
    scim: Option<ScimApiKey>,
    allow_writes: bool,
}

/// One facade's run: base URL, keys and targets.
struct Run {
    base_url: String,
    admin: Option<(AdminApiKey, targets::UserManagementTarget)>,
    scim: Option<(ScimApiKey, targets::ProvisioningTarget)>,
    org: Option<(AdminApiKey, OrgId, targets::OrganizationTarget)>,
    _sandbox: Option<SandboxHandle>,
}

fn main() -> ExitCode {
    let allow_writes = std::env::args().skip(1).any(|arg| arg == "--allow-writes");
    let server = match server_from_env(allow_writes) {
        Ok(server) => server,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut transcript = Transcript::default();
    match &server {
        Server::Sandbox => {
            println!("atlassian-admin tour — against an embedded sandbox (no credentials needed)")
        }
        Server::Remote(remote) => println!(
            "atlassian-admin tour — against {} ({})",
            remote.base_url,
            if remote.allow_writes {
                "writes allowed"
            } else {
                "read-only; pass --allow-writes to change data"
            }
        ),
    }

    let run = match prepare(&server) {
        Ok(run) => run,
        Err(message) => return fail(&message),
    };
    transcript.section(&format!("Blocking facade (admin_api::blocking, ureq) — {}", run.base_url));
    let client = match admin_api::blocking::Client::builder().base_url(&run.base_url).build() {
        Ok(client) => client,
        Err(error) => return fail(&error.to_string()),
    };
    if let Some((key, target)) = &run.admin {
        transcript.section("  user management — org admin API key");
        blocking::user_management::run(&client.users(key.clone()), target, &mut transcript);
    }
    if let Some((key, target)) = &run.scim {
        transcript.section(&format!("  user provisioning (SCIM) — directory {}", key.directory_id()));
        blocking::provisioning::run(&client.scim(key.clone()), target, &mut transcript);
    }
    if let Some((key, org_id, target)) = &run.org {
        transcript.section(&format!("  organizations — org {org_id}"));
        blocking::organization::run(&client.org(key.clone(), org_id.clone()), target, &mut transcript);
    }

    let run = match prepare(&server) {
        Ok(run) => run,
        Err(message) => return fail(&message),
    };
    transcript.section(&format!("Async facade (admin_api::nonblocking, reqwest + tokio) — {}", run.base_url));
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => return fail(&format!("cannot start tokio: {error}")),
    };
    let outcome = runtime.block_on(async {
        let client = admin_api::nonblocking::Client::builder().base_url(&run.base_url).build()?;
        if let Some((key, target)) = &run.admin {
            transcript.section("  user management — org admin API key");
            nonblocking::user_management::run(&client.users(key.clone()), target, &mut transcript).await;
        }
        if let Some((key, target)) = &run.scim {
            transcript.section(&format!("  user provisioning (SCIM) — directory {}", key.directory_id()));
            nonblocking::provisioning::run(&client.scim(key.clone()), target, &mut transcript).await;
        }
        if let Some((key, org_id, target)) = &run.org {
            transcript.section(&format!("  organizations — org {org_id}"));
            let org = client.org(key.clone(), org_id.clone());
            nonblocking::organization::run(&org, target, &mut transcript).await;
        }
        Ok::<(), admin_api::Error>(())
    });
    if let Err(error) = outcome {
        return fail(&error.to_string());
    }

    if transcript.finish() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn server_from_env(allow_writes: bool) -> Result<Server, String> {
    let Some(base_url) = env(BASE_URL_VAR) else { return Ok(Server::Sandbox) };
    let token = env(ADMIN_TOKEN_VAR).map(AdminApiKey::new).transpose().map_err(|e| e.to_string())?;
    let admin = match (&token, env("ATLASSIAN_ACCOUNT_ID")) {
        (Some(token), Some(account)) => {
            Some((token.clone(), AccountId::new(account).map_err(|e| format!("ATLASSIAN_ACCOUNT_ID: {e}"))?))
        }
        (_, None) => None,
        (None, Some(_)) => {
            return Err(format!(
                "set both {ADMIN_TOKEN_VAR} and ATLASSIAN_ACCOUNT_ID for the user management tour"
            ));
        }
    };
    let org = match (&token, env(ORG_ID_VAR)) {
        (Some(token), Some(org_id)) => {
            Some((token.clone(), OrgId::new(org_id).map_err(|e| format!("{ORG_ID_VAR}: {e}"))?))
        }
        (_, None) => None,
        (None, Some(_)) => {
            return Err(format!("set both {ADMIN_TOKEN_VAR} and {ORG_ID_VAR} for the Organizations tour"));
        }
    };
    if token.is_some() && admin.is_none() && org.is_none() {
        return Err(format!(
            "{ADMIN_TOKEN_VAR} is set: also set ATLASSIAN_ACCOUNT_ID (user management) and/or {ORG_ID_VAR} \
             (Organizations)"
        ));
    }
    let scim = match (env(SCIM_API_KEY_VAR), env(SCIM_DIRECTORY_ID_VAR)) {
        (Some(key), Some(directory)) => {
            let directory =
                DirectoryId::new(directory).map_err(|e| format!("{SCIM_DIRECTORY_ID_VAR}: {e}"))?;
            Some(ScimApiKey::new(key, directory).map_err(|e| e.to_string())?)
        }
        (None, None) => None,
        _ => {
            return Err(format!(
                "set both {SCIM_API_KEY_VAR} and {SCIM_DIRECTORY_ID_VAR} for the provisioning tour"
            ));
        }
    };
    if admin.is_none() && org.is_none() && scim.is_none() {
        return Err(format!(
            "{BASE_URL_VAR} is set, so the tour runs against that server: also set {ADMIN_TOKEN_VAR} with \
             ATLASSIAN_ACCOUNT_ID and/or {ORG_ID_VAR}, and/or {SCIM_API_KEY_VAR} and {SCIM_DIRECTORY_ID_VAR}"
        ));
    }
    Ok(Server::Remote(Box::new(Remote { base_url, admin, org, scim, allow_writes })))
}

fn prepare(server: &Server) -> Result<Run, String> {
    match server {
        Server::Sandbox => {
            let sandbox = tour_sandbox()?;
            let key = AdminApiKey::new(sandbox.admin_key()).map_err(|e| e.to_string())?;
            let target = targets::UserManagementTarget {
                account_id: AccountId::new(demo::ACCOUNT_ID).map_err(|e| e.to_string())?,
                allow_writes: true,
                spare_email: Some(format!("tour.guide@{}", demo::DOMAIN)),
            };
            let directory = DirectoryId::new(demo::DIRECTORY_ID).map_err(|e| e.to_string())?;
            let scim_key = ScimApiKey::new(demo::SCIM_KEY, directory).map_err(|e| e.to_string())?;
            let scim_target = targets::ProvisioningTarget {
                allow_writes: true,
                domain: Some(demo::DOMAIN.to_owned()),
                run_id: run_id(),
            };
            let org_id = OrgId::new(sandbox.org_id()).map_err(|e| e.to_string())?;
            let org_target = targets::OrganizationTarget {
                allow_writes: true,
                account_id: Some(AccountId::new(TOUR_MEMBER).map_err(|e| e.to_string())?),
                removable_account_id: Some(AccountId::new(TOUR_LEAVER).map_err(|e| e.to_string())?),
                run_id: run_id(),
            };
            Ok(Run {
                base_url: sandbox.base_url().to_owned(),
                admin: Some((key.clone(), target)),
                scim: Some((scim_key, scim_target)),
                org: Some((key, org_id, org_target)),
                _sandbox: Some(sandbox),
            })
        }
        Server::Remote(remote) => {
            let Remote { base_url, admin, org, scim, allow_writes } = remote.as_ref();
            Ok(Run {
                base_url: base_url.clone(),
                admin: admin.as_ref().map(|(key, account_id)| {
                    let target = targets::UserManagementTarget {
                        account_id: account_id.clone(),
                        allow_writes: *allow_writes,
                        spare_email: env("ATLASSIAN_TOUR_SPARE_EMAIL"),
                    };
                    (key.clone(), target)
                }),
                scim: scim.as_ref().map(|key| {
                    let target = targets::ProvisioningTarget {
                        allow_writes: *allow_writes,
                        domain: env("ATLASSIAN_TOUR_SCIM_DOMAIN"),
                        run_id: run_id(),
                    };
                    (key.clone(), target)
                }),
                org: org.as_ref().map(|(key, org_id)| {
                    let account = |var: &str| env(var).and_then(|id| AccountId::new(id).ok());
                    let target = targets::OrganizationTarget {
                        allow_writes: *allow_writes,
                        account_id: account("ATLASSIAN_TOUR_ORG_ACCOUNT_ID"),
                        removable_account_id: account("ATLASSIAN_TOUR_ORG_REMOVABLE_ACCOUNT_ID"),
                        run_id: run_id(),
                    };
                    (key.clone(), org_id.clone(), target)
                }),
                _sandbox: None,
            })
        }
    }
}

/// The tour's member of the demo org: suspended, restored, and put in a temporary group.
const TOUR_MEMBER: &str = "557057:tour-member-0";
/// The tour's leaver: removed from the org's directories.
const TOUR_LEAVER: &str = "557057:tour-leaver";

/// The demo data set, plus a few members of the org's local directory with last-active dates
/// (so the user search has several pages) for the Organizations section.
fn tour_sandbox() -> Result<SandboxHandle, String> {
    let mut builder = Sandbox::builder().with_demo_data();
    for n in 0..6 {
        let last_active = format!("2025-06-{:02}T09:30:00Z", 10 + n);
        builder = builder.account(
            Account::new(
                format!("557057:tour-member-{n}"),
                format!("member{n}@{}", demo::DOMAIN),
                format!("Member {n}"),
            )
            .product("jira-software", Some(&last_active))
            .product("confluence", (n % 2 == 0).then_some("2025-05-20T12:00:00Z"))
            .added_to_org("2024-02-01T09:00:00Z"),
        );
    }
    let leaver = Account::new(TOUR_LEAVER, format!("leaver@{}", demo::DOMAIN), "Leaving Soon")
        .product("confluence", Some("2024-12-24T17:00:00Z"))
        .added_to_org("2023-03-01T09:00:00Z");
    builder.account(leaver).start().map_err(|e| e.to_string())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A short id that makes the tour's temporary names unique.
fn run_id() -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{}-{nanos:x}", std::process::id())
}
