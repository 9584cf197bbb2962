//! `completions <shell>`: shell completion scripts (clap_complete).

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::{CliError, Result};

/// Prints a completion script, e.g. `atlassian-admin completions bash > /etc/bash_completion.d/atlassian-admin`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Generated in memory, then written: a closed stdout (`| head -1`) ends quietly.
pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "atlassian-admin", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script).and_then(|()| out.flush()).map_err(CliError::stdout)?;
    Ok(ExitCode::SUCCESS)
}
