//! What each node of the graph says: a name and its state on the row's first
//! line, short facts (with the legend's abbreviations) on the next, and all
//! of them, in words, in the selected row's detail.

use ratatui::style::Style;

use super::super::Theme;
use super::super::words::PerLang;
use crate::model::views::{ClaimNode, ClassNode, GraphRow, RowKind, Visible, VolumeNode};
use crate::t;

/// The words the cells say on every row, looked up once per language.
pub struct Words {
    pub deleted: String,
    not_created: String,
    kept_no_pod: String,
    held: String,
    no_claim: String,
    reserved_for: String,
    no_claim_yet: String,
    dynamic: String,
    static_: String,
    node_affinity: String,
    volumes_not_permitted: String,
    no_volume_yet: String,
    default: String,
    classes_not_permitted: String,
    no_class: String,
    expandable: String,
    not_expandable: String,
    /// Between the facts of a list ("Bound, 1Gi, ReadWriteOnce").
    pub separator: String,
}

pub fn words() -> &'static Words {
    static WORDS: PerLang<Words> = PerLang::new();
    WORDS.get(|| Words {
        deleted: t!("storage-deleted"),
        not_created: t!("storage-not-created"),
        kept_no_pod: t!("storage-kept-no-pod"),
        held: t!("storage-held"),
        no_claim: t!("storage-no-claim"),
        reserved_for: t!("storage-reserved-for"),
        no_claim_yet: t!("storage-no-claim-yet"),
        dynamic: t!("storage-dyn"),
        static_: t!("storage-static"),
        node_affinity: t!("storage-node-affinity"),
        volumes_not_permitted: t!("storage-volumes-not-permitted"),
        no_volume_yet: t!("storage-no-volume-yet"),
        default: t!("storage-default-mark"),
        classes_not_permitted: t!("storage-classes-not-permitted"),
        no_class: t!("storage-no-class"),
        expandable: t!("storage-expandable"),
        not_expandable: t!("storage-not-expandable"),
        separator: t!("storage-list-separator"),
    })
}

/// A cell: its first line (name, state) and its facts, in the order they
/// matter; each is a whole word or phrase that is shown whole or not at all.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub title: Vec<String>,
    pub facts: Vec<String>,
    pub style: Style,
}

/// The legend of the facts' abbreviations, the most needed first: as many
/// as fit are shown.
pub fn legend_parts() -> Vec<String> {
    let words = words();
    vec![
        format!("{} ·", t!("storage-legend-rwo")),
        format!("{} ·", t!("storage-legend-dyn", abbrev = words.dynamic)),
        format!("{} ·", t!("storage-legend-static", abbrev = words.static_)),
        format!("{} ·", t!("storage-legend-rwx")),
        t!("storage-legend-rox"),
    ]
}

pub fn access(mode: &str) -> &str {
    match mode {
        "ReadWriteOnce" => "RWO",
        "ReadWriteMany" => "RWX",
        "ReadOnlyMany" => "ROX",
        "ReadWriteOncePod" => "RWOP",
        other => other,
    }
}

pub fn claim_state(c: &ClaimNode) -> String {
    if c.deleted {
        words().deleted.clone()
    } else if !c.exists {
        words().not_created.clone()
    } else if c.terminating {
        "Terminating".into()
    } else {
        c.phase.as_deref().unwrap_or("Pending").to_string()
    }
}

pub fn claim_style(c: &ClaimNode, theme: &Theme) -> Style {
    if c.deleted {
        theme.muted
    } else if c.terminating {
        theme.claim_terminating
    } else if c.without_pod {
        theme.claim_kept
    } else {
        match c.phase.as_deref() {
            Some("Bound") => theme.claim_bound,
            Some("Lost") => theme.claim_lost,
            _ => theme.claim_pending,
        }
    }
}

pub fn volume_style(v: &VolumeNode, theme: &Theme) -> Style {
    match v.phase.as_deref() {
        Some("Bound") => theme.volume_bound,
        Some("Released") => theme.volume_released,
        Some("Failed") => theme.volume_failed,
        _ => theme.volume_available,
    }
}

