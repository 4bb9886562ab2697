//! The app: the one loop that owns the model and applies the events that the
//! watch tasks send over one channel; the commands built on it.

pub mod class;
mod completions;
pub mod config;
pub mod dashboard;
pub mod doctor;
pub mod dump;
pub mod effects;
pub mod keymap;
pub mod lesson;
pub mod recording;
mod replay;
pub mod say;
mod settle;
mod shell;
mod tui;

use std::time::Duration;

use tokio::sync::mpsc;

use crate::cli::{Cli, Command, DumpArgs, ReplayArgs, Selection};
use crate::cluster::{self, ClusterError, Connection as ClusterConnection};
use crate::model::{ClusterEvent, Connection, Model, Scope, Text};
pub use dashboard::ExecOutcome;
use dashboard::{Settings, Source};
use recording::{Recorder, RecordingError};
pub use replay::Replay;

use crate::t;

/// How long `dump` waits for the first full sync before giving up.
const SYNC_TIMEOUT: Duration = Duration::from_secs(30);
/// Capacity of the event channel: watchers wait when the loop falls behind.
pub const CHANNEL_CAPACITY: usize = 4096;
/// Capacity of the log channel, in batches of lines: a log stream that
/// outpaces the screen waits (its server buffers), and never delays a watch.
pub const LOG_CHANNEL_CAPACITY: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Cluster(#[from] ClusterError),
    #[error(transparent)]
    Recording(#[from] RecordingError),
    #[error("{0}")]
    NotFound(String),
    #[error("{}", t!("app-terminal-error", error = .0))]
    Terminal(String),
    #[error("{}", t!("app-log-file-error", error = .0))]
    LogFile(String),
    #[error(transparent)]
    Theme(#[from] crate::ui::theme::ThemeError),
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("{}", .0.0.join("\n"))]
    Lesson(#[from] crate::lesson::LessonError),
    #[error(
        "{}",
        t!("app-sync-timeout", seconds = .waited.as_secs(), reason = .reason)
    )]
    SyncTimeout { waited: Duration, reason: String },
}

/// --theme, else mono when asked for no colours (--no-color, or NO_COLOR
/// set and not empty, as no-color.org says), else the config file's theme,
/// else default.
fn chosen_theme(global: &crate::cli::Global) -> Result<crate::ui::Theme, AppError> {
    let no_color = global.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let configured = config::load()?.theme;
    let name = theme_name(global.theme.as_deref(), no_color, configured.as_deref());
    Ok(crate::ui::Theme::load(name)?)
}

/// The theme to load: the flag, else mono without colours, else the configured one, else default.
fn theme_name<'a>(flag: Option<&'a str>, no_color: bool, configured: Option<&'a str>) -> &'a str {
    match (flag, no_color) {
        (Some(theme), _) => theme,
        (None, true) => "mono",
        (None, false) => configured.unwrap_or("default"),
    }
}

/// The language: --lang, else the config file's `lang`, else the
/// environment's locale, else English.
fn chosen_lang(global: &crate::cli::Global) -> Result<crate::i18n::Lang, AppError> {
    Ok(match global.lang {
        Some(lang) => lang,
        None => config::load()?.lang.unwrap_or_else(lang_of_env),
    })
}

fn lang_of_env() -> crate::i18n::Lang {
    crate::i18n::Lang::from_env(|name| std::env::var(name).ok()).unwrap_or_default()
}

/// Sets the language of everything stsdash says from now on, before
/// anything is said or computed (the model writes its narration as events
/// come). A config file that cannot be read does not leave the user with
/// English: the language is then --lang or the locale's, and the file's
/// error is returned, to be said in it.
pub fn choose_lang(global: &crate::cli::Global) -> Result<(), AppError> {
    let chosen = chosen_lang(global);
    let lang = match &chosen {
        Ok(lang) => *lang,
        Err(_) => global.lang.unwrap_or_else(lang_of_env),
    };
    crate::i18n::set_lang(lang);
    chosen.map(|_| ())
}

