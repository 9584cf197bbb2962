//! `completions <shell>`: shell completion scripts (clap_complete).

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;

/// Prints a completion script, e.g. `atlassian-admin completions bash > /etc/bash_completion.d/atlassian-admin`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "atlassian-admin", &mut std::io::stdout());
}
