//! `stsdash dump`: the derived views as text for people or JSON for scripts
//! (the JSON is documented in docs/dump.md).

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::model::controller::Waiting;
use crate::model::history::{Marker, MarkerKind, Narration};
use crate::model::pod::Phase;
use crate::model::views::{
    self, Binding, BindingGraph, NetworkIdentity, Rollout, TimelineRow, Visible,
};
use crate::model::{Access, Connection, Millis, Model, Text};

pub const DUMP_VERSION: u32 = 2;

#[derive(Debug, Serialize)]
pub struct Dump {
    pub format: &'static str,
    pub version: u32,
    pub namespace: Option<Text>,
    pub statefulset: Option<Text>,
    pub connection: Connection,
    /// By resource (plural, as RBAC names it).
    pub access: BTreeMap<&'static str, Access>,
    /// Milliseconds since the epoch of the first event (or of the earliest
    /// reconstructed moment, when the past reaches further back) and of the last.
    pub started: Millis,
    pub now: Millis,
    /// Set when the asked-for StatefulSet (or any) is not there.
    pub missing: Option<String>,
    pub statefulsets: Vec<StatefulSetDump>,
    pub narration: Vec<Narration>,
}

#[derive(Debug, Serialize)]
pub struct StatefulSetDump {
    pub namespace: Text,
    pub name: Text,
    pub timeline: Vec<TimelineRow>,
    pub binding_graph: BindingGraph,
    pub network: Option<NetworkIdentity>,
    pub rollout: Option<Rollout>,
    /// Why it is not yet where it wants to be, by the controller's rules.
    pub waiting: Option<Waiting>,
}

pub fn build(model: &Model, cluster_domain: &str) -> Dump {
    let statefulsets: Vec<StatefulSetDump> = model
        .statefulsets()
        .map(|(key, _)| StatefulSetDump {
            namespace: key.namespace.clone(),
            name: key.name.clone(),
            timeline: views::timeline(model, key),
            binding_graph: views::binding_graph(model, key),
            network: views::network_identity(model, key, cluster_domain),
            rollout: views::rollout(model, key),
            waiting: views::waiting(model, key),
        })
        .collect();
    let where_ = model
        .scope
        .namespace
        .as_deref()
        .map_or("any namespace".to_string(), |n| format!("namespace {n}"));
    let missing = statefulsets
        .is_empty()
        .then(|| match &model.scope.statefulset {
            Some(name) => format!("StatefulSet {name} not found in {where_}"),
            None => format!("no StatefulSet in {where_}"),
        });
    Dump {
        format: "stsdash-dump",
        version: DUMP_VERSION,
        namespace: model.scope.namespace.clone(),
        statefulset: model.scope.statefulset.clone(),
        connection: model.connection(),
        access: model
            .access
            .iter()
            .map(|(k, a)| (k.resource(), a.clone()))
            .collect(),
        started: model.earliest(),
        now: model.now,
        missing,
        statefulsets,
        narration: model.history.narration.iter().cloned().collect(),
    }
}

fn secs(dump: &Dump, at: Millis) -> String {
    format!("{:+.1}s", (at - dump.started) as f64 / 1000.0)
}

/// Columns of the text timeline.
const WIDTH: usize = 60;

