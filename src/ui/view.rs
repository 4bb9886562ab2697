//! What the user chose to look at and what surrounds the panes: the state
//! the app loop owns and every frame is drawn from.

use crate::model::views::LogsShown;
use crate::model::{Key, Millis, Model, Text};

use super::lesson::LessonStrip;

/// Which pane keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Timeline,
    Storage,
    Narration,
    Logs,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [Pane::Timeline, Pane::Storage, Pane::Narration, Pane::Logs];
}

/// Which pods' logs are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogMode {
    #[default]
    Off,
    /// The selected ordinal's pod.
    Selected,
    /// Every pod of the StatefulSet, side by side.
    All,
}

/// A box over the dashboard that takes the keys until it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    /// The keys; `scroll` lines scrolled when the window is too short.
    Help { scroll: usize },
    /// The StatefulSets in scope; `selected` indexes them.
    PickStatefulSet { selected: usize },
    /// `s`: the number of replicas being typed, and why the last try was refused.
    Replicas {
        statefulset: Key,
        /// The StatefulSet's UID when `s` was pressed.
        uid: Text,
        current: i32,
        limit: i32,
        input: String,
        refused: Option<String>,
    },
    /// `d`: the pod (and its incarnation) chosen when the key was pressed.
    ConfirmDelete { pod: Key, uid: Text },
    /// A lesson's end: its questions and answers.
    Recap { scroll: usize },
}

/// The view: where the user looks, what surrounds the panes, and the labels
/// fixed at start. Owned by the app loop; the ui only reads it.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    pub nav: Navigation,
    pub chrome: Chrome,
    pub labels: Labels,
}

/// Where the user looks: the keys change it, nothing else does.
#[derive(Debug, Clone)]
pub struct Navigation {
    pub focus: Pane,
    /// Index into the StatefulSets in scope.
    pub statefulset: usize,
    /// Index into the timeline's rows.
    pub selected: usize,
    /// Index into the storage graph's rows when chosen there; None: the
    /// first row of the timeline's selected ordinal.
    pub storage_row: Option<usize>,
    /// The time window the timeline shows, in ms.
    pub span: Millis,
    /// How far back from "now" the window ends (scrolling back in time).
    pub back: Millis,
    /// Live view frozen at this time (events still collected).
    pub paused_at: Option<Millis>,
    pub logs: LogMode,
    /// stsdash's own log (tui-logger) instead of the narration.
    pub show_own_log: bool,
    /// Long log lines wrap instead of being cut.
    pub wrap: bool,
    /// Which container of the pod (index, modulo the pod's containers).
    pub container: usize,
    /// Lines scrolled back from the newest in the focused log pane.
    pub log_scroll: usize,
}

impl Default for Navigation {
    fn default() -> Self {
        Navigation {
            focus: Pane::Timeline,
            statefulset: 0,
            selected: 0,
            storage_row: None,
            span: 60_000,
            back: 0,
            paused_at: None,
            logs: LogMode::Off,
            show_own_log: false,
            wrap: true,
            container: 0,
            log_scroll: 0,
        }
    }
}

/// What surrounds the panes, changing as things happen: dialogs, the status
/// line, the spinner, the lesson's strip and mark, the time drawn at.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    pub dialog: Option<Dialog>,
    /// One line at the bottom: the result of the last action, or an error.
    pub status: Option<String>,
    /// Frame counter for the spinner while connecting.
    pub tick: u64,
    /// The pane a lesson points at.
    pub spotlight: Option<Spotlight>,
    /// A scale stsdash asked for that the StatefulSet does not show yet.
    pub requested: Option<RequestedScale>,
    /// The wall clock in a live view, so time flows between events; None in
    /// replays and tests, where "now" is the newest event.
    pub clock: Option<Millis>,
    /// The lesson strip, when a lesson runs.
    pub lesson: Option<LessonStrip>,
}

/// The pane a lesson points at, why, and the words its answer is in: the
/// pane keeps a line with them in view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spotlight {
    pub pane: Pane,
    pub why: ShownFor,
    pub words: Option<String>,
}

/// Why a lesson points at a pane: to watch what happens there, or because
/// its answer is there (the step's answer was revealed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownFor {
    Watch,
    Answer,
}

/// "→ N requested": a scale sent, not yet shown by the StatefulSet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedScale {
    pub statefulset: Key,
    pub to: i32,
    /// When it was asked for (wall clock, ms): it is given up on after a while.
    pub since: Millis,
}

/// Fixed when the dashboard starts.
#[derive(Debug, Clone)]
pub struct Labels {
    /// Shown in the header (the kubeconfig context, or "replay").
    pub context: String,
    /// Key hints for the footer: (keys, word).
    pub hints: Vec<(String, String)>,
    /// The help overlay's lines: (keys, what they do).
    pub help: Vec<(String, String)>,
    /// The cluster's DNS domain, for the pods' stable names.
    pub cluster_domain: String,
    /// Said first on the header's second line: what the keys may do, when
    /// it is worth saying (a class's zoomed dashboard).
    pub mode: Option<String>,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            context: String::new(),
            hints: Vec::new(),
            help: Vec::new(),
            cluster_domain: "cluster.local".into(),
            mode: None,
        }
    }
}

impl ViewState {
    /// The moment shown: the wall clock live, the newest event in a replay,
    /// the pause's moment while paused.
    pub fn present(&self, model: &Model) -> Millis {
        let live = self.chrome.clock.map_or(model.now, |c| c.max(model.now));
        self.nav.paused_at.unwrap_or(live)
    }

    /// The time at the timeline's right edge.
    pub fn now(&self, model: &Model) -> Millis {
        self.present(model) - self.nav.back
    }
}

impl Navigation {
    /// Which logs are shown, if any.
    pub fn logs_shown(&self) -> Option<LogsShown> {
        match self.logs {
            LogMode::Off => None,
            LogMode::Selected => Some(LogsShown::Selected),
            LogMode::All => Some(LogsShown::All),
        }
    }
}
