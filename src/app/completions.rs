//! `stsdash completions SHELL` and `stsdash man`: what the shell sources to
//! complete stsdash (the same as `COMPLETE=SHELL stsdash`), and the man page.

use clap::CommandFactory;
use clap_complete::env::Shells;

use crate::cli::{Cli, Shell};

/// Writes the registration for `shell`: it asks this binary (by its path)
/// for completions as the user types.
pub fn print_registration(shell: Shell) {
    let completer = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "stsdash".into());
    let mut out = Vec::new();
    if let Some(engine) = Shells::builtins().completer(shell.name()) {
        let _ = engine.write_registration("COMPLETE", "stsdash", "stsdash", &completer, &mut out);
    }
    super::say::out(&String::from_utf8_lossy(&out));
}

/// The man page, in roff, made from the command line's own definition.
pub fn man_page() -> String {
    let mut out = Vec::new();
    // The version alone: the commit in --version would change the page with every commit.
    let command = Cli::command().long_version(None::<&'static str>);
    let _ = clap_mangen::Man::new(command).render(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}
