//! The command line, kubectl-like.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;

pub mod complete;

/// A terminal dashboard that shows a Kubernetes StatefulSet's behaviour live.
///
/// The flags of the connection and the display are global, as kubectl's:
/// before or after a subcommand (`stsdash --theme projector lesson mehdb`).
#[derive(Debug, Parser)]
#[command(
    name = "stsdash",
    version = crate::version::SHORT,
    long_version = crate::version::long(),
    about
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The StatefulSet to show (default: every StatefulSet of the namespace).
    #[arg(add = ArgValueCandidates::new(complete::statefulsets))]
    pub statefulset: Option<String>,
    #[command(flatten)]
    pub global: Global,
}

/// What every subcommand takes, before or after its name.
#[derive(Debug, Clone, Args, Default)]
pub struct Global {
    /// Namespace (default: the context's namespace, else "default"; a lesson's: lesson-NAME).
    #[arg(short, long, global = true, add = ArgValueCandidates::new(complete::namespaces))]
    pub namespace: Option<String>,
    /// Every namespace.
    #[arg(short = 'A', long, global = true, conflicts_with = "namespace")]
    pub all_namespaces: bool,
    /// Only the StatefulSets with these labels (app=web,tier!=cache).
    #[arg(short = 'l', long, value_name = "SELECTOR", global = true)]
    pub selector: Option<String>,
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Write every event the model receives to FILE, as JSON lines.
    #[arg(long, value_name = "FILE", global = true)]
    pub record: Option<PathBuf>,
    /// Colour theme: default, light, projector, colorblind, mono, or a path to a .toml file.
    #[arg(long, value_name = "NAME|PATH", global = true, add = ArgValueCandidates::new(complete::themes))]
    pub theme: Option<String>,
    /// Language of everything stsdash says: en, ru, zh-TW (default: the
    /// config file's `lang`, else LC_ALL, LC_MESSAGES or LANG, else en).
    #[arg(long, value_name = "LANG", global = true, value_enum)]
    pub lang: Option<crate::i18n::Lang>,
    /// No colours: the mono theme (also when NO_COLOR is set), unless --theme names one.
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Watch only: the keys that scale, delete or exec are disabled (a
    /// lesson shows the commands instead of running them).
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Also append stsdash's own log (what `g` shows) to FILE: watches
    /// lost and resumed, actions, and how long the first lists and frame took.
    #[arg(long, value_name = "FILE", global = true)]
    pub log_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Wait for the first full sync, print the derived views and exit.
    Dump(DumpArgs),
    /// Feed a recording through the same model and views.
    Replay(ReplayArgs),
    /// Run a lesson: a seed lab as guided steps on the dashboard (docs/lessons.md).
    Lesson(LessonArgs),
    /// Follow a class: every student's namespace through one lesson, as a
    /// grid (docs/classroom.md). The students' namespaces: -l on namespaces
    /// (stsdash.io/class=lab) or --prefix.
    Class(ClassArgs),
    /// Say what stsdash sees and may do here: version, config, kubeconfig
    /// files, context, server, and the user's rights for each thing stsdash does.
    Doctor,
    /// Print the shell code that completes stsdash's subcommands, flags,
    /// lessons, themes, namespaces and StatefulSets (source it in your shell's rc).
    Completions(CompletionsArgs),
    /// Print the man page (roff): `stsdash man | man -l -`.
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells stsdash completes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Elvish => "elvish",
            Shell::Powershell => "powershell",
        }
    }
}

#[derive(Debug, Args)]
pub struct LessonArgs {
    /// A lesson's name (stsdash lesson --list) or the path of a lesson file.
    #[arg(required_unless_present = "list", add = ArgValueCandidates::new(complete::lessons))]
    pub lesson: Option<String>,
    /// List the lessons that come with stsdash.
    #[arg(long)]
    pub list: bool,
    /// Only check the lesson file: each mistake with its file and line.
    #[arg(long)]
    pub check: bool,
    /// A student drives: stsdash does no step; each ends when the cluster shows it.
    #[arg(long)]
    pub student: bool,
    /// At the end, remove what this run made, and only that: its objects
    /// (by their label and UID), its claims, the namespace if it created it,
    /// its volumes once they are no longer Bound.
    #[arg(long)]
    pub cleanup: bool,
    /// Let a lesson that says `cluster_objects = true` apply cluster-wide
    /// kinds other than PersistentVolume and StorageClass.
    #[arg(long)]
    pub allow_cluster_objects: bool,
    /// Print one of the lesson's manifests (as its steps name it) and exit.
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<String>,
}