/// Whether stsdash may change the cluster: --read-only or the config
/// file's `read_only` make it read-only. Decided here, once; the connection
/// then hands out no write access at all.
fn access(cli: &Cli) -> Result<cluster::Access, AppError> {
    Ok(if cli.global.read_only || config::load()?.read_only {
        cluster::Access::ReadOnly
    } else {
        cluster::Access::ReadWrite
    })
}

/// What the keys may do: `access`, the config file, else the defaults.
fn settings(cli: &Cli, access: cluster::Access) -> Result<Settings, AppError> {
    let config = config::load()?;
    let defaults = Settings::default();
    Ok(Settings {
        read_only: access == cluster::Access::ReadOnly,
        max_replicas: config.max_replicas.map_or(defaults.max_replicas, i32::from),
        shells: config
            .shells
            .filter(|s| !s.is_empty())
            .unwrap_or(defaults.shells),
        cluster_domain: cli.global.cluster.cluster_domain.clone(),
        log_file: cli.global.log_file.clone(),
    })
}

pub async fn run(cli: Cli) -> Result<(), AppError> {
    choose_lang(&cli.global)?;
    match cli.command {
        None => {
            // Checked even when piped, so a mistake is said at once.
            let theme = chosen_theme(&cli.global)?;
            let selection = cli.global.selection(cli.statefulset.clone());
            // The dashboard needs a terminal; piped, stsdash says what it found instead.
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                dashboard(&cli, &selection, theme).await
            } else {
                summary(&selection).await
            }
        }
        Some(Command::Dump(ref args)) => {
            let selection = cli.global.selection(args.statefulset.clone());
            dump(args, &selection, cli.global.record.clone()).await
        }
        Some(Command::Doctor) => doctor::run(&cli.global).await,
        Some(Command::Completions(ref args)) => {
            completions::print_registration(args.shell);
            Ok(())
        }
        Some(Command::Man) => {
            say::out(&completions::man_page());
            Ok(())
        }
        Some(Command::Lesson(_)) => lesson::run(&cli).await,
        Some(Command::Class(_)) => class::run(&cli).await,
        // In a terminal a replay plays in the dashboard; piped, it prints the dump.
        Some(Command::Replay(ref args)) if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            let theme = chosen_theme(&cli.global)?;
            let (header, events) = recording::read(&args.file)?;
            let scope = Scope {
                namespace: header.namespace,
                statefulset: header.statefulset,
            };
            let name = args.file.display().to_string();
            if let (Some(class), Some(recorded)) = (&header.class, &header.lesson) {
                let lesson = lesson::from_recording(recorded)?.lesson;
                let source = Source::Replay(Replay::new(name, events, args.speed));
                return class::replay(&cli, source, lesson, class).await;
            }
            let lesson = header
                .lesson
                .as_ref()
                .map(lesson::from_recording)
                .transpose()?;
            tui::run(
                Source::Replay(Replay::new(name, events, args.speed)),
                None,
                scope,
                None,
                theme,
                settings(&cli, cluster::Access::ReadOnly)?,
                lesson,
            )
            .await
        }
        Some(Command::Replay(ref args)) => replay(args, &cli.global.cluster.cluster_domain).await,
    }
}

async fn dashboard(
    cli: &Cli,
    selection: &Selection,
    theme: crate::ui::Theme,
) -> Result<(), AppError> {
    let access = access(cli)?;
    let connection = cluster::connect(&selection.target(access)).await?;
    // Fail with one line before the terminal is taken over.
    connection.server_version().await?;
    let scope = scope_of(selection, &connection);
    let recorder = cli
        .global
        .record
        .as_deref()
        .map(|p| Recorder::create(p, &scope))
        .transpose()?;
    tui::run(
        Source::Live {
            context: connection.context.clone(),
        },
        Some(connection),
        scope,
        recorder,
        theme,
        settings(cli, access)?,
        None,
    )
    .await
}

