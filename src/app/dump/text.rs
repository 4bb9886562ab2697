//! The dump as text for people, in the user's language (`locales/*/dump.ftl`).
//! Kubernetes' own words stay as kubectl prints them: kinds, phases, field
//! names, reclaim policies, strategies.

use std::fmt::Write;

use super::{Dump, StatefulSetDump};
use crate::i18n::{self, Lang};
use crate::model::history::{Marker, MarkerKind};
use crate::model::pod::Phase;
use crate::model::views::{Binding, TimelineRow, Visible};
use crate::model::{Access, Connection, Millis};
use crate::t;

fn secs(dump: &Dump, at: Millis) -> String {
    format!("{:+.1}s", (at - dump.started) as f64 / 1000.0)
}

/// Columns of the text timeline.
const WIDTH: usize = 60;

/// Items of a list, as the language writes one: "a, b"; in Chinese "a、b".
pub(crate) fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let separator = match i18n::lang() {
        Lang::ZhTw => "、",
        Lang::En | Lang::Ru => ", ",
    };
    items
        .into_iter()
        .map(|s| s.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(separator)
}

pub fn text(dump: &Dump) -> String {
    let mut out = String::new();
    let span = (dump.now - dump.started).max(1);
    let state = match &dump.connection {
        Connection::Connecting => t!("dump-connecting"),
        Connection::Synced => t!("dump-synced"),
        Connection::Reconnecting { since, down, .. } => t!(
            "dump-reconnecting",
            since = secs(dump, *since),
            down = down
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let duration =
        humantime::format_duration(std::time::Duration::from_millis(span as u64 / 100 * 100));
    let _ = writeln!(
        out,
        "{}",
        t!(
            "dump-connection",
            state = state,
            duration = duration.to_string()
        )
    );
    let hidden: Vec<&str> = dump
        .access
        .iter()
        .filter(|(_, a)| matches!(a, Access::NotPermitted { .. }))
        .map(|(k, _)| *k)
        .collect();
    if !hidden.is_empty() {
        let _ = writeln!(out, "{}", t!("dump-not-permitted", kinds = list(hidden)));
    }
    if let Some(missing) = &dump.missing {
        let _ = writeln!(out, "{missing}");
    }
    for sts in &dump.statefulsets {
        statefulset_text(&mut out, dump, sts, span);
    }
    let _ = writeln!(out, "\n{}", t!("dump-narration"));
    for n in &dump.narration {
        let _ = writeln!(out, "  {:>8}  {}", secs(dump, n.at), n.text);
    }
    out
}

fn statefulset_text(out: &mut String, dump: &Dump, sts: &StatefulSetDump, span: Millis) {
    let _ = writeln!(out, "\nStatefulSet {}/{}", sts.namespace, sts.name);
    if let Some(r) = &sts.rollout {
        let revision = match (&r.current_revision, &r.update_revision) {
            (Some(c), Some(u)) if c == u => t!("dump-revision", revision = c),
            (c, u) => t!(
                "dump-revision-change",
                from = c.as_deref().unwrap_or("?"),
                to = u.as_deref().unwrap_or("?")
            ),
        };
        // The field's own name, as the spec writes it.
        let partition = if r.partition > 0 {
            format!(", partition {}", r.partition)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {}",
            t!(
                "dump-replicas",
                desired = r.desired,
                current = r.current,
                ready = r.ready,
                updated = r.updated,
                available = r.available,
                strategy = r.strategy,
                policy = r.pod_management_policy,
                partition = partition,
                revision = revision
            )
        );
    }
    if let Some(w) = &sts.waiting {
        let _ = writeln!(out, "  {}", t!("dump-waiting", text = w.text));
        let _ = writeln!(out, "    {}", t!("dump-rule", rule = w.rule));
        if let Some(unblock) = &w.unblock {
            let _ = writeln!(out, "    {}", t!("dump-unblock", unblock = unblock));
        }
    }

    let column = humantime::format_duration(std::time::Duration::from_millis(
        (span as u64 / WIDTH as u64).max(1),
    ));
    let _ = writeln!(
        out,
        "\n  {}",
        t!("dump-timeline", column = column.to_string())
    );
    for row in &sts.timeline {
        let now = if row.not_created {
            t!("dump-not-created-yet")
        } else {
            row.phase.label().to_string()
        };
        let _ = writeln!(out, "  {:<12} |{}| {now}", row.pod, bar(dump, row, span));
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
            let _ = writeln!(
                out,
                "  {}",
                t!("dump-kept-by-the-api", pod = row.pod, events = kept)
            );
        }
    }

    let graph = &sts.binding_graph;
    let _ = writeln!(out, "\n  {}", t!("dump-storage"));
    if let Some(r) = &graph.retention {
        let _ = writeln!(
            out,
            "  {}",
            t!(
                "dump-retention",
                when_deleted = r.when_deleted.to_string(),
                when_scaled = r.when_scaled.to_string()
            )
        );
    }
    for b in &graph.bindings {
        let _ = writeln!(out, "  {}", binding_text(b));
    }
    for v in &graph.released {
        let _ = writeln!(
            out,
            "  {}",
            t!(
                "dump-released-volume",
                name = v.name,
                reclaim_policy = v.reclaim_policy
            )
        );
    }
    if !graph.others.is_empty() {
        let _ = writeln!(out, "  {}", t!("dump-other-claims"));
        for b in &graph.others {
            let _ = writeln!(out, "  {}", binding_text(b));
        }
    }

    if let Some(net) = &sts.network {
        let name = &net.service.name;
        let service = match (net.service.exists, net.service.headless) {
            _ if net.service.unset() => t!("dump-service-unset"),
            (false, _) => t!("dump-service-missing", name = name),
            (true, true) => t!("dump-service-headless", name = name),
            (true, false) => t!("dump-service-not-headless", name = name),
        };
        let _ = writeln!(out, "\n  {service}");
        for p in net.pods.iter().filter(|_| !net.service.unset()) {
            let _ = writeln!(
                out,
                "  {:<50} {:<15} {}",
                p.dns,
                p.ip.as_deref().unwrap_or("-"),
                match p.ready_endpoint {
                    Some(true) => t!("dump-endpoint-ready"),
                    Some(false) => t!("dump-endpoint-not-ready"),
                    None => t!("dump-no-endpoint"),
                }
            );
        }
    }
    if let Some(r) = &sts.rollout {
        let revs = r.ordinals.iter().map(|o| {
            let revision = o.revision.as_deref().unwrap_or("?");
            if o.updated {
                format!("{}={revision}", o.ordinal)
            } else {
                t!(
                    "dump-old-revision",
                    ordinal = o.ordinal,
                    revision = revision
                )
            }
        });
        let _ = writeln!(
            out,
            "\n  {}",
            t!("dump-revisions-by-ordinal", revisions = list(revs))
        );
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
    list(
        markers
            .into_iter()
            .map(|m| format!("{} {}", secs(dump, m.at), marker_text(&m.kind))),
    )
}

fn marker_text(kind: &MarkerKind) -> String {
    match kind {
        MarkerKind::Created => t!("dump-mark-created"),
        MarkerKind::Scheduled { node } => t!("dump-mark-scheduled", node = node),
        MarkerKind::IpAssigned {
            ip,
            previous: Some(p),
        } => t!("dump-mark-ip-changed", ip = ip, previous = p),
        MarkerKind::IpAssigned { ip, previous: None } => t!("dump-mark-ip", ip = ip),
        MarkerKind::Ready => t!("dump-mark-ready"),
        MarkerKind::DeletionRequested { grace_seconds } => match grace_seconds {
            Some(g) => t!("dump-mark-deletion-requested-grace", grace = *g),
            None => t!("dump-mark-deletion-requested"),
        },
        MarkerKind::Deleted => t!("dump-mark-deleted"),
        MarkerKind::Released => t!("dump-mark-released"),
        MarkerKind::Adopted => t!("dump-mark-adopted"),
        MarkerKind::Revision { hash } => t!("dump-mark-revision", hash = hash),
        MarkerKind::Action { what, .. } => t!("dump-mark-action", what = what),
        MarkerKind::Event { reason, .. } => t!("dump-mark-event", reason = reason),
    }
}

fn binding_text(b: &Binding) -> String {
    let pod = match &b.pod {
        Some(p) => format!("{} ({})", p.name, p.phase.label()),
        None => t!("dump-no-pod"),
    };
    let c = &b.claim;
    let claim = if c.deleted {
        t!("dump-claim-deleted", name = c.name)
    } else if !c.exists {
        t!("dump-claim-not-created", name = c.name)
    } else {
        // The claim's phase as kubectl prints it; Pending until it has one.
        let mut facts = vec![c.phase.as_deref().unwrap_or("Pending").to_string()];
        if let Some(cap) = c.capacity.as_ref().or(c.requested.as_ref()) {
            facts.push(cap.to_string());
        }
        if !c.access_modes.is_empty() {
            facts.push(
                c.access_modes
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        if c.protected {
            facts.push(t!("dump-claim-protected"));
        } else if c.terminating {
            facts.push("Terminating".into());
        }
        if c.pods_unwatched {
            facts.push(t!("dump-claim-pods-unwatched"));
        }
        if c.without_pod {
            facts.push(t!("dump-claim-without-pod"));
        }
        t!("dump-claim", name = c.name, facts = list(facts))
    };
    let volume = match &b.volume {
        Visible::Shown(v) => {
            let source = match &v.provisioned_by {
                Some(p) => t!("dump-volume-provisioned-by", provisioner = p),
                None => t!("dump-volume-static"),
            };
            t!(
                "dump-volume",
                name = v.name,
                phase = v.phase.as_deref().unwrap_or("?"),
                reclaim_policy = v.reclaim_policy,
                source = source
            )
        }
        Visible::NotPermitted => t!("dump-volume-not-permitted"),
        Visible::Unknown => t!("dump-no-volume-yet"),
    };
    let class = match &b.class {
        Visible::Shown(s) if s.allow_expansion => t!(
            "dump-class-expandable",
            name = s.name,
            provisioner = s.provisioner,
            reclaim_policy = s.reclaim_policy,
            binding_mode = s.binding_mode
        ),
        Visible::Shown(s) => t!(
            "dump-class",
            name = s.name,
            provisioner = s.provisioner,
            reclaim_policy = s.reclaim_policy,
            binding_mode = s.binding_mode
        ),
        Visible::NotPermitted => t!("dump-class-not-permitted"),
        Visible::Unknown => match c.storage_class.as_deref() {
            Some(name) => t!("dump-class-named", name = name),
            None => t!("dump-class-default"),
        },
    };
    format!("{pod} → {claim} → {volume} → {class}")
}
