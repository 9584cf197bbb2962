//! `admin-sandbox [--port N] [--seed FILE] [--demo] [--max-page-size N]`: runs the sandbox until
//! interrupted.

use std::process::ExitCode;

use admin_sandbox::{Sandbox, SandboxBuilder};

const USAGE: &str = "\
Usage: admin-sandbox [--port N] [--seed FILE] [--demo] [--max-page-size N]

Runs an in-memory fake of Atlassian's user management and SCIM provisioning APIs on 127.0.0.1.

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
    println!("admin key (user management): {}", sandbox.admin_key());
    for (id, key) in sandbox.directories() {
        println!("SCIM directory {id}: key {key}");
        println!("  {}/scim/directory/{id}/Users", sandbox.base_url());
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