#[derive(Debug, Args)]
pub struct ClassArgs {
    /// The lesson the class follows: a built-in's name or a lesson file.
    #[arg(add = ArgValueCandidates::new(complete::lessons))]
    pub lesson: String,
    /// The students' namespaces are those whose name starts so (student-).
    /// With -l SELECTOR, the namespaces with these labels (both: each must hold).
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// A student on one step longer than this is marked stuck (as is one
    /// whose namespace has a Warning Event about a pod or claim that has
    /// stayed wrong for 10 s).
    #[arg(long, value_name = "DURATION", default_value = "3m", value_parser = humantime::parse_duration)]
    pub stuck_after: Duration,
    /// Let a student's dashboard, opened with Enter, scale, delete and exec
    /// with its usual keys (read-only unless given; also
    /// `class_allow_actions = true` in the config file). --read-only wins.
    #[arg(long)]
    pub allow_actions: bool,
}

/// How to reach the cluster, and its DNS domain.
#[derive(Debug, Clone, Args, Default)]
pub struct ClusterArgs {
    /// The kubeconfig context to use (default: the current context).
    #[arg(long, global = true)]
    pub context: Option<String>,
    /// Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).
    #[arg(long, global = true)]
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig cluster to use (default: the context's).
    #[arg(long, value_name = "NAME", global = true)]
    pub cluster: Option<String>,
    /// The kubeconfig user to use (default: the context's).
    #[arg(long, value_name = "NAME", global = true)]
    pub user: Option<String>,
    /// Act as this user (impersonation; needs the right to impersonate).
    #[arg(long = "as", value_name = "USER", global = true)]
    pub impersonate: Option<String>,
    /// Act as a member of this group (repeat for several).
    #[arg(long = "as-group", value_name = "GROUP", global = true)]
    pub impersonate_groups: Vec<String>,
    /// How long a single request may take (1s, 2m; 0: no limit). Watches are not cut.
    #[arg(long, value_name = "DURATION", value_parser = parse_request_timeout, global = true)]
    pub request_timeout: Option<Duration>,
    /// Do not check the server's certificate (also needed when the kubeconfig says so).
    #[arg(long, global = true)]
    pub insecure_skip_tls_verify: bool,
    /// The cluster's DNS domain, for the pods' stable names.
    #[arg(long, default_value = "cluster.local", global = true)]
    pub cluster_domain: String,
}

impl ClusterArgs {
    /// What to connect to, in `namespace` (None: the context's), with `access`.
    pub fn target(
        &self,
        namespace: Option<String>,
        access: crate::cluster::Access,
    ) -> crate::cluster::Target {
        crate::cluster::Target {
            kubeconfig: self.kubeconfig.clone(),
            context: self.context.clone(),
            cluster: self.cluster.clone(),
            user: self.user.clone(),
            namespace,
            impersonate: self.impersonate.clone(),
            impersonate_groups: self.impersonate_groups.clone(),
            request_timeout: self.request_timeout,
            insecure_skip_tls_verify: self.insecure_skip_tls_verify,
            selector: None,
            access,
        }
    }
}

/// kubectl's --request-timeout: a duration, or a number of seconds.
fn parse_request_timeout(s: &str) -> Result<Duration, String> {
    if let Ok(seconds) = s.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    humantime::parse_duration(s).map_err(|e| format!("'{s}': {e}"))
}

/// Which StatefulSets, where, and how to reach the cluster: the global
/// flags with the StatefulSet a command names.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub statefulset: Option<String>,
    pub namespace: Option<String>,
    pub all_namespaces: bool,
    pub selector: Option<String>,
    pub cluster: ClusterArgs,
}

impl Global {
    /// The selection of `statefulset` with these flags.
    pub fn selection(&self, statefulset: Option<String>) -> Selection {
        Selection {
            statefulset,
            namespace: self.namespace.clone(),
            all_namespaces: self.all_namespaces,
            selector: self.selector.clone(),
            cluster: self.cluster.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub struct DumpArgs {
    /// The StatefulSet to dump (default: every StatefulSet of the namespace).
    #[arg(add = ArgValueCandidates::new(complete::statefulsets))]
    pub statefulset: Option<String>,
    /// After the first sync, keep watching this long (e.g. 30s, 2m) before printing.
    #[arg(long = "for", value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub watch_for: Option<Duration>,
    /// Print JSON (see docs/dump.md) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Say on standard error how long the first list and the views took.
    #[arg(long, hide = true)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A recording made with --record.
    pub file: PathBuf,
    /// Playback speed (2 = twice as fast); the dump itself does not wait.
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("'{s}' is not a positive number")),
    }
}

impl Selection {
    /// What to connect to, taken from the flags, with `access`.
    pub fn target(&self, access: crate::cluster::Access) -> crate::cluster::Target {
        crate::cluster::Target {
            selector: self.selector.clone(),
            ..self.cluster.target(self.namespace.clone(), access)
        }
    }
}
