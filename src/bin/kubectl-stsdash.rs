//! stsdash as a kubectl plugin: on PATH, `kubectl stsdash -n demo web` runs it.

fn main() -> std::process::ExitCode {
    stsdash::entry::main("kubectl stsdash")
}
