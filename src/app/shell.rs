//! `e`: an interactive shell in a pod, on the user's own terminal, while the
//! dashboard is suspended. Keys go to the pod as raw bytes, its output comes
//! straight back, and window size changes follow. Standard input is read
//! with poll() by a thread that stops when the session ends, so no keystroke
//! typed afterwards is taken from the dashboard.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};
use futures::SinkExt;
use kube::api::TerminalSize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use super::dashboard::ExecOutcome;
use super::dashboard::ExecRequest;
use crate::cluster;
use crate::cluster::exec::{self, Ended};
use crate::model::event::{Failure, Tried};
use crate::t;

/// How long to wait for the last output once the command ended.
const OUTPUT_TAIL: Duration = Duration::from_millis(300);

/// Opens the first shell of `shells` that starts, until it exits, in the
/// pod incarnation `e` chose (a pod replaced since is refused).
pub async fn run(
    write: &cluster::WriteAccess,
    request: &ExecRequest,
    shells: &[String],
) -> ExecOutcome {
    match exec::still(write, &request.pod, &request.uid).await {
        Ok(Ok(())) => {}
        Ok(Err(replaced)) => return ExecOutcome::Refused(replaced),
        Err(e) => return ExecOutcome::Failed(e.failure()),
    }
    match session_in_terminal(write, request, shells).await {
        Ok(how) => ExecOutcome::Ended(how),
        Err(why) => ExecOutcome::Failed(why),
    }
}

/// The session itself: Ok says how it ended; Err why no shell could be had or
/// the connection was lost.
async fn session_in_terminal(
    write: &cluster::WriteAccess,
    request: &ExecRequest,
    shells: &[String],
) -> Result<String, Failure> {
    let mut out = std::io::stdout();
    let _ = write!(
        out,
        "{}\r\n",
        t!(
            "app-shell-opened",
            namespace = request.pod.namespace,
            pod = request.pod.name,
            container = request.container
        )
    );
    let _ = out.flush();
    let raw = RawMode::enter().map_err(|e| Failure::Terminal {
        message: e.to_string().into(),
    })?;
    let (keys_tx, mut keys) = mpsc::channel(64);
    let pump = StdinPump::start(keys_tx);
    let mut tried = Vec::new();
    let mut outcome = Err(Failure::NoShellToTry);
    for shell in shells {
        match session(write, request, shell, &mut keys).await {
            Attempt::Ended(result) => {
                outcome = result.map(|how| how.said(shell));
                break;
            }
            Attempt::DidNotStart(message) => {
                tried.push(Tried {
                    shell: shell.into(),
                    message: message.map(Into::into),
                });
                outcome = Err(Failure::NoShellCouldStart {
                    tried: tried.clone(),
                });
            }
        }
    }
    // Dropping the receiver first frees a pump blocked on a full channel.
    drop(keys);
    pump.stop();
    // Still raw: the terminal's answers are read as they come, not echoed.
    {
        use std::os::fd::AsFd;
        let stdin = std::io::stdin();
        let dropped = super::settle::settle(stdin.as_fd(), &mut out, super::settle::SETTLE_LIMIT);
        if dropped > 0 {
            tracing::debug!(bytes = dropped, "input the shell left dropped");
        }
    }
    drop(raw);
    let _ = write!(out, "\r\n");
    let _ = out.flush();
    outcome
}

enum Attempt {
    Ended(Result<Exit, Failure>),
    /// Nothing came out and it failed (the server's words, if any): the next shell is tried.
    DidNotStart(Option<String>),
}

