//! `stsdash class LESSON`: the teacher's grid of every student's namespace
//! going through one lesson. It is built on the dashboard: the dashboard owns
//! the one model (every namespace's objects, from one watch per kind) and
//! the recording; the grid reads the model (`lesson::class`) and draws
//! itself (`ui::class`); Enter zooms the dashboard into a student's
//! namespace (read-only), Esc comes back.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::dashboard::{Dashboard, Effect, Exit, Looped, Msg, Settings, Source};
use super::effects::{HealthCheck, Runner};
use super::recording::{RecordedClass, Recorder};
use super::{AppError, chosen_theme, config, settings, tui};
use crate::cli::{Cli, Command};
use crate::cluster::{self, class as watches};
use crate::lesson::class::{self as progress, Class, Row, Students};
use crate::lesson::{self, Lesson};
use crate::model::event::now_millis;
use crate::model::{Access, Kind, Millis, Scope};
use crate::ui::class::{self as grid, ClassView, Grid, Sort};
use crate::ui::{Navigation, Theme};

/// Frames are drawn at most this often.
const FRAME: Duration = Duration::from_millis(16);

pub async fn run(cli: &Cli) -> Result<(), AppError> {
    let Some(Command::Class(args)) = &cli.command else {
        return Ok(());
    };
    let selector = cli.global.selector.clone();
    if args.prefix.is_none() && selector.is_none() {
        return Err(AppError::NotFound(crate::t!("class-which-namespaces")));
    }
    let lesson = lesson::load(&lesson::resolve(&args.lesson)?)?;
    let theme = chosen_theme(&cli.global)?;
    // Read-only unless asked for (--allow-actions, or `class_allow_actions`
    // in the config file); --read-only and `read_only` still win.
    let access = match super::access(cli)? {
        cluster::Access::ReadWrite if args.allow_actions || config::load()?.class_allow_actions => {
            cluster::Access::ReadWrite
        }
        _ => cluster::Access::ReadOnly,
    };
    let connection = cluster::connect(&cli.global.cluster.target(None, access)).await?;
    // Fail with one line before the terminal is taken over.
    connection.server_version().await?;
    let scope = Scope::default();
    let recorded = RecordedClass {
        prefix: args.prefix.clone(),
        selector: selector.clone(),
        stuck_after_ms: args.stuck_after.as_millis() as Millis,
        note: None,
    };
    let kinds = at_rest(&lesson);
    let settings = settings(cli, access)?;
    tui::init_logging(settings.log_file.clone())?;
    let (runner, inbox) = Runner::start_class(&connection, &kinds, selector);
    let runner = match &cli.global.record {
        Some(path) => runner.recording(Recorder::create_full(
            path,
            &scope,
            Some(super::lesson::recorded(&lesson, "")),
            Some(recorded.clone()),
        )?),
        None => runner,
    };
    let app = ClassApp::new(
        Source::Live {
            context: connection.context.clone(),
        },
        theme,
        settings,
        runner.records(),
        lesson,
        &recorded,
    );
    let shells = app.shells().to_vec();
    tui::run_looped(app, shells, runner, inbox).await
}

/// A recorded class, played back in its grid.
pub async fn replay(
    cli: &Cli,
    source: Source,
    lesson: Lesson,
    recorded: &RecordedClass,
) -> Result<(), AppError> {
    let theme = chosen_theme(&cli.global)?;
    let settings = settings(cli, cluster::Access::ReadOnly)?;
    tui::init_logging(settings.log_file.clone())?;
    let (runner, inbox) = Runner::start(None, &Scope::default(), HealthCheck::Readyz, None);
    let app = ClassApp::new(source, theme, settings, false, lesson, recorded);
    let shells = app.shells().to_vec();
    tui::run_looped(app, shells, runner, inbox).await
}

