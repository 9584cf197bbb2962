//! The tour: every operation of both Admin APIs, through the blocking and the async facade.
//!
//! ```sh
//! cargo run --example tour                  # against an embedded sandbox, no credentials needed
//! ATLASSIAN_API_BASE_URL=https://api.atlassian.com ATLASSIAN_ADMIN_TOKEN=… ATLASSIAN_ACCOUNT_ID=… \
//! ATLASSIAN_SCIM_API_KEY=… ATLASSIAN_SCIM_DIRECTORY_ID=… cargo run --example tour
//!                                           # against a real organization: read-only …
//! cargo run --example tour -- --allow-writes   # … unless you allow changes (restored where possible)
//! ```
//!
//! It prints one line per operation (result and time) and a summary, and exits 0 only if every
//! operation worked.

use std::process::ExitCode;

use admin_api::models::{AccountId, DirectoryId};
use admin_api::{
    ADMIN_TOKEN_VAR, AdminApiKey, BASE_URL_VAR, SCIM_API_KEY_VAR, SCIM_DIRECTORY_ID_VAR, ScimApiKey,
};
use admin_sandbox::{Sandbox, SandboxHandle, demo};

#[path = "tour/targets.rs"]
mod targets;
#[path = "tour/transcript.rs"]
mod transcript;

#[path = "tour"]
mod blocking {
    pub(crate) use admin_api::blocking::{ScimService, UsersService};
    pub(crate) use maybe_async::must_be_sync as maybe;

    pub mod provisioning;
    pub mod user_management;
}

#[path = "tour"]
mod nonblocking {
    pub(crate) use admin_api::nonblocking::{ScimService, UsersService};
    pub(crate) use maybe_async::must_be_async as maybe;

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
    Remote {
        base_url: String,
        admin: Option<(AdminApiKey, AccountId)>,
        scim: Option<ScimApiKey>,
        allow_writes: bool,
    },
}

/// One facade's run: base URL, keys and targets.
struct Run {
    base_url: String,
    admin: Option<(AdminApiKey, targets::UserManagementTarget)>,
    scim: Option<(ScimApiKey, targets::ProvisioningTarget)>,
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
        Server::Remote { base_url, allow_writes, .. } => println!(
            "atlassian-admin tour — against {base_url} ({})",
            if *allow_writes { "writes allowed" } else { "read-only; pass --allow-writes to change data" }
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
    let admin = match (env(ADMIN_TOKEN_VAR), env("ATLASSIAN_ACCOUNT_ID")) {
        (Some(token), Some(account)) => Some((
            AdminApiKey::new(token).map_err(|e| e.to_string())?,
            AccountId::new(account).map_err(|e| format!("ATLASSIAN_ACCOUNT_ID: {e}"))?,
        )),
        (None, None) => None,
        _ => {
            return Err(format!(
                "set both {ADMIN_TOKEN_VAR} and ATLASSIAN_ACCOUNT_ID for the user management tour"
            ));
        }
    };
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
    if admin.is_none() && scim.is_none() {
        return Err(format!(
            "{BASE_URL_VAR} is set, so the tour runs against that server: also set {ADMIN_TOKEN_VAR} and \
             ATLASSIAN_ACCOUNT_ID, and/or {SCIM_API_KEY_VAR} and {SCIM_DIRECTORY_ID_VAR}"
        ));
    }
    Ok(Server::Remote { base_url, admin, scim, allow_writes })
}

fn prepare(server: &Server) -> Result<Run, String> {
    match server {
        Server::Sandbox => {
            let sandbox = Sandbox::demo().map_err(|e| e.to_string())?;
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
            Ok(Run {
                base_url: sandbox.base_url().to_owned(),
                admin: Some((key, target)),
                scim: Some((scim_key, scim_target)),
                _sandbox: Some(sandbox),
            })
        }
        Server::Remote { base_url, admin, scim, allow_writes } => Ok(Run {
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
            _sandbox: None,
        }),
    }
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