/// Without a subcommand and without a terminal: connect and say what was found.
async fn summary(selection: &Selection) -> Result<(), AppError> {
    let connection = cluster::connect(&selection.target(cluster::Access::ReadOnly)).await?;
    let labels = [
        t!("app-summary-context"),
        t!("app-summary-server"),
        t!("app-summary-proxy"),
        t!("app-summary-version"),
        t!("app-summary-namespace"),
    ];
    let column = say::Column::fitting(&labels);
    let [context, server, proxy_label, version_label, namespace] = &labels;
    say::line(&column.field(context, &connection.context));
    say::line(&column.field(server, &connection.server));
    if let Some(proxy) = &connection.proxy {
        say::line(&column.field(proxy_label, proxy));
    }
    let version = connection.server_version().await?;
    say::line(&column.field(version_label, &format!("Kubernetes {version}")));
    say::line(&column.field(namespace, &connection.namespace));
    if connection.namespace_exists().await? == Some(false) {
        say::line(&t!(
            "app-namespace-missing",
            namespace = connection.namespace
        ));
        return Ok(());
    }
    let statefulsets = connection.statefulset_summaries().await?;
    if statefulsets.is_empty() {
        say::line(&t!("app-no-statefulsets", namespace = connection.namespace));
    }
    for sts in statefulsets {
        say::line(&t!(
            "app-summary-statefulset",
            name = sts.name,
            ready = sts.ready,
            desired = sts.desired
        ));
    }
    Ok(())
}

fn scope_of(selection: &Selection, connection: &ClusterConnection) -> Scope {
    Scope {
        namespace: (!selection.all_namespaces).then(|| Text::new(&connection.namespace)),
        statefulset: selection.statefulset.as_deref().map(Text::new),
    }
}

/// Applies events from the channel to the model (recording them first),
/// until `done` says so or `deadline` passes. Returns false on the deadline.
async fn pump(
    model: &mut Model,
    rx: &mut mpsc::Receiver<ClusterEvent>,
    recorder: &mut Option<Recorder>,
    deadline: tokio::time::Instant,
    done: impl Fn(&Model) -> bool,
) -> Result<bool, AppError> {
    while !done(model) {
        let event = match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(event)) => event,
            Ok(None) | Err(_) => return Ok(false),
        };
        if let Some(r) = recorder.as_mut() {
            r.record(&event)?;
            // A burst is over: what was recorded reaches the file.
            if rx.is_empty() {
                r.flush()?;
            }
        }
        model.apply(event);
    }
    Ok(true)
}

async fn dump(
    args: &DumpArgs,
    selection: &Selection,
    record: Option<std::path::PathBuf>,
) -> Result<(), AppError> {
    let connection = cluster::connect(&selection.target(cluster::Access::ReadOnly)).await?;
    connection.server_version().await?;
    if !selection.all_namespaces && connection.namespace_exists().await? == Some(false) {
        return Err(AppError::NotFound(t!(
            "app-namespace-missing",
            namespace = connection.namespace
        )));
    }
    let scope = scope_of(selection, &connection);
    let (tx, mut rx) = mpsc::channel(CHANNEL_CAPACITY);
    let _watches = cluster::watch::spawn(&connection, &scope, None, tx);
    let mut model = Model::new(scope);
    let mut recorder = record
        .as_deref()
        .map(|p| Recorder::create(p, &model.scope))
        .transpose()?;

    let started = std::time::Instant::now();
    let deadline = tokio::time::Instant::now() + SYNC_TIMEOUT;
    let synced = pump(&mut model, &mut rx, &mut recorder, deadline, |m| {
        m.is_synced()
    })
    .await?;
    if !synced {
        let why = match model.connection() {
            Connection::Reconnecting { last_error, .. } => last_error,
            _ => t!("app-server-slow"),
        };
        return Err(AppError::SyncTimeout {
            waited: SYNC_TIMEOUT,
            reason: why,
        });
    }
    // Whatever the first sync already queued belongs to it.
    while let Ok(event) = rx.try_recv() {
        if let Some(r) = recorder.as_mut() {
            r.record(&event)?;
        }
        model.apply(event);
    }
    let synced_after = started.elapsed();
    if let Some(duration) = args.watch_for {
        say::error(&t!(
            "app-dump-watching",
            duration = humantime::format_duration(duration).to_string()
        ));
        // Ctrl-C (or SIGTERM) ends the watching early; the dump is printed all the same.
        let until = tokio::time::Instant::now() + duration;
        tokio::select! {
            result = pump(&mut model, &mut rx, &mut recorder, until, |_| false) => { result?; }
            _ = stop_signal() => {}
        }
    }
    // What is overdue is said as of now, not as of the newest event.
    let clock = ClusterEvent {
        at: crate::model::event::now_millis(),
        change: crate::model::Change::Clock,
    };
    if let Some(r) = recorder.as_mut() {
        r.record(&clock)?;
        r.flush()?;
    }
    model.apply(clock);
    let views_started = std::time::Instant::now();
    let dump = dump::build(&model, &selection.cluster.cluster_domain);
    print_dump(&dump, args.json);
    if args.timings {
        say::error(&timings(
            model.store.pods.len(),
            synced_after,
            views_started.elapsed(),
        ));
    }
    match (&dump.missing, &model.scope.statefulset) {
        (Some(missing), Some(_)) => Err(AppError::NotFound(missing.clone())),
        _ => Ok(()),
    }
}

