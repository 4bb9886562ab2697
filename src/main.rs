use std::process::ExitCode;

use clap::Parser;
use stsdash::cli::Cli;

/// How much nicer than the dashboard's own thread the runtime's threads are.
const WORKER_NICENESS: i32 = 5;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
            stsdash::app::say::error(&format!("cannot start: {error}"));
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(stsdash::app::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            stsdash::app::say::error(&error.to_string());
            ExitCode::FAILURE
        }
    }
}