pub fn text(dump: &Dump) -> String {
    let mut out = String::new();
    let span = (dump.now - dump.started).max(1);
    let _ = writeln!(
        out,
        "connection: {}   watched for {}",
        match &dump.connection {
            Connection::Connecting => "connecting".to_string(),
            Connection::Synced => "synced".to_string(),
            Connection::Reconnecting { since, down, .. } => format!(
                "reconnecting since {} ({})",
                secs(dump, *since),
                down.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        },
        humantime::format_duration(std::time::Duration::from_millis(span as u64 / 100 * 100))
    );
    let hidden: Vec<&str> = dump
        .access
        .iter()
        .filter(|(_, a)| matches!(a, Access::NotPermitted { .. }))
        .map(|(k, _)| *k)
        .collect();
    if !hidden.is_empty() {
        let _ = writeln!(out, "not permitted: {}", hidden.join(", "));
    }
    if let Some(missing) = &dump.missing {
        let _ = writeln!(out, "{missing}");
    }
    for sts in &dump.statefulsets {
        statefulset_text(&mut out, dump, sts, span);
    }
    let _ = writeln!(out, "\nNarration");
    for n in &dump.narration {
        let _ = writeln!(out, "  {:>8}  {}", secs(dump, n.at), n.text);
    }
    out
}

fn statefulset_text(out: &mut String, dump: &Dump, sts: &StatefulSetDump, span: Millis) {
    let _ = writeln!(out, "\nStatefulSet {}/{}", sts.namespace, sts.name);
    if let Some(r) = &sts.rollout {
        let _ = writeln!(
            out,
            "  replicas {} desired / {} current / {} ready / {} updated / {} available; {} {}{}; {}",
            r.desired,
            r.current,
            r.ready,
            r.updated,
            r.available,
            r.strategy,
            r.pod_management_policy,
            if r.partition > 0 {
                format!(", partition {}", r.partition)
            } else {
                String::new()
            },
            match (&r.current_revision, &r.update_revision) {
                (Some(c), Some(u)) if c == u => format!("revision {c}"),
                (c, u) => format!(
                    "revision {} → {}",
                    c.as_deref().unwrap_or("?"),
                    u.as_deref().unwrap_or("?")
                ),
            }
        );
    }
    if let Some(w) = &sts.waiting {
        let _ = writeln!(out, "  waiting: {}", w.text);
        let _ = writeln!(out, "    rule: {}", w.rule);
        if let Some(unblock) = &w.unblock {
            let _ = writeln!(out, "    to move it: {unblock}");
        }
    }

    let _ = writeln!(
        out,
        "\n  Timeline ({} per column; P pending, S scheduled, C creating, R running, Y ready, T terminating, . gone; lower case: reconstructed)",
        humantime::format_duration(std::time::Duration::from_millis(
            (span as u64 / WIDTH as u64).max(1)
        ))
    );
    for row in &sts.timeline {
        let _ = writeln!(
            out,
            "  {:<12} |{}| {}",
            row.pod,
            bar(dump, row, span),
            if row.not_created {
                "not created yet"
            } else {
                row.phase.label()
            }
        );
    }
    for row in &sts.timeline {
        for inc in &row.life.incarnations {
            let _ = writeln!(
                out,
                "  {} uid {}: {}",
                row.pod,
                crate::model::pod::short_uid(&inc.uid),
                marks(dump, &inc.markers)
            );
        }
        if !row.life.past_events.is_empty() {
            let kept = marks(dump, &row.life.past_events);
            let _ = writeln!(out, "  {} kept by the API: {kept}", row.pod);
        }
    }

    let graph = &sts.binding_graph;
    let _ = writeln!(out, "\n  Storage (pod → claim → volume → class)");
    if let Some(r) = &graph.retention {
        let _ = writeln!(
            out,
            "  retention policy: whenDeleted {}, whenScaled {}",
            r.when_deleted, r.when_scaled
        );
    }
    for b in &graph.bindings {
        let _ = writeln!(out, "  {}", binding_text(b));
    }
    for v in &graph.released {
        let _ = writeln!(
            out,
            "  (no claim) → volume {} Released, reclaimPolicy {}",
            v.name, v.reclaim_policy
        );
    }
    if !graph.others.is_empty() {
        let _ = writeln!(out, "  claims of no StatefulSet in this namespace:");
        for b in &graph.others {
            let _ = writeln!(out, "  {}", binding_text(b));
        }
    }

    if let Some(net) = &sts.network {
        let _ = writeln!(
            out,
            "\n  Network identity: service {}{}",
            net.service.name,
            match (net.service.exists, net.service.headless) {
                _ if net.service.unset() =>
                    "(none: spec.serviceName is unset, so pods have no stable DNS names)",
                (false, _) => " (missing: the StatefulSet's serviceName names no Service)",
                (true, true) => " (headless, clusterIP None)",
                (true, false) => " (not headless: it has a cluster IP)",
            }
        );
        for p in net.pods.iter().filter(|_| !net.service.unset()) {
            let _ = writeln!(
                out,
                "  {:<50} {:<15} {}",
                p.dns,
                p.ip.as_deref().unwrap_or("-"),
                match p.ready_endpoint {
                    Some(true) => "ready endpoint",
                    Some(false) => "endpoint not ready",
                    None => "no endpoint",
                }
            );
        }
    }
    if let Some(r) = &sts.rollout {
        let revs: Vec<String> = r
            .ordinals
            .iter()
            .map(|o| {
                format!(
                    "{}={}{}",
                    o.ordinal,
                    o.revision.as_deref().unwrap_or("?"),
                    if o.updated { "" } else { " (old)" }
                )
            })
            .collect();
        let _ = writeln!(out, "\n  Revisions by ordinal: {}", revs.join(", "));
    }
}

/// One character per column: the phase the ordinal was in at that time.
fn bar(dump: &Dump, row: &TimelineRow, span: Millis) -> String {
    (0..WIDTH)
        .map(|col| {
            let t = dump.started + span * (col as Millis + 1) / WIDTH as Millis;
            let mut c = ' ';
            for inc in &row.life.incarnations {
                for seg in &inc.segments {
                    if seg.from <= t && seg.to.is_none_or(|to| to > t) {
                        // Lower case: reconstructed, not seen.
                        c = if inc.reconstructed(t) {
                            seg.phase.letter().to_ascii_lowercase()
                        } else {
                            seg.phase.letter()
                        };
                    }
                }
                if inc.gone.is_some_and(|g| g <= t) && c == ' ' {
                    c = Phase::Gone.letter();
                }
            }
            c
        })
        .collect()
}

/// Marks in one line: "+1.2s created, +3.0s ready".
fn marks<'a>(dump: &Dump, markers: impl IntoIterator<Item = &'a Marker>) -> String {
    markers
        .into_iter()
        .map(|m| format!("{} {}", secs(dump, m.at), marker_text(&m.kind)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn marker_text(kind: &MarkerKind) -> String {
    match kind {
        MarkerKind::Created => "created".into(),
        MarkerKind::Scheduled { node } => format!("on {node}"),
        MarkerKind::IpAssigned {
            ip,
            previous: Some(p),
        } => format!("ip {ip} (was {p})"),
        MarkerKind::IpAssigned { ip, previous: None } => format!("ip {ip}"),
        MarkerKind::Ready => "ready".into(),
        MarkerKind::DeletionRequested { grace_seconds } => match grace_seconds {
            Some(g) => format!("deletion requested (grace {g}s)"),
            None => "deletion requested".into(),
        },
        MarkerKind::Deleted => "deleted".into(),
        MarkerKind::Released => "released by the StatefulSet".into(),
        MarkerKind::Adopted => "adopted by the StatefulSet".into(),
        MarkerKind::Revision { hash } => format!("revision {hash}"),
        MarkerKind::Action { what, .. } => format!("stsdash: {what}"),
        MarkerKind::Event { reason, .. } => format!("event {reason}"),
    }
}

fn binding_text(b: &Binding) -> String {
    let pod = match &b.pod {
        Some(p) => format!("{} ({})", p.name, p.phase.label()),
        None => "(no pod)".into(),
    };
    let c = &b.claim;
    let mut claim = format!("claim {}", c.name);
    if c.deleted {
        claim.push_str(" (deleted)");
    } else if !c.exists {
        claim.push_str(" (not created)");
    } else {
        let mut facts = vec![c.phase.clone().unwrap_or_else(|| "Pending".into())];
        if let Some(cap) = c.capacity.as_ref().or(c.requested.as_ref()) {
            facts.push(cap.clone());
        }
        if !c.access_modes.is_empty() {
            facts.push(
                c.access_modes
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
            );
        }
        if c.protected {
            facts.push("Terminating, held by pvc-protection".into());
        } else if c.terminating {
            facts.push("Terminating".into());
        }
        if c.pods_unwatched {
            facts.push("which pods mount it is not watched".into());
        }
        if c.without_pod {
            facts.push("kept, no pod uses it".into());
        }
        claim.push_str(&format!(" ({})", facts.join(", ")));
    }
    let volume = match &b.volume {
        Visible::Shown(v) => format!(
            "volume {} ({}, reclaimPolicy {}, {})",
            v.name,
            v.phase.as_deref().unwrap_or("?"),
            v.reclaim_policy,
            v.provisioned_by
                .as_ref()
                .map_or("static".to_string(), |p| format!("provisioned by {p}"))
        ),
        Visible::NotPermitted => "volume: not permitted".into(),
        Visible::Unknown => "no volume yet".into(),
    };
    let class = match &b.class {
        Visible::Shown(s) => format!(
            "class {} ({}, {}, {}{})",
            s.name,
            s.provisioner,
            s.reclaim_policy,
            s.binding_mode,
            if s.allow_expansion {
                ", expandable"
            } else {
                ""
            }
        ),
        Visible::NotPermitted => "class: not permitted".into(),
        Visible::Unknown => format!(
            "class {}",
            c.storage_class.as_deref().unwrap_or("(default)")
        ),
    };
    format!("{pod} → {claim} → {volume} → {class}")
}

pub fn json(dump: &Dump) -> String {
    serde_json::to_string_pretty(dump).unwrap_or_default()
}
