//! The real terminal around the dashboard's loop: raw mode and the alternate
//! screen, restored on every way out, and lent to a shell for `e`.

use std::io::{Stdout, stdout};
use std::time::Duration;

use crossterm::event::EventStream;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc;

use super::dashboard::{Dashboard, ExecRequest, Exit, Settings, Source};
use super::recording::Recorder;
use super::{AppError, CHANNEL_CAPACITY, ExecOutcome, stop_signal};
use crate::cluster;
use crate::model::{ClusterEvent, Scope};
use crate::ui::Theme;

/// Puts the terminal back however the dashboard ends: drop, error or panic.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, crossterm::cursor::Show);
}

impl TerminalGuard {
    fn enter() -> std::io::Result<Self> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            hook(info);
        }));
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen)?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        watch_for_hangup();
        Ok(TerminalGuard { terminal })
    }

    /// Gives the terminal back as it was before the dashboard (for a shell).
    fn suspend(&mut self) {
        restore();
    }

    /// Takes the terminal again and has every cell drawn anew.
    fn resume(&mut self) -> std::io::Result<()> {
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen)?;
        self.terminal.clear()
    }
}

/// Ends stsdash when its terminal hangs up (the window or the connection
/// closed). SIGHUP usually says so, but not to a process whose session leader
/// died first (or that is in a session of its own); and crossterm's reader
/// then spins on end-of-file inside the loop. So a thread of its own waits
/// for the hang-up (poll with no events asked: it wakes only on one) and then
/// sends stsdash the SIGHUP it missed, so it ends the way SIGHUP ends it: the
/// recording flushed, the terminal put back as far as it still can be.
fn watch_for_hangup() {
    use rustix::event::{PollFd, PollFlags, poll};
    use std::os::fd::AsFd;
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(|| {
            let stdin = std::io::stdin();
            let fd = stdin.as_fd();
            loop {
                let mut fds = [PollFd::new(&fd, PollFlags::empty())];
                match poll(&mut fds, None) {
                    Ok(_)
                        if fds[0]
                            .revents()
                            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
                    {
                        let _ = rustix::process::kill_process(
                            rustix::process::getpid(),
                            rustix::process::Signal::HUP,
                        );
                        return;
                    }
                    Ok(_) | Err(rustix::io::Errno::INTR) => {}
                    // Not a terminal poll can watch: nothing to wait for.
                    Err(_) => return,
                }
            }
        });
    });
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

pub async fn run(
    source: Source,
    scope: Scope,
    recorder: Option<Recorder>,
    theme: Theme,
    settings: Settings,
    lesson: Option<crate::lesson::Run>,
) -> Result<(), AppError> {
    let (tx, mut rx) = mpsc::channel::<ClusterEvent>(CHANNEL_CAPACITY);
    let write = match &source {
        Source::Live(connection) => {
            cluster::watch::spawn(connection, &scope, tx.clone()).detach_all();
            cluster::health::spawn(connection.client.clone(), tx.clone());
            tracing::info!(context = %connection.context, server = %connection.server, "connected");
            connection.write.clone()
        }
        _ => None,
    };
    let shells = settings.shells.clone();
    let log_file = settings.log_file.clone();
    // The dashboard holds a sender too, so the channel stays open in a replay.
    let mut dashboard = Dashboard::new(source, scope, recorder, theme, settings, tx);
    if let Some(run) = lesson {
        dashboard.start_lesson(run);
    }

    // stsdash's own log goes to its pane (tui-logger), never to the terminal
    // under the TUI. Not `init_logger`: its thread wakes 100 times a second;
    // the loop moves the lines into the pane when the pane is drawn.
    tui_logger::set_default_level(tui_logger::LevelFilter::Info);
    {
        use tracing_subscriber::layer::{Layer, SubscriberExt};
        // --log-file: the same lines, appended to a file, without colours.
        let file = log_file
            .map(|path| {
                let mut options = std::fs::OpenOptions::new();
                options.create(true).append(true);
                // Only its owner reads it: it holds names, messages, errors.
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                options
                    .open(&path)
                    .and_then(|file| {
                        #[cfg(unix)]
                        file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
                        Ok(file)
                    })
                    .map_err(|e| AppError::LogFile(format!("{}: {e}", path.display())))
            })
            .transpose()?
            .map(|file| {
                tracing_subscriber::fmt::layer()
                    .with_ansi(false)
                    .with_writer(std::sync::Mutex::new(file))
                    .with_filter(tracing_subscriber::filter::LevelFilter::INFO)
            });
        let _ = tracing::subscriber::set_global_default(
            tracing_subscriber::registry()
                .with(tui_logger::TuiTracingSubscriberLayer)
                .with(file),
        );
    }
    // Before the terminal is taken (and its hang-up watched): a signal from
    // then on ends the loop the orderly way.
    let mut stop = Box::pin(stop_signal());
    let mut guard = TerminalGuard::enter().map_err(|e| AppError::Terminal(e.to_string()))?;
    let ended = sessions(
        &mut dashboard,
        &mut guard,
        &mut rx,
        &mut stop,
        write,
        &shells,
    )
    .await;
    // However it ended (quit, signal, hang-up, a terminal error): the log
    // streams stop and the recording is flushed, then the terminal is put back.
    let flushed = dashboard.shutdown();
    drop(guard);
    ended.and(flushed)
}

/// The dashboard, and the shells it asks for, until one of them ends stsdash.
async fn sessions(
    dashboard: &mut Dashboard,
    guard: &mut TerminalGuard,
    rx: &mut mpsc::Receiver<ClusterEvent>,
    stop: &mut (impl std::future::Future<Output = ()> + Unpin),
    write: Option<cluster::WriteAccess>,
    shells: &[String],
) -> Result<(), AppError> {
    loop {
        // A fresh reader each time: while a shell runs, nothing else reads the keyboard.
        let mut input = EventStream::new();
        let exit = dashboard
            .run(&mut guard.terminal, &mut input, rx, stop)
            .await?;
        drop(input);
        // Keys crossterm already read belong to no one now: dropped, not
        // replayed into the dashboard after the shell.
        while crossterm::event::poll(Duration::from_millis(30)).unwrap_or(false) {
            let _ = crossterm::event::read();
        }
        let request = match exit {
            Exit::Quit => return Ok(()),
            Exit::Exec(request) => request,
        };
        let Some(write) = write.as_ref() else {
            return Ok(());
        };
        guard.suspend();
        let outcome = shell(write, &request, shells, dashboard, rx, stop).await;
        guard
            .resume()
            .map_err(|e| AppError::Terminal(e.to_string()))?;
        let stopped = outcome.is_none();
        dashboard.exec_ended(
            &request,
            outcome.unwrap_or(ExecOutcome::Ended("stopped".into())),
        );
        dashboard.redraw_all();
        if stopped {
            return Ok(());
        }
    }
}

/// Runs the shell while the dashboard keeps applying events (so nothing
/// queues up), until it ends or a stop signal comes (then None).
async fn shell(
    write: &cluster::WriteAccess,
    request: &ExecRequest,
    shells: &[String],
    dashboard: &mut Dashboard,
    rx: &mut mpsc::Receiver<ClusterEvent>,
    stop: &mut (impl std::future::Future<Output = ()> + Unpin),
) -> Option<ExecOutcome> {
    let session = super::shell::run(write, request, shells);
    tokio::pin!(session);
    loop {
        tokio::select! {
            outcome = &mut session => return Some(outcome),
            Some(event) = rx.recv() => { let _ = dashboard.apply(event); }
            _ = &mut *stop => return None,
        }
    }
}
