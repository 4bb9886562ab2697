use std::process::ExitCode;

use clap::Parser;
use stsdash::cli::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match stsdash::app::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stsdash: {error}");
            ExitCode::FAILURE
        }
    }
}
