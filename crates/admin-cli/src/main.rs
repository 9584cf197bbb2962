//! `atlassian-admin`: Atlassian's Admin Cloud APIs from the command line.
//!
//! Every operation of user management (`users …`) and SCIM (`scim …`), plus bulk workflows
//! (`lifecycle …`) with dry runs, a resumable journal and JSON-lines results. See `docs/CLI.md`.
#![forbid(unsafe_code)]

mod bulk;
mod cli;
mod commands;
mod context;
mod error;
mod input;
mod output;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use error::CliError;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            // clap echoes the offending value: a 5000-character id is cut (exit 2 as clap's own).
            let rendered = e.render().to_string();
            eprint!("{}", rendered.lines().map(error::shortened).collect::<Vec<_>>().join("\n") + "\n");
            return ExitCode::from(2);
        }
    };
    init_tracing(cli.global.verbose, cli.global.quiet);
    match run(cli) {
        Ok(code) => code,
        // `… | head -1`: the reader has all it wanted.
        Err(CliError::StdoutClosed) => ExitCode::SUCCESS,
        // Errors go to stderr at every verbosity, `-qq` included.
        Err(error) => {
            eprintln!("error: {error}");
            error.exit_code()
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    if let Command::Completions(args) = &cli.command {
        return commands::completions::run(args);
    }
    let ctx = context::Ctx::new(&cli.global)?;
    match cli.command {
        Command::Completions(_) => unreachable!("handled above"),
        Command::Users(cmd) => commands::users::run(&ctx, cmd),
        Command::Scim(cmd) => commands::scim::run(&ctx, cmd),
        Command::Org(cmd) => commands::org::run(&ctx, cmd),
        Command::Lifecycle(cmd) => commands::lifecycle::run(&ctx, cmd),
        Command::Offboard(args) => commands::offboard::run(&ctx, args),
        Command::Events(cmd) => commands::events::run(&ctx, cmd),
        Command::Report(cmd) => commands::report::run(&ctx, cmd),
    }
}

/// `-v` raises the level (info, debug, trace), `-q` lowers it (error, off); logs go to stderr.
fn init_tracing(verbose: u8, quiet: u8) {
    use tracing_subscriber::filter::LevelFilter;
    let level = match i16::from(verbose) - i16::from(quiet) {
        i16::MIN..=-2 => LevelFilter::OFF,
        -1 => LevelFilter::ERROR,
        0 => LevelFilter::WARN,
        1 => LevelFilter::INFO,
        2 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    };
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(verbose >= 2)
        .init();
}