/// What `dump --timings` says: how long the first full list took, and the views.
fn timings(pods: usize, synced_after: Duration, views: Duration) -> String {
    t!(
        "app-dump-timings",
        count = pods,
        list_ms = synced_after.as_millis() as u64,
        views_ms = views.as_millis() as u64
    )
}

async fn replay(args: &ReplayArgs, cluster_domain: &str) -> Result<(), AppError> {
    let (header, events) = recording::read(&args.file)?;
    let mut model = Model::new(Scope {
        namespace: header.namespace,
        statefulset: header.statefulset,
    });
    let mut previous: Option<crate::model::Millis> = None;
    for event in events {
        // Events come at the pace they were recorded, scaled by --speed.
        if let Some(previous) = previous {
            let gap = (event.at - previous).max(0) as f64 / args.speed;
            if gap >= 1.0 {
                tokio::time::sleep(Duration::from_millis(gap as u64)).await;
            }
        }
        previous = Some(event.at);
        model.apply(event);
    }
    print_dump(&dump::build(&model, cluster_domain), args.json);
    Ok(())
}

fn print_dump(dump: &dump::Dump, json: bool) {
    if json {
        // JSON escapes every control character itself.
        say::line(&dump::json(dump));
    } else {
        say::out(&dump::text(dump));
    }
}

/// Resolves on Ctrl-C, SIGTERM or SIGHUP. The handlers are in place when
/// this returns (not when the future is first polled), so a signal that
/// comes at once still ends stsdash the orderly way.
pub(crate) fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut signals: Vec<_> = [
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::hangup(),
        ]
        .into_iter()
        .filter_map(|kind| signal(kind).ok())
        .collect();
        async move {
            let any = signals.iter_mut().map(|s| Box::pin(s.recv()));
            futures::future::select_all(any).await;
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_colour_means_mono_unless_a_theme_is_named() {
        use super::theme_name;
        assert_eq!(theme_name(None, true, Some("light")), "mono");
        assert_eq!(theme_name(Some("projector"), true, None), "projector");
        assert_eq!(theme_name(None, false, Some("light")), "light");
        assert_eq!(theme_name(None, false, None), "default");
    }

    #[test]
    fn timings_count_pods_in_each_language_with_russian_plurals() {
        use crate::i18n::{Lang, with_lang};
        use std::time::Duration;
        let said = |lang, pods| {
            with_lang(lang, || {
                super::timings(pods, Duration::from_millis(120), Duration::from_millis(7))
            })
        };
        assert_eq!(
            said(Lang::En, 3),
            "first full list of 3 pods in 120 ms; views and output in 7 ms"
        );
        for (pods, words) in [
            (1, "1 под "),
            (3, "3 пода "),
            (5, "5 подов "),
            (21, "21 под "),
        ] {
            assert_eq!(
                said(Lang::Ru, pods),
                format!("первый полный список: {words}за 120 мс; представления и вывод за 7 мс")
            );
        }
        assert_eq!(
            said(Lang::ZhTw, 5),
            "第一次完整列出 5 個 Pod 花了 120 ms；檢視與輸出花了 7 ms"
        );
    }
}
