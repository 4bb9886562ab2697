//! The program's entry, shared by `stsdash` and `kubectl-stsdash` (the same
//! binary, found by kubectl's plugin lookup as `kubectl stsdash`).

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// How much nicer than the dashboard's own thread the runtime's threads are.
const WORKER_NICENESS: i32 = 5;

/// Runs stsdash; `bin_name` is how its usage and errors name it
/// ("kubectl stsdash" as a plugin).
pub fn main(bin_name: &str) -> ExitCode {
    // Asked by the shell for completions (COMPLETE=bash …): answers and exits.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .bin(bin_name)
        .complete();
    let matches = Cli::command().bin_name(bin_name).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    // The language before anything is said; `app::run` chooses it again and
    // says why, if the config file cannot be read.
    let _ = crate::app::choose_lang(&cli.global);
    // The dashboard loop runs on the main thread (`block_on`); the watches,
    // log streams and actions run on the runtime's threads, which parse what
    // the API server sends. They yield the CPU to the loop, so a list of
    // 10,000 pods being parsed never holds a key press back.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .on_thread_start(|| {
            // Raising one's own niceness is always allowed; if it fails, nothing else changes.
            let _ = rustix::process::setpriority_process(None, WORKER_NICENESS);
        })
        .build();
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(error) => {
            crate::app::say::error(&crate::t!("app-cannot-start", error = error.to_string()));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(crate::app::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            crate::app::say::error(&error.to_string());
            ExitCode::FAILURE
        }
    }
}
