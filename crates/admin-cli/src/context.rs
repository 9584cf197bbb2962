//! What every command needs: the client, the keys, the output settings, and (with `--sandbox`)
//! the embedded sandbox that lives as long as the command.

use std::io::IsTerminal;

use admin_api::blocking::{Client, OrgService, ScimService, UsersService};
use admin_api::models::DirectoryId;
use admin_api::models::org::OrgId;
use admin_api::{
    ADMIN_TOKEN_VAR, AdminApiKey, ORG_ID_VAR, SCIM_API_KEY_VAR, SCIM_DIRECTORY_ID_VAR, ScimApiKey,
};

use crate::cli::{Format, GlobalArgs};
use crate::output::Style;

/// The base URL's variable (read here rather than by clap: `--base-url` conflicts with
/// `--sandbox`, the variable does not).
const BASE_URL_VAR: &str = "ATLASSIAN_API_BASE_URL";
use crate::error::{CliError, Result};

/// Shared by every command.
pub struct Ctx {
    pub format: Format,
    /// The format asked for with `--output`, if any (bulk workflows default to JSON lines).
    pub explicit_format: Option<Format>,
    pub columns: Vec<String>,
    /// `--csv-raw`.
    pub csv_raw: bool,
    /// Summaries and progress bars on stderr (off with `-q`).
    pub chatty: bool,
    client: Client,
    admin: Option<AdminApiKey>,
    scim: Option<ScimApiKey>,
    org_id: Option<OrgId>,
    #[cfg(feature = "sandbox")]
    _sandbox: Option<admin_sandbox::SandboxHandle>,
}

impl Ctx {
    // Without the sandbox feature nothing overrides the configured values.
    #[cfg_attr(not(feature = "sandbox"), allow(unused_mut))]
    pub fn new(args: &GlobalArgs) -> Result<Self> {
        let mut base_url = args.base_url.clone().or_else(|| std::env::var(BASE_URL_VAR).ok());
        let mut admin = args.admin_token.as_ref().map(|s| s.expose().to_owned());
        let mut scim_key = args.scim_api_key.as_ref().map(|s| s.expose().to_owned());
        let mut directory = args.scim_directory_id.clone();
        let mut org_id = args.org_id.clone();
        #[cfg(feature = "sandbox")]
        let sandbox = if args.sandbox {
            let handle = admin_sandbox::Sandbox::demo()
                .map_err(|e| CliError::Io(format!("cannot start the sandbox: {e}")))?;
            base_url = Some(handle.base_url().to_owned());
            admin = Some(handle.admin_key().to_owned());
            scim_key = handle.scim_key().map(str::to_owned);
            directory = handle.directory_id().map(str::to_owned);
            org_id = Some(handle.org_id());
            tracing::info!(base_url = handle.base_url(), "sandbox started with the demo organization");
            Some(handle)
        } else {
            None
        };
        #[cfg(not(feature = "sandbox"))]
        if args.sandbox {
            return Err(CliError::usage("this build has no sandbox (built without the `sandbox` feature)"));
        }

        let mut builder =
            Client::builder().user_agent(concat!("atlassian-admin-cli/", env!("CARGO_PKG_VERSION")));
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        let client = builder.build()?;
        let admin = admin.map(AdminApiKey::new).transpose()?;
        let scim = match (scim_key, directory) {
            (Some(key), Some(dir)) => Some(ScimApiKey::new(key, DirectoryId::new(dir)?)?),
            _ => None,
        };
        Ok(Self {
            format: args.output.unwrap_or(Format::Table),
            explicit_format: args.output,
            columns: args.columns.clone(),
            csv_raw: args.csv_raw,
            chatty: args.quiet == 0,
            client,
            admin,
            scim,
            org_id: org_id.map(OrgId::new).transpose()?,
            #[cfg(feature = "sandbox")]
            _sandbox: sandbox,
        })
    }

    /// The user management service, or a usage error naming what is missing.
    pub fn users(&self) -> Result<UsersService> {
        let key = self.admin.clone().ok_or_else(|| {
            CliError::usage(format!("user management needs the org admin API key: set {ADMIN_TOKEN_VAR} or pass --admin-token (or try --sandbox)"))
        })?;
        Ok(self.client.users(key))
    }

    /// The Organizations API service, or a usage error naming what is missing.
    pub fn org(&self) -> Result<OrgService> {
        let key = self.admin.clone().ok_or_else(|| {
            CliError::usage(format!("the Organizations API needs the org admin API key: set {ADMIN_TOKEN_VAR} or pass --admin-token (or try --sandbox)"))
        })?;
        let org_id = self.org_id.clone().ok_or_else(|| {
            CliError::usage(format!("the Organizations API needs the organization's id: set {ORG_ID_VAR} or pass --org-id (list yours with `org list`)"))
        })?;
        Ok(self.client.org(key, org_id))
    }

    /// The Organizations API service, if the key and the org id are configured.
    pub fn org_opt(&self) -> Option<OrgService> {
        self.org().ok()
    }

    /// The client and the admin key, for calls that need no org id (`org list`).
    pub fn client_and_key(&self) -> Result<(Client, AdminApiKey)> {
        let key = self.admin.clone().ok_or_else(|| {
            CliError::usage(format!("the Organizations API needs the org admin API key: set {ADMIN_TOKEN_VAR} or pass --admin-token"))
        })?;
        Ok((self.client.clone(), key))
    }

    /// The SCIM service, if its key and directory are configured.
    pub fn scim_opt(&self) -> Option<ScimService> {
        self.scim.clone().map(|key| self.client.scim(key))
    }

    /// The SCIM service, or a usage error naming what is missing.
    pub fn scim(&self) -> Result<ScimService> {
        self.scim_opt().ok_or_else(|| {
            CliError::usage(format!("SCIM needs the directory's key and id: set {SCIM_API_KEY_VAR} and {SCIM_DIRECTORY_ID_VAR} or pass --scim-api-key and --scim-directory-id (or try --sandbox)"))
        })
    }

    /// Whether to draw progress bars: stderr is a terminal and `-q` is not set.
    pub fn progress(&self) -> bool {
        self.chatty && std::io::stderr().is_terminal()
    }

    /// Prints a command's result in the chosen format.
    pub fn print<T: serde::Serialize + ?Sized>(&self, value: &T, default_columns: &[&str]) -> Result<()> {
        let explicit = !self.columns.is_empty();
        let columns: Vec<&str> = if explicit {
            self.columns.iter().map(String::as_str).collect()
        } else {
            default_columns.to_vec()
        };
        let style = Style { strict_columns: explicit, csv_raw: self.csv_raw };
        crate::output::print(self.format, value, &columns, style)
    }

    /// A summary line on stderr, unless `-q`.
    pub fn note(&self, message: impl std::fmt::Display) {
        if self.chatty {
            eprintln!("{message}");
        }
    }
}