async fn session(
    write: &cluster::WriteAccess,
    request: &ExecRequest,
    shell: &str,
    keys: &mut mpsc::Receiver<Vec<u8>>,
) -> Attempt {
    let mut process = match exec::open_tty(write, &request.pod, &request.container, shell).await {
        Ok(p) => p,
        // Refused before starting (forbidden, no such pod): no other shell does better.
        Err(e) => return Attempt::Ended(Err(e.failure())),
    };
    let (Some(mut stdin), Some(mut stdout)) = (process.stdin(), process.stdout()) else {
        return Attempt::Ended(Err(Failure::NoStdio));
    };
    // The status is the one signal that always comes: on exit, on refusal and
    // when the connection drops (then None); output may never reach its end.
    let Some(status) = process.take_status() else {
        return Attempt::Ended(Err(Failure::NoStatus));
    };
    tokio::pin!(status);
    let mut resize = process.terminal_size();
    if let (Some(sender), Ok((width, height))) = (resize.as_mut(), crossterm::terminal::size()) {
        let _ = sender.send(TerminalSize { width, height }).await;
    }
    let mut window = window_changes();
    let mut out = std::io::stdout();
    let mut buffer = vec![0u8; 8192];
    let mut seen_output = false;
    let mut keys_open = true;
    let status = loop {
        tokio::select! {
            status = &mut status => break status,
            read = stdout.read(&mut buffer) => match read {
                Ok(0) | Err(_) => break status.await,
                Ok(n) => {
                    seen_output = true;
                    let _ = out.write_all(&buffer[..n]);
                    let _ = out.flush();
                }
            },
            bytes = keys.recv(), if keys_open => match bytes {
                Some(bytes) => {
                    // A closed stdin shows in the status soon after.
                    let _ = stdin.write_all(&bytes).await;
                }
                None => keys_open = false,
            },
            Some(()) = window.recv() => {
                if let (Some(sender), Ok((width, height))) = (resize.as_mut(), crossterm::terminal::size()) {
                    let _ = sender.send(TerminalSize { width, height }).await;
                }
            }
        }
    };
    // What the command wrote last may still be on its way.
    while let Ok(Ok(n)) = tokio::time::timeout(OUTPUT_TAIL, stdout.read(&mut buffer)).await {
        if n == 0 {
            break;
        }
        seen_output = true;
        let _ = out.write_all(&buffer[..n]);
        let _ = out.flush();
    }
    let lost = match status {
        Some(_) => None,
        None => tokio::time::timeout(OUTPUT_TAIL, process.join())
            .await
            .ok()
            .and_then(Result::err)
            .map(|e| crate::model::sanitize::line(&e.to_string())),
    };
    match Ended::from_status(status.as_ref()) {
        Ended::Success => Attempt::Ended(Ok(Exit::Success)),
        Ended::Exited(code) => Attempt::Ended(Ok(Exit::Status(code))),
        Ended::Failed(why) if !seen_output => Attempt::DidNotStart(why),
        Ended::Failed(why) => Attempt::Ended(Err(Failure::CommandFailed {
            message: why.map(Into::into),
        })),
        Ended::NoStatus => Attempt::Ended(Err(match lost {
            Some(error) => Failure::ConnectionLost {
                message: error.into(),
            },
            None => Failure::ConnectionClosed,
        })),
    }
}

/// How a shell that ran ended.
enum Exit {
    Success,
    Status(i32),
}

impl Exit {
    /// "/bin/sh exited", "/bin/sh exited with status 3".
    fn said(&self, shell: &str) -> String {
        match self {
            Exit::Success => t!("app-shell-exited", shell = shell),
            Exit::Status(code) => t!("app-shell-exited-with", shell = shell, code = *code),
        }
    }
}

/// One message per window size change (SIGWINCH).
fn window_changes() -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel(1);
    #[cfg(unix)]
    if let Ok(mut signal) =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change())
    {
        tokio::spawn(async move {
            while signal.recv().await.is_some() {
                if tx.send(()).await.is_err() {
                    break;
                }
            }
        });
    }
    #[cfg(not(unix))]
    drop(tx);
    rx
}

/// The local terminal in raw mode for the length of the session: the pod's
/// terminal does the echoing and line editing, as with `kubectl exec -it`.
struct RawMode;

impl RawMode {
    fn enter() -> std::io::Result<Self> {
        enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = disable_raw_mode();
    }
}

/// Reads standard input on its own thread, waking every 50 ms to see
/// whether it should stop, and reading only when bytes are there: once
/// stopped, it has taken nothing that was typed after.
struct StdinPump {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StdinPump {
    fn start(tx: mpsc::Sender<Vec<u8>>) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            use rustix::event::{PollFd, PollFlags, Timespec, poll};
            use std::os::fd::AsFd;
            let stdin = std::io::stdin();
            let fd = stdin.as_fd();
            let tick = Timespec {
                tv_sec: 0,
                tv_nsec: 50_000_000,
            };
            let mut buffer = [0u8; 4096];
            while !stopped.load(Ordering::SeqCst) {
                let mut fds = [PollFd::new(&fd, PollFlags::IN)];
                match poll(&mut fds, Some(&tick)) {
                    Ok(0) => continue,
                    Ok(_) if stopped.load(Ordering::SeqCst) => break,
                    Ok(_) => match rustix::io::read(fd, &mut buffer) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if tx.blocking_send(buffer[..n].to_vec()).is_err() {
                                break;
                            }
                        }
                    },
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(_) => break,
                }
            }
        });
        StdinPump {
            stop,
            thread: Some(thread),
        }
    }

    fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StdinPump {
    fn drop(&mut self) {
        self.halt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_a_shell_ended_is_said_in_each_language() {
        use crate::i18n::{Lang, with_lang};
        let said = |lang, exit: Exit| with_lang(lang, || exit.said("/bin/sh"));
        assert_eq!(said(Lang::En, Exit::Success), "/bin/sh exited");
        assert_eq!(
            said(Lang::En, Exit::Status(3)),
            "/bin/sh exited with status 3"
        );
        assert_eq!(
            said(Lang::Ru, Exit::Status(3)),
            "/bin/sh завершилась с кодом 3"
        );
        assert_eq!(said(Lang::ZhTw, Exit::Success), "/bin/sh 已結束");
    }
}
