//! The controller's words that the narration says too (`first_ordinal`,
//! `held_by_finalizers`, `available_clause`, `list`…), and the small ones
//! `words` builds with. They read a StatefulSet at most, never the model, so
//! the narration takes them without taking the controller's walk.

use crate::model::key::Millis;
use crate::model::object::StatefulSet;
use crate::model::sts;
use crate::model::text::Text;

/// At most this many names in a list ("web-0, web-1, web-2 and 4 more").
const LISTED: usize = 3;

/// Names, at most [`LISTED`] of them: "a, b and 3 more".
pub fn list(names: &[String]) -> String {
    list_of(names, names.len())
}

/// The first of `total` names (`names` holds at least the first
/// [`LISTED`]), the rest counted: "a, b, c and 1997 more".
pub(super) fn list_of(names: &[String], total: usize) -> String {
    let shown = names[..names.len().min(LISTED)].join(&crate::t!("phrase-list-separator"));
    match total.saturating_sub(LISTED) {
        0 => shown,
        more => crate::t!("phrase-list-more", shown = shown, more = more),
    }
}

/// A duration that changes in steps, not every second: "10s", "40s",
/// "3 min", "2 h"; and when the next step comes (ms after `elapsed`).
pub(super) fn coarse(elapsed: Millis) -> (String, Millis) {
    let s = elapsed.max(0) / 1000;
    match s {
        0..60 => (format!("{}s", s / 10 * 10), 10_000 - elapsed % 10_000),
        60..3600 => (
            crate::t!("phrase-minutes", n = s / 60),
            60_000 - elapsed % 60_000,
        ),
        _ => (
            crate::t!("phrase-hours", n = s / 3600),
            3_600_000 - elapsed % 3_600_000,
        ),
    }
}

/// Whole seconds, rounded up: a countdown never says 0s before it is over.
pub(super) fn secs_up(ms: Millis) -> Millis {
    (ms.max(0) + 999) / 1000
}

/// "the first ordinal comes first", with the start when it is not 0.
pub fn first_ordinal(sts: &StatefulSet) -> String {
    match sts::start_ordinal(sts) {
        0 => crate::t!("phrase-first-ordinal-zero"),
        start => crate::t!("phrase-first-ordinal-start", start = start),
    }
}

/// "<lead>finalizer a keeps it" for an object being deleted that has
/// finalizers (`lead` joins it to what comes before: ": ", "; ").
pub fn held_by_finalizers(lead: &str, finalizers: &[Text]) -> String {
    match finalizers {
        [] => String::new(),
        [one] => format!(
            "{lead}{}",
            crate::t!("phrase-finalizer-keeps", finalizer = one)
        ),
        more => {
            let names: Vec<&str> = more.iter().map(|f| f.as_str()).collect();
            let finalizers = names.join(&crate::t!("phrase-list-separator"));
            format!(
                "{lead}{}",
                crate::t!("phrase-finalizers-keep", finalizers = finalizers)
            )
        }
    }
}

/// " and available (Ready for minReadySeconds 10s)" when minReadySeconds
/// (`min_ready`, in ms) is set: what OrderedReady asks of a pod besides Ready.
pub fn available_clause(min_ready: Millis) -> String {
    if min_ready > 0 {
        // The clause brings its own leading space (none in Chinese).
        crate::t!("phrase-available", seconds = min_ready / 1000)
    } else {
        String::new()
    }
}
