//! `admin-sandbox [--port N] [--seed FILE] [--demo] [--max-page-size N]`: runs the sandbox (user
//! management, SCIM and the Organizations API) until interrupted, after printing the base URL,
//! keys, org and directory ids and the environment variables to export.

use std::process::ExitCode;

use admin_sandbox::{Sandbox, SandboxBuilder};

const USAGE: &str = "\
Usage: admin-sandbox [--port N] [--seed FILE] [--demo] [--max-page-size N]

Runs an in-memory fake of Atlassian's Admin APIs on 127.0.0.1: user management
(/users/...), SCIM 2.0 provisioning (/scim/directory/...) and the Organizations API
(/admin/v1/orgs/..., /admin/v2/orgs/...: orgs, users, groups, directories, domains, events,
policies, workspaces, invites, roles, SCIM links). On start it prints the base URL, the keys,
the org id, the directory ids, and the environment variables to export for the client
(ATLASSIAN_API_BASE_URL, ATLASSIAN_ADMIN_TOKEN, ATLASSIAN_ORG_ID, ATLASSIAN_SCIM_API_KEY,
ATLASSIAN_SCIM_DIRECTORY_ID).

  --port N            port to bind (default 0: any free port)
  --seed FILE         JSON seed file (see the crate docs); without it the demo data is loaded
  --demo              also load the demo data when --seed is given
  --max-page-size N   cap on SCIM page sizes (default 100)
  -h, --help          this help";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("admin-sandbox: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut builder: SandboxBuilder = Sandbox::builder();
    let mut seeded = false;
    let mut demo = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value =
            |name: &str| inline.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--port" => {
                let v = value("--port")?;
                builder = builder.port(v.parse().map_err(|_| format!("invalid port '{v}'"))?);
            }
            "--seed" => {
                builder = builder.seed_file(value("--seed")?).map_err(|e| e.to_string())?;
                seeded = true;
            }
            "--demo" => demo = true,
            "--max-page-size" => {
                let v = value("--max-page-size")?;
                builder = builder.max_page_size(v.parse().map_err(|_| format!("invalid page size '{v}'"))?);
            }
            other => return Err(format!("unknown argument '{other}'\n\n{USAGE}")),
        }
    }
    if demo || !seeded {
        builder = builder.with_demo_data();
    }
    let sandbox = builder.start().map_err(|e| e.to_string())?;
    println!("admin-sandbox listening on {}", sandbox.base_url());
    println!("admin key (user management and Organizations API): {}", sandbox.admin_key());
    println!("org {} (Organizations API), org directory {}", sandbox.org_id(), sandbox.org_directory_id());
    println!("  {}/admin/v1/orgs/{}", sandbox.base_url(), sandbox.org_id());
    for (id, key) in sandbox.directories() {
        println!("SCIM directory {id}: key {key}");
        println!("  {}/scim/directory/{id}/Users", sandbox.base_url());
    }
    println!("Export for the client (admin_api::*::from_env, the CLI):");
    println!("  export ATLASSIAN_API_BASE_URL={}", sandbox.base_url());
    println!("  export ATLASSIAN_ADMIN_TOKEN={}", sandbox.admin_key());
    println!("  export ATLASSIAN_ORG_ID={}", sandbox.org_id());
    if let (Some(directory), Some(key)) = (sandbox.directory_id(), sandbox.scim_key()) {
        println!("  export ATLASSIAN_SCIM_API_KEY={key}");
        println!("  export ATLASSIAN_SCIM_DIRECTORY_ID={directory}");
    }
    for account in sandbox.accounts() {
        let kind = if !account.managed {
            "unmanaged"
        } else if account.is_scim_managed() {
            "SCIM-managed"
        } else {
            "managed"
        };
        println!(
            "account {} <{}> ({kind}, {})",
            account.account_id,
            account.email,
            account.status.wire_status()
        );
    }
    println!("Press Ctrl-C to stop.");
    loop {
        std::thread::park();
    }
}
