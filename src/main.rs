fn main() -> std::process::ExitCode {
    stsdash::entry::main("stsdash")
}