/// The kinds a class watches at rest: what the grid reads, and what the
/// lesson's conditions read beyond that (volumes, for a `volume …` one).
pub fn at_rest(lesson: &Lesson) -> Vec<Kind> {
    let mut kinds = watches::GRID.to_vec();
    for kind in lesson.kinds() {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

/// How the class is watched, when it is worth saying.
fn note(per_namespace: &std::collections::BTreeSet<Kind>) -> Option<String> {
    if per_namespace.is_empty() {
        return None;
    }
    let kinds: Vec<&str> = per_namespace.iter().map(|k| k.resource()).collect();
    Some(crate::t!(
        "class-per-namespace",
        kinds = crate::i18n::list(&kinds)
    ))
}

/// The class's view of the classroom: the grid, or a student's dashboard.
pub struct ClassApp {
    dashboard: Dashboard,
    class: Class,
    view: ClassView,
    /// The student's namespace the dashboard shows, when zoomed in.
    zoomed: Option<String>,
    note: Option<String>,
    title: String,
    steps: Vec<String>,
    live: bool,
    /// The grid needs drawing.
    dirty: bool,
    next: Instant,
    wake: Option<Instant>,
    status: Option<String>,
    /// Watches are asked of the runner (not a replay's).
    watching: bool,
    /// The kinds watched across the cluster at rest, and those only a
    /// zoomed dashboard reads (watched in its namespace while zoomed).
    at_rest: Vec<Kind>,
    zoom_kinds: Vec<Kind>,
    /// Kinds whose watch across the cluster was refused: watched in each
    /// student's namespace instead.
    pub per_namespace: Vec<Kind>,
    /// The watches last asked of the runner.
    asked: watches::Wanted,
    /// Rows that fit, as last drawn (PgUp / PgDn).
    shown: usize,
    /// When every watch had listed, until the first grid after it is drawn.
    listed: Option<Instant>,
    first_drawn: bool,
    /// The zoomed dashboard's keys may change the cluster (--allow-actions).
    actions: bool,
}

impl ClassApp {
    pub fn new(
        source: Source,
        theme: Theme,
        settings: Settings,
        recording: bool,
        lesson: Lesson,
        recorded: &RecordedClass,
    ) -> ClassApp {
        let live = matches!(source, Source::Live { .. });
        let watching = !matches!(source, Source::Replay(_));
        let actions = !settings.read_only;
        let mut dashboard = Dashboard::new(source, Scope::default(), theme, settings, recording);
        // Only what a class watches at rest is waited for.
        let at_rest = at_rest(&lesson);
        let zoom_kinds = Kind::ALL
            .into_iter()
            .filter(|k| !at_rest.contains(k))
            .collect();
        if watching {
            dashboard.model.access = at_rest.iter().map(|k| (*k, Access::Connecting)).collect();
        } else {
            // A recording's own events say what was watched.
            dashboard.model.access.clear();
        }
        // Which mode the zoomed dashboard is in, in its header.
        dashboard.view.labels.mode = Some(mode(actions));
        let title = crate::t!(
            "class-title",
            name = lesson.name.as_str(),
            title = lesson.title.as_str()
        );
        let steps = lesson.steps.iter().map(|s| s.title.clone()).collect();
        let students = Students {
            prefix: recorded.prefix.clone(),
        };
        ClassApp {
            dashboard,
            class: Class::new(lesson, students, recorded.stuck_after_ms),
            view: ClassView::default(),
            zoomed: None,
            note: recorded.note.clone(),
            title,
            steps,
            live,
            dirty: true,
            next: Instant::now(),
            wake: None,
            status: None,
            watching,
            at_rest,
            zoom_kinds,
            per_namespace: Vec::new(),
            asked: watches::Wanted::default(),
            shown: 20,
            listed: None,
            first_drawn: false,
            actions,
        }
    }

    /// The shells `e` tries, in order.
    pub fn shells(&self) -> &[String] {
        self.dashboard.shells()
    }

    /// The clock the grid shows: now, or the replay's moment.
    fn clock(&self) -> Millis {
        if self.live {
            now_millis()
        } else {
            self.dashboard.model.now
        }
    }

    /// The rows, in the view's order.
    fn rows(&self) -> Vec<Row> {
        let mut rows = self.class.rows(&self.dashboard.model, self.clock());
        grid::order(&mut rows, &self.view);
        rows
    }

    fn on_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        self.dirty = true;
        self.status = None;
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return effects.push(Effect::Exit(Exit::Quit));
        }
        let rows = self.rows();
        let at = grid::selected_index(&rows, &self.view).unwrap_or(0);
        let last = rows.len().saturating_sub(1);
        let page = self.shown.max(1);
        let select = |view: &mut ClassView, i: usize| {
            view.selected = rows.get(i).map(|r| r.namespace.to_string());
        };
        match key.code {
            KeyCode::Char('q') => effects.push(Effect::Exit(Exit::Quit)),
            KeyCode::Down | KeyCode::Char('j') => select(&mut self.view, (at + 1).min(last)),
            KeyCode::Up | KeyCode::Char('k') => select(&mut self.view, at.saturating_sub(1)),
            KeyCode::PageDown => select(&mut self.view, (at + page).min(last)),
            KeyCode::PageUp => select(&mut self.view, at.saturating_sub(page)),
            KeyCode::Home | KeyCode::Char('g') => select(&mut self.view, 0),
            KeyCode::End | KeyCode::Char('G') => select(&mut self.view, last),
            KeyCode::Char('s') => {
                self.view.sort = match self.view.sort {
                    Sort::Progress => Sort::Name,
                    Sort::Name => Sort::Progress,
                };
            }
            KeyCode::Char('!') => self.view.stuck_first = !self.view.stuck_first,
            KeyCode::Enter => match rows.get(at) {
                Some(row) if row.not_permitted.is_some() => {
                    self.status = Some(crate::t!(
                        "class-namespace-not-permitted",
                        namespace = row.namespace.as_str()
                    ));
                }
                Some(row) => self.zoom(row.namespace.to_string()),
                None => self.status = Some(crate::t!("class-no-namespace-yet")),
            },
            // A replay's keys (pause, speed) are the dashboard's.
            _ if !self.live => effects.extend(self.dashboard.update(Msg::Key(key))),
            _ => {}
        }
    }

    /// Opens the student's namespace in the dashboard.
    fn zoom(&mut self, namespace: String) {
        self.dashboard.model.scope.namespace = Some(namespace.as_str().into());
        self.dashboard.view.nav = Navigation::default();
        self.dashboard.view.chrome.status = Some(crate::t!(
            "class-zoomed",
            namespace = namespace.as_str(),
            mode = mode(self.actions)
        ));
        self.dashboard.redraw_all();
        // Its own kinds are waited for until their watches list.
        if self.watching {
            let access = &mut self.dashboard.model.access;
            access.extend(self.zoom_kinds.iter().map(|k| (*k, Access::Connecting)));
        }
        self.zoomed = Some(namespace);
    }

    /// Watched namespace by namespace, a kind has nothing to list while
    /// there is no student: once the namespaces are listed, it is as current
    /// as it can be (and the grid says so rather than "connecting…").
    fn no_students_yet(&mut self) {
        let model = &mut self.dashboard.model;
        if self.class.namespaces().next().is_some()
            || model.access.get(&Kind::Namespace) != Some(&Access::Synced)
        {
            return;
        }
        for kind in &self.per_namespace {
            if model.access.get(kind) == Some(&Access::Connecting) {
                model.access.insert(*kind, Access::Synced);
            }
        }
    }

    /// Not zoomed, the zoomed dashboard's kinds are not watched: what
    /// their watches said (or, stopped, still say) is no state of the class.
    fn forget_zoom_kinds(&mut self) {
        if self.watching {
            let access = &mut self.dashboard.model.access;
            access.retain(|kind, _| !self.zoom_kinds.contains(kind));
        }
    }

    /// A kind refused across the cluster is watched in each student's
    /// namespace instead, and waited for until they list.
    fn refused_across(&mut self) {
        if !self.watching {
            return;
        }
        let access = &mut self.dashboard.model.access;
        for kind in &self.at_rest {
            let refused = matches!(access.get(kind), Some(Access::NotPermitted { .. }));
            if refused && watches::namespaced(*kind) && !self.per_namespace.contains(kind) {
                self.per_namespace.push(*kind);
                access.insert(*kind, Access::Connecting);
            }
        }
    }

    /// What to watch besides the watches across the cluster.
    fn wanted(&self) -> watches::Wanted {
        watches::Wanted {
            namespaces: self.class.namespaces().map(|n| n.to_string()).collect(),
            per_namespace: self.per_namespace.clone(),
            zoom: self.zoomed.clone().map(|ns| (ns, self.zoom_kinds.clone())),
        }
    }

    fn unzoom(&mut self) {
        self.dashboard.model.scope.namespace = None;
        self.zoomed = None;
        self.forget_zoom_kinds();
        self.dirty = true;
        self.next = Instant::now();
    }
}

