//! The real terminal around the dashboard's loop: raw mode and the alternate
//! screen, restored on every way out, and lent to a shell for `e`.

use std::io::{Stdout, stdout};
use std::time::Duration;

use crossterm::event::EventStream;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use super::dashboard::{self, Dashboard, ExecRequest, Exit, Inbox, Msg, Settings, Source};
use super::effects::{HealthCheck, Runner};
use super::recording::Recorder;
use super::{AppError, ExecOutcome, stop_signal};
use crate::cluster;
use crate::model::Scope;
use crate::ui::Theme;

/// At most this many keys typed ahead of a shell are dropped.
const STALE_KEYS: usize = 256;

/// Puts the terminal back however the dashboard ends: drop, error or panic.
struct TerminalGuard {
    terminal: Terminal<Synced>,
}

/// The terminal's backend, each frame sent as one synchronized update: the
/// terminal shows it whole, never half drawn (begun at the first cell,
/// ended at the frame's flush).
struct Synced {
    inner: CrosstermBackend<Stdout>,
    begun: bool,
}

impl Backend for Synced {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> std::io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        if !self.begun {
            queue!(self.inner, BeginSynchronizedUpdate)?;
            self.begun = true;
        }
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> std::io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> std::io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> std::io::Result<ratatui::layout::Position> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> std::io::Result<()> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> std::io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ratatui::backend::ClearType) -> std::io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> std::io::Result<ratatui::layout::Size> {
        self.inner.size()
    }
    fn window_size(&mut self) -> std::io::Result<ratatui::backend::WindowSize> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.begun) {
            queue!(self.inner, EndSynchronizedUpdate)?;
        }
        Backend::flush(&mut self.inner)
    }
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
        let terminal = Terminal::new(Synced {
            inner: CrosstermBackend::new(stdout()),
            begun: false,
        })?;
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
    connection: Option<cluster::Connection>,
    scope: Scope,
    recorder: Option<Recorder>,
    theme: Theme,
    settings: Settings,
    lesson: Option<crate::lesson::Run>,
) -> Result<(), AppError> {
    // First: what the tasks started below say is kept too.
    init_logging(settings.log_file.clone())?;
    if let Some(connection) = &connection {
        tracing::info!(context = %connection.context, server = %connection.server, "connected");
    }
    let shells = settings.shells.clone();
    // A student's lesson is one of a class's dashboards on one API server:
    // it asks it nothing to know it answers.
    let check = match &lesson {
        Some(run) if run.mode == crate::lesson::Mode::Student => HealthCheck::Ping,
        _ => HealthCheck::Readyz,
    };
    let (mut runner, mut inbox) = Runner::start(connection.as_ref(), &scope, check, recorder);
    let mut dashboard = Dashboard::new(source, scope, theme, settings, runner.records());
    if let Some(run) = lesson {
        for effect in dashboard.start_lesson(run) {
            runner.run(effect)?;
        }
    }
    // Before the terminal is taken (and its hang-up watched): a signal from
    // then on ends the loop the orderly way.
    let mut stop = Box::pin(stop_signal());
    let mut guard = TerminalGuard::enter().map_err(|e| AppError::Terminal(e.to_string()))?;
    let ended = sessions(
        &mut dashboard,
        &mut runner,
        &mut guard,
        &mut inbox,
        &mut stop,
        &shells,
    )
    .await;
    // However it ended (quit, signal, hang-up, a terminal error): the log
    // streams stop and the recording is flushed, then the terminal is put back.
    let flushed = runner.shutdown();
    drop(guard);
    ended.and(flushed)
}

/// stsdash's own log goes to its pane (tui-logger), never to the terminal
/// under the TUI, and to --log-file when given.
/// Sends stsdash's own log to its pane, and to `log_file`. Called before any
/// task starts, so what they say first is kept.
pub(super) fn init_logging(log_file: Option<std::path::PathBuf>) -> Result<(), AppError> {
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
    Ok(())
}

/// Runs a loop of the dashboard's kind (the class grid) on the real
/// terminal until it quits or a stop signal comes; the terminal is put back
/// on every way out. `e` opens a shell of `shells` as the dashboard's does.
/// The log goes where `init_logging` was told before.
pub async fn run_looped<L: dashboard::Looped>(
    mut class: L,
    shells: Vec<String>,
    mut runner: Runner,
    mut inbox: Inbox,
) -> Result<(), AppError> {
    let mut stop = Box::pin(stop_signal());
    let mut guard = TerminalGuard::enter().map_err(|e| AppError::Terminal(e.to_string()))?;
    let ended = sessions(
        &mut class,
        &mut runner,
        &mut guard,
        &mut inbox,
        &mut stop,
        &shells,
    )
    .await;
    let flushed = runner.shutdown();
    drop(guard);
    ended.and(flushed)
}

/// The dashboard, and the shells it asks for, until one of them ends stsdash.
async fn sessions<L: dashboard::Looped>(
    dashboard: &mut L,
    runner: &mut Runner,
    guard: &mut TerminalGuard,
    inbox: &mut Inbox,
    stop: &mut (impl std::future::Future<Output = ()> + Unpin),
    shells: &[String],
) -> Result<(), AppError> {
    loop {
        // A fresh reader each time: while a shell runs, nothing else reads the keyboard.
        let mut input = EventStream::new();
        let exit = dashboard::run(
            dashboard,
            runner,
            &mut guard.terminal,
            &mut input,
            inbox,
            stop,
        )
        .await?;
        drop(input);
        let request = match exit {
            Exit::Quit => return Ok(()),
            Exit::Exec(request) => request,
        };
        // Keys crossterm already read belong to no one now: dropped, not
        // replayed into the dashboard after the shell. Bounded: a terminal
        // that hung up is readable for ever and reads nothing.
        for _ in 0..STALE_KEYS {
            match crossterm::event::poll(Duration::from_millis(30)) {
                Ok(true) if crossterm::event::read().is_ok() => {}
                _ => break,
            }
        }
        let Some(write) = runner.write().cloned() else {
            return Ok(());
        };
        guard.suspend();
        let outcome = shell(&write, &request, shells, dashboard, runner, inbox, stop).await;
        guard
            .resume()
            .map_err(|e| AppError::Terminal(e.to_string()))?;
        let stopped = outcome.is_none();
        let outcome = outcome.unwrap_or(ExecOutcome::Ended(crate::t!("app-shell-stopped")));
        for effect in dashboard.update(Msg::ExecEnded(request, outcome)) {
            runner.run(effect)?;
        }
        dashboard.redraw_all();
        if stopped {
            return Ok(());
        }
    }
}

/// Runs the shell while the dashboard keeps taking events (so nothing
/// queues up), until it ends or a stop signal comes (then None).
async fn shell<L: dashboard::Looped>(
    write: &cluster::WriteAccess,
    request: &ExecRequest,
    shells: &[String],
    dashboard: &mut L,
    runner: &mut Runner,
    inbox: &mut Inbox,
    stop: &mut (impl std::future::Future<Output = ()> + Unpin),
) -> Option<ExecOutcome> {
    let session = super::shell::run(write, request, shells);
    tokio::pin!(session);
    loop {
        tokio::select! {
            outcome = &mut session => return Some(outcome),
            Some(event) = inbox.events.recv() => {
                inbox.push(event);
                let _ = dashboard::drain(dashboard, runner, inbox);
            }
            _ = &mut *stop => return None,
        }
    }
}
