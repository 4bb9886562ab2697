//! Giving the terminal back to the dashboard after a shell in a pod: the
//! modes the pod's programs may have left on are turned off, and what is
//! already in the input (a terminal's answers to the queries they sent,
//! keys meant for them) is dropped, so none of it reaches the dashboard as
//! keys (`+`, `d`, `y`… would act).

use std::io::Write;
use std::os::fd::BorrowedFd;
use std::time::{Duration, Instant};

/// Mouse reporting (every encoding), focus events, bracketed paste off;
/// cursor keys and keypad back to normal; cursor shown; colours reset;
/// line wrap on.
pub const RESET_MODES: &str = "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1005l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l\x1b[?1l\x1b>\x1b[?25h\x1b[0m\x1b[?7h";
/// Device status report: the terminal answers `OK_ANSWER`, after every
/// answer it owed before (it answers in order).
const STATUS_QUERY: &str = "\x1b[5n";
const OK_ANSWER: &[u8] = b"\x1b[0n";
/// A terminal that does not answer is not waited for longer than this.
pub const SETTLE_LIMIT: Duration = Duration::from_millis(500);

/// Resets the modes on `output`, then reads and drops `input` up to the
/// answer to a status query (or `limit`), then flushes what is left.
/// Returns how many bytes were dropped. `input` must be in raw mode.
pub fn settle(input: BorrowedFd, output: &mut impl Write, limit: Duration) -> usize {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let _ = output.write_all(RESET_MODES.as_bytes());
    let _ = output.write_all(STATUS_QUERY.as_bytes());
    let _ = output.flush();
    let deadline = Instant::now() + limit;
    let mut seen: Vec<u8> = Vec::new();
    let mut dropped = 0;
    let mut buffer = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let wait = Timespec {
            tv_sec: left.as_secs() as i64,
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [PollFd::new(&input, PollFlags::IN)];
        match poll(&mut fds, Some(&wait)) {
            Ok(0) => break,
            Ok(_) => match rustix::io::read(input, &mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    dropped += n;
                    // Only the tail can hold the start of the answer.
                    seen.extend_from_slice(&buffer[..n]);
                    if seen.windows(OK_ANSWER.len()).any(|w| w == OK_ANSWER) {
                        break;
                    }
                    let keep = seen.len().saturating_sub(OK_ANSWER.len());
                    seen.drain(..keep);
                }
            },
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        }
    }
    let _ = rustix::termios::tcflush(input, rustix::termios::QueueSelector::IFlush);
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::fd::{AsFd, OwnedFd};

    /// A real pseudo-terminal in raw mode: (the terminal's side, the program's side).
    fn pty() -> (std::fs::File, std::fs::File) {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master: OwnedFd = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        let mut termios = rustix::termios::tcgetattr(&slave).unwrap();
        termios.make_raw();
        rustix::termios::tcsetattr(&slave, rustix::termios::OptionalActions::Now, &termios)
            .unwrap();
        (std::fs::File::from(master), slave)
    }

    #[test]
    fn what_the_shell_left_in_the_input_is_dropped_and_later_keys_are_kept() {
        let (mut terminal, program) = pty();
        let mut writer = program.try_clone().unwrap();
        // The terminal: sees the resets and the query, then delivers what the
        // pod's queries got back (and keys) before its own answer, then a key
        // typed afterwards.
        let answering = std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut buffer = [0u8; 256];
            while !got.ends_with(STATUS_QUERY.as_bytes()) {
                let n = terminal.read(&mut buffer).unwrap();
                got.extend_from_slice(&buffer[..n]);
            }
            terminal.write_all(b"\x1b]11;rgb:0/0/0\x07+dy").unwrap();
            terminal.write_all(OK_ANSWER).unwrap();
            // Kept: typed after the answer, read once settled.
            std::thread::sleep(Duration::from_millis(50));
            terminal.write_all(b"q").unwrap();
            (terminal, got)
        });
        let dropped = settle(program.as_fd(), &mut writer, Duration::from_secs(5));
        let (_terminal, got) = answering.join().unwrap();
        assert!(got.starts_with(RESET_MODES.as_bytes()), "{got:?}");
        assert_eq!(dropped, b"\x1b]11;rgb:0/0/0\x07+dy\x1b[0n".len());
        let mut next = [0u8; 1];
        (&program).read_exact(&mut next).unwrap();
        assert_eq!(&next, b"q", "a key typed after the shell is read");
    }

    #[test]
    fn a_terminal_that_does_not_answer_is_waited_for_only_so_long() {
        let (_terminal, program) = pty();
        let mut writer = program.try_clone().unwrap();
        let started = Instant::now();
        settle(program.as_fd(), &mut writer, Duration::from_millis(200));
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
