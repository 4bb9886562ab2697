use std::process::ExitCode;

use clap::Parser;
use stsdash::cli::Cli;
use stsdash::cluster::{self, ClusterError};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stsdash: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Connects as kubectl would and says what it found.
async fn run(cli: &Cli) -> Result<(), ClusterError> {
    let connection = cluster::connect(&cli.target()).await?;
    println!("context:   {}", connection.context);
    println!("server:    {}", connection.server);
    let version = connection.server_version().await?;
    println!("version:   Kubernetes {version}");
    println!("namespace: {}", connection.namespace);
    if connection.namespace_exists().await? == Some(false) {
        println!("namespace {} does not exist", connection.namespace);
        return Ok(());
    }
    let statefulsets = connection.statefulset_summaries().await?;
    if statefulsets.is_empty() {
        println!("no StatefulSets in namespace {}", connection.namespace);
    }
    for line in statefulsets {
        println!("statefulset: {line}");
    }
    Ok(())
}