/// "pvc-9d652bd5-5112-4db6-8cb0-18a2cf47a0ae" → "pvc-9d652bd5…": the detail
/// line has the rest.
pub fn short_volume(name: &str) -> String {
    match name.strip_prefix("pvc-") {
        Some(rest) if rest.chars().count() > 8 => {
            format!("pvc-{}…", rest.chars().take(8).collect::<String>())
        }
        _ => name.to_string(),
    }
}

/// "kubernetes.io/hostname In node-1" → "node-1", when that is all it says.
pub fn pinned_node(v: &VolumeNode) -> Option<&str> {
    let affinity = v.node_affinity.as_deref()?;
    let rest = affinity.strip_prefix("kubernetes.io/hostname In ")?;
    (!rest.contains([',', ';'])).then_some(rest)
}

pub fn claim_cell(row: &GraphRow, theme: &Theme) -> Cell {
    match &row.claim {
        Some(c) => {
            // What a step asks about (kept, held) goes with the state, so a
            // narrow graph keeps it before size and access.
            let mut title = vec![c.name.to_string(), claim_state(c)];
            if c.without_pod {
                title.push(words().kept_no_pod.clone());
            }
            if c.protected {
                title.push(words().held.clone());
            }
            let mut facts = Vec::new();
            if let Some(size) = c.capacity.as_ref().or(c.requested.as_ref()) {
                facts.push(size.to_string());
            }
            facts.extend(c.access_modes.iter().map(|m| access(m).to_string()));
            Cell {
                title,
                facts,
                style: claim_style(c, theme),
            }
        }
        None => {
            let title = match (row.kind, &row.volume_claim) {
                (RowKind::Released, Some(was)) => {
                    vec![
                        words().no_claim.clone(),
                        t!("storage-claim-deleted", claim = was),
                    ]
                }
                (_, Some(claim)) => vec![words().reserved_for.clone(), claim.to_string()],
                _ => vec![words().no_claim_yet.clone()],
            };
            Cell {
                title,
                facts: Vec::new(),
                style: theme.muted,
            }
        }
    }
}

pub fn volume_cell(row: &GraphRow, theme: &Theme) -> Cell {
    match &row.volume {
        Visible::Shown(v) => {
            let mut facts = Vec::new();
            facts.extend(v.capacity.as_ref().map(|c| c.to_string()));
            facts.extend(v.access_modes.iter().map(|m| access(m).to_string()));
            facts.push(v.reclaim_policy.to_string());
            facts.push(if v.provisioned_by.is_some() {
                words().dynamic.clone()
            } else {
                words().static_.clone()
            });
            if let Some(node) = pinned_node(v) {
                facts.push(t!("storage-pinned-to", node = node));
            } else if v.node_affinity.is_some() {
                facts.push(words().node_affinity.clone());
            }
            Cell {
                title: vec![
                    short_volume(&v.name),
                    v.phase.as_deref().unwrap_or("?").to_string(),
                ],
                facts,
                style: volume_style(v, theme),
            }
        }
        Visible::NotPermitted => Cell {
            title: vec![words().volumes_not_permitted.clone()],
            style: theme.not_permitted,
            ..Cell::default()
        },
        // A claim that is gone (or not made yet) has no volume to wait for.
        Visible::Unknown if row.claim.as_ref().is_some_and(|c| !c.exists) => Cell {
            title: vec!["—".into()],
            style: theme.muted,
            ..Cell::default()
        },
        Visible::Unknown => Cell {
            title: vec![words().no_volume_yet.clone()],
            style: theme.claim_pending,
            ..Cell::default()
        },
    }
}

