//! What each node of the graph says: a name and its state on the row's first
//! line, short facts (with the legend's abbreviations) on the next, and all
//! of them, in words, in the selected row's detail.

use ratatui::style::Style;

use super::super::Theme;
use crate::model::views::{ClaimNode, ClassNode, GraphRow, RowKind, Visible, VolumeNode};

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
    [
        "RWO ReadWriteOnce: one node at a time ·",
        "dyn made for its claim by the provisioner ·",
        "static made by hand ·",
        "RWX ReadWriteMany ·",
        "ROX ReadOnlyMany",
    ]
    .map(String::from)
    .to_vec()
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
        "deleted".into()
    } else if !c.exists {
        "not created".into()
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
                title.push("kept, no pod".into());
            }
            if c.protected {
                title.push("held by pvc-protection".into());
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
                    vec!["no claim:".into(), format!("{was} deleted")]
                }
                (_, Some(claim)) => vec!["reserved for".into(), claim.to_string()],
                _ => vec!["no claim yet".into()],
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
            facts.push(
                if v.provisioned_by.is_some() {
                    "dyn"
                } else {
                    "static"
                }
                .into(),
            );
            if let Some(node) = pinned_node(v) {
                facts.push(format!("pinned to {node}"));
            } else if v.node_affinity.is_some() {
                facts.push("node affinity".into());
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
            title: vec!["volumes: not permitted".into()],
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
            title: vec!["no volume yet".into()],
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
                title.push("(default)".into());
            }
            Cell {
                title,
                facts: class_facts(c, true),
                style: theme.class,
            }
        }
        Visible::NotPermitted => Cell {
            title: vec!["classes: not permitted".into()],
            style: theme.not_permitted,
            ..Cell::default()
        },
        Visible::Unknown => Cell {
            title: vec![row.class_name().unwrap_or("(no class)").to_string()],
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
        format!("reclaim {}", c.reclaim_policy),
        c.binding_mode.to_string(),
        if c.allow_expansion {
            "expandable".into()
        } else {
            "not expandable".into()
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
        out.push((facts.join(", "), theme.text));
    };
    if let Some(c) = &row.claim {
        let mut facts = vec![claim_state(c)];
        match (&c.capacity, &c.requested) {
            (Some(has), Some(asked)) if has != asked => {
                facts.push(format!("{has} (asked {asked})"))
            }
            (Some(size), _) | (None, Some(size)) => facts.push(size.to_string()),
            _ => {}
        }
        facts.extend(c.access_modes.iter().map(|m| m.to_string()));
        if let Some(class) = &c.storage_class {
            facts.push(format!("class {class}"));
        }
        if c.pods_unwatched {
            facts.push(
                "which pods mount it is not known: stsdash watches one StatefulSet's pods".into(),
            );
        } else if !c.used_by.is_empty() {
            facts.push(format!("used by {}", c.used_by.join(" ")));
        } else if c.without_pod {
            facts.push("kept: no pod mounts it".into());
        }
        if c.protected {
            facts.push("held by pvc-protection while a pod uses it".into());
        }
        node(
            format!("claim {} (namespace {namespace}):", c.name),
            claim_style(c, theme),
            facts,
        );
    }
    if let Visible::Shown(v) = &row.volume {
        let mut facts = vec![v.phase.as_deref().unwrap_or("?").to_string()];
        facts.extend(v.capacity.as_ref().map(|c| c.to_string()));
        facts.extend(v.access_modes.iter().map(|m| m.to_string()));
        facts.push(format!("reclaim {}", v.reclaim_policy));
        facts.push(match &v.provisioned_by {
            Some(p) => format!("dynamic ({p})"),
            None => "static (made by hand)".into(),
        });
        if let Some(claim) = &row.volume_claim {
            facts.push(match row.kind {
                RowKind::Released => format!("was bound to {claim}"),
                _ => format!("reserved for {claim}"),
            });
        }
        facts.push(match (pinned_node(v), &v.node_affinity) {
            (Some(n), _) => format!("pinned to {n}: its pod runs there only"),
            (None, Some(a)) => format!("node affinity {a}"),
            (None, None) => "not pinned to a node".into(),
        });
        node(
            format!("volume {} (cluster):", v.name),
            volume_style(v, theme),
            facts,
        );
    }
    if let Visible::Shown(c) = &row.class {
        let mut facts = class_facts(c, false);
        if c.default {
            facts.insert(0, "default".into());
        }
        node(format!("class {} (cluster):", c.name), theme.class, facts);
    }
    out
}