/// The zoomed dashboard's mode, as the headers say it.
fn mode(actions: bool) -> String {
    if actions {
        crate::t!("class-mode-actions")
    } else {
        crate::t!("class-mode-read-only")
    }
}

impl Looped for ClassApp {
    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = Vec::new();
        match msg {
            Msg::Key(key) if self.zoomed.is_some() => {
                let closes = matches!(key.code, KeyCode::Esc | KeyCode::Char('q'));
                if closes && self.dashboard.view.chrome.dialog.is_none() {
                    self.unzoom();
                } else {
                    effects = self.dashboard.update(Msg::Key(key));
                }
            }
            Msg::Key(key) => self.on_key(key, &mut effects),
            Msg::Tick(crate::app::dashboard::Tick::Wake) if self.zoomed.is_none() => {
                self.wake = None;
                self.dirty = true;
            }
            Msg::Resize => {
                self.dirty = true;
                effects = self.dashboard.update(msg);
            }
            msg => effects = self.dashboard.update(msg),
        }
        effects
    }

    fn settle(&mut self) -> Vec<Effect> {
        let mut effects = self.dashboard.settle();
        let changed = if self.zoomed.is_some() {
            self.dashboard.dirty()
        } else {
            self.dashboard.take_dirty()
        };
        if changed {
            self.refused_across();
            if self.zoomed.is_none() {
                self.forget_zoom_kinds();
            }
            self.class.update(&self.dashboard.model);
            self.no_students_yet();
            self.dirty = true;
            if self.listed.is_none() && self.live && self.dashboard.model.is_synced() {
                self.listed = Some(Instant::now());
            }
        }
        let wanted = self.wanted();
        if self.watching && wanted != self.asked {
            effects.push(Effect::ClassWatches(wanted.clone()));
            self.asked = wanted;
        }
        effects
    }

    fn dirty(&self) -> bool {
        match self.zoomed {
            Some(_) => self.dashboard.dirty(),
            None => self.dirty,
        }
    }

    fn next_frame(&self) -> std::time::Instant {
        match self.zoomed {
            Some(_) => self.dashboard.next_frame(),
            None => self.next,
        }
    }

    fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), AppError> {
        if self.zoomed.is_some() {
            return self.dashboard.draw(terminal);
        }
        let rows = self.rows();
        let summary = progress::summary(&rows);
        let context = self.dashboard.view.labels.context.clone();
        let connection = match self.dashboard.model.connection() {
            crate::model::Connection::Synced => None,
            crate::model::Connection::Connecting => Some(crate::t!("class-connecting")),
            crate::model::Connection::Reconnecting { last_error, .. } => Some(crate::t!(
                "class-reconnecting",
                error = last_error.to_string()
            )),
        };
        let note = connection
            .or_else(|| note(&self.dashboard.model.per_namespace))
            .or_else(|| self.note.clone());
        let theme = self.dashboard.theme().clone();
        let mut shown = 0;
        let view = &mut self.view;
        terminal
            .draw(|frame| {
                let area = frame.area();
                shown = grid::rows_shown(area);
                let at = grid::selected_index(&rows, view).unwrap_or(0);
                view.offset = grid::scrolled(view.offset, at, shown, rows.len());
                let g = Grid {
                    title: self.title.clone(),
                    context,
                    // The grid's header says the zoom's mode too.
                    mode: Some(mode(self.actions).to_string()),
                    note,
                    rows: &rows,
                    steps: &self.steps,
                    summary,
                    status: self.status.clone(),
                };
                grid::draw(frame, area, &g, view, &theme);
            })
            .map_err(|e| AppError::Terminal(e.to_string()))?;
        self.shown = shown;
        if let (Some(listed), false) = (self.listed, self.first_drawn) {
            self.first_drawn = true;
            tracing::info!(
                "class: first grid of {} students drawn {} ms after the lists",
                rows.len(),
                listed.elapsed().as_millis()
            );
            tracing::info!(
                "class: {} watches across the cluster, {} per student's namespace",
                self.at_rest.len() - self.per_namespace.len(),
                self.per_namespace.len()
            );
        }
        let clock = self.clock();
        self.wake = self
            .class
            .next_change(&self.dashboard.model, clock)
            .filter(|_| self.live)
            .map(|at| {
                Instant::now() + Duration::from_millis((at - clock).clamp(1, 3_600_000) as u64)
            });
        self.dirty = false;
        self.next = Instant::now() + FRAME;
        Ok(())
    }

    fn replay_due(&self) -> Option<std::time::Instant> {
        self.dashboard.replay_due()
    }

    fn wake(&self) -> Option<std::time::Instant> {
        match self.zoomed {
            Some(_) => self.dashboard.wake(),
            None => self.wake,
        }
    }

    fn column(&self) -> Option<Duration> {
        match self.zoomed {
            Some(_) => self.dashboard.column(),
            None => None,
        }
    }

    fn connecting(&self) -> bool {
        self.dashboard.connecting()
    }

    fn redraw_all(&mut self) {
        self.dashboard.redraw_all();
        self.dirty = true;
        self.next = Instant::now();
    }
}

#[cfg(test)]
mod tests;