pub fn class_cell(row: &GraphRow, theme: &Theme) -> Cell {
    match &row.class {
        Visible::Shown(c) => {
            let mut title = vec![c.name.to_string()];
            if c.default {
                title.push(words().default.clone());
            }
            Cell {
                title,
                facts: class_facts(c, true),
                style: theme.class,
            }
        }
        Visible::NotPermitted => Cell {
            title: vec![words().classes_not_permitted.clone()],
            style: theme.not_permitted,
            ..Cell::default()
        },
        Visible::Unknown => Cell {
            title: vec![
                row.class_name()
                    .map_or_else(|| words().no_class.clone(), str::to_string),
            ],
            style: theme.class,
            ..Cell::default()
        },
    }
}

fn class_facts(c: &ClassNode, short: bool) -> Vec<String> {
    let provisioner = if short {
        c.provisioner
            .rsplit('/')
            .next()
            .unwrap_or(&c.provisioner)
            .to_string()
    } else {
        c.provisioner.to_string()
    };
    vec![
        provisioner,
        t!("storage-reclaim", policy = c.reclaim_policy),
        c.binding_mode.to_string(),
        if c.allow_expansion {
            words().expandable.clone()
        } else {
            words().not_expandable.clone()
        },
    ]
}

/// Everything the selected row's nodes say, in words: (text, style) pieces.
pub fn detail(row: &GraphRow, namespace: &str, theme: &Theme) -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut node = |head: String, style: Style, facts: Vec<String>| {
        if !out.is_empty() {
            out.push(("·".into(), theme.border));
        }
        out.push((head, style));
        out.push((facts.join(&words().separator), theme.text));
    };
    if let Some(c) = &row.claim {
        let mut facts = vec![claim_state(c)];
        match (&c.capacity, &c.requested) {
            (Some(has), Some(asked)) if has != asked => {
                facts.push(t!("storage-size-asked", size = has, asked = asked))
            }
            (Some(size), _) | (None, Some(size)) => facts.push(size.to_string()),
            _ => {}
        }
        facts.extend(c.access_modes.iter().map(|m| m.to_string()));
        if let Some(class) = &c.storage_class {
            facts.push(t!("storage-detail-class", class = class));
        }
        if c.pods_unwatched {
            facts.push(t!("storage-detail-pods-unwatched"));
        } else if !c.used_by.is_empty() {
            facts.push(t!("storage-detail-used-by", pods = c.used_by.join(" ")));
        } else if c.without_pod {
            facts.push(t!("storage-detail-kept"));
        }
        if c.protected {
            facts.push(t!("storage-detail-held"));
        }
        node(
            t!(
                "storage-detail-claim",
                claim = c.name,
                namespace = namespace
            ),
            claim_style(c, theme),
            facts,
        );
    }
    if let Visible::Shown(v) = &row.volume {
        let mut facts = vec![v.phase.as_deref().unwrap_or("?").to_string()];
        facts.extend(v.capacity.as_ref().map(|c| c.to_string()));
        facts.extend(v.access_modes.iter().map(|m| m.to_string()));
        facts.push(t!("storage-reclaim", policy = v.reclaim_policy));
        facts.push(match &v.provisioned_by {
            Some(p) => t!("storage-detail-dynamic", provisioner = p),
            None => t!("storage-detail-static"),
        });
        if let Some(claim) = &row.volume_claim {
            facts.push(match row.kind {
                RowKind::Released => t!("storage-detail-was-bound", claim = claim),
                _ => t!("storage-detail-reserved-for", claim = claim),
            });
        }
        facts.push(match (pinned_node(v), &v.node_affinity) {
            (Some(n), _) => t!("storage-detail-pinned", node = n),
            (None, Some(a)) => t!("storage-detail-node-affinity", affinity = a),
            (None, None) => t!("storage-detail-not-pinned"),
        });
        node(
            t!("storage-detail-volume", volume = v.name),
            volume_style(v, theme),
            facts,
        );
    }
    if let Visible::Shown(c) = &row.class {
        let mut facts = class_facts(c, false);
        if c.default {
            facts.insert(0, t!("storage-detail-default"));
        }
        node(
            t!("storage-detail-class-node", class = c.name),
            theme.class,
            facts,
        );
    }
    out
}
