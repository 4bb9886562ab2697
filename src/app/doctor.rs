//! `stsdash doctor`: one screen a teacher can paste when something does not
//! work — the build, the config file, the kubeconfig files read, the
//! context and server, and what this user may do, asked of the API server
//! (SelfSubjectAccessReview) for each thing stsdash does.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{AppError, config, say};
use crate::cli::Global;
use crate::cluster::{self, Access};
use crate::t;

/// What one right is for, in the user's language.
type Said = fn() -> String;

/// Each right stsdash uses: (what it is for, verb, group, resource, subresource, cluster-wide).
const RIGHTS: &[(Said, &str, &str, &str, &str, bool)] = &[
    (
        || t!("doctor-see-statefulsets"),
        "watch",
        "apps",
        "statefulsets",
        "",
        false,
    ),
    (|| t!("doctor-see-pods"), "watch", "", "pods", "", false),
    (
        || t!("doctor-see-claims"),
        "watch",
        "",
        "persistentvolumeclaims",
        "",
        false,
    ),
    (
        || t!("doctor-see-volumes"),
        "watch",
        "",
        "persistentvolumes",
        "",
        true,
    ),
    (
        || t!("doctor-see-storage-classes"),
        "watch",
        "storage.k8s.io",
        "storageclasses",
        "",
        true,
    ),
    (
        || t!("doctor-see-services"),
        "watch",
        "",
        "services",
        "",
        false,
    ),
    (
        || t!("doctor-see-endpointslices"),
        "watch",
        "discovery.k8s.io",
        "endpointslices",
        "",
        false,
    ),
    (
        || t!("doctor-see-revisions"),
        "watch",
        "apps",
        "controllerrevisions",
        "",
        false,
    ),
    (|| t!("doctor-see-events"), "watch", "", "events", "", false),
    (|| t!("doctor-read-logs"), "get", "", "pods", "log", false),
    (
        || t!("doctor-scale"),
        "patch",
        "apps",
        "statefulsets",
        "scale",
        false,
    ),
    (|| t!("doctor-delete-pod"), "delete", "", "pods", "", false),
    (
        || t!("doctor-open-shell"),
        "create",
        "",
        "pods",
        "exec",
        false,
    ),
    (
        || t!("doctor-apply-lesson"),
        "patch",
        "apps",
        "statefulsets",
        "",
        false,
    ),
    (
        || t!("doctor-create-namespace"),
        "create",
        "",
        "namespaces",
        "",
        true,
    ),
];

/// The labels of the report, in its order.
fn labels() -> [String; 9] {
    [
        t!("doctor-config"),
        t!("doctor-cluster"),
        t!("doctor-kubeconfig"),
        t!("doctor-context"),
        t!("doctor-server"),
        t!("doctor-proxy"),
        t!("doctor-namespace"),
        t!("doctor-version"),
        t!("doctor-mode"),
    ]
}

/// Where the answers start after what each right is for: one cell past
/// the widest, and never before the 29th (as it always was in English).
fn rights_width(whats: &[String]) -> usize {
    whats
        .iter()
        .map(|w| w.width() + 1)
        .max()
        .unwrap_or(0)
        .max(28)
}

/// "  see pods                     yes", padded in terminal cells.
fn right_line(what: &str, width: usize, answer: &str, cluster_wide: bool) -> String {
    let pad = width.saturating_sub(what.width());
    let scope = if cluster_wide {
        format!(" {}", t!("doctor-cluster-wide"))
    } else {
        String::new()
    };
    format!("  {what}{:pad$} {answer}{scope}", "")
}

pub async fn run(global: &Global) -> Result<(), AppError> {
    let mut out = String::new();
    let labels = labels();
    let column = say::Column::fitting(&labels);
    let [
        config_label,
        cluster_label,
        kubeconfig_label,
        context_label,
        server_label,
        proxy_label,
        namespace_label,
        version_label,
        mode_label,
    ] = &labels;
    let field = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "{}", column.field(label, value));
    };
    let _ = writeln!(out, "stsdash {}", crate::version::long());
    match config::path() {
        Some(path) if path.exists() => {
            field(&mut out, config_label, &path.display().to_string());
        }
        Some(path) => {
            let path = path.display().to_string();
            field(
                &mut out,
                config_label,
                &t!("doctor-config-none", path = path),
            );
        }
        None => field(&mut out, config_label, &t!("doctor-config-no-home")),
    }
    let read_only = global.read_only || config::load()?.read_only;
    let selection = global.selection(None);
    let connection = match cluster::connect(&selection.target(Access::ReadOnly)).await {
        Ok(connection) => connection,
        Err(e) => {
            field(&mut out, cluster_label, &e.to_string());
            say::out(&out);
            return Err(e.into());
        }
    };
    let files: Vec<String> = connection
        .kubeconfig_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let files = if files.is_empty() {
        t!("doctor-in-cluster")
    } else {
        files.join(", ")
    };
    field(&mut out, kubeconfig_label, &files);
    field(&mut out, context_label, &connection.context);
    field(&mut out, server_label, &connection.server);
    if let Some(proxy) = &connection.proxy {
        field(&mut out, proxy_label, proxy);
    }
    field(&mut out, namespace_label, &connection.namespace);
    match connection.server_version().await {
        Ok(version) => field(&mut out, version_label, &format!("Kubernetes {version}")),
        Err(e) => {
            field(&mut out, version_label, &e.to_string());
            say::out(&out);
            return Err(e.into());
        }
    }
    let mode = if read_only {
        t!("doctor-read-only")
    } else {
        t!("doctor-read-write")
    };
    field(&mut out, mode_label, &mode);
    let _ = writeln!(out, "{}", t!("doctor-may"));
    let whats: Vec<String> = RIGHTS.iter().map(|right| (right.0)()).collect();
    let width = rights_width(&whats);
    for (what, (_, verb, group, resource, subresource, cluster_wide)) in whats.iter().zip(RIGHTS) {
        let namespace = (!cluster_wide).then_some(connection.namespace.as_str());
        let answer = match connection
            .may(verb, group, resource, subresource, namespace)
            .await
        {
            Ok(true) => t!("doctor-yes"),
            Ok(false) => t!("doctor-no"),
            Err(e) => t!("doctor-cannot-ask", error = e.to_string()),
        };
        let _ = writeln!(out, "{}", right_line(what, width, &answer, *cluster_wide));
    }
    say::out(&out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    /// The report's lines that need no cluster, as `run` writes them.
    fn lines() -> Vec<String> {
        let labels = labels();
        let column = say::Column::fitting(&labels);
        let whats: Vec<String> = RIGHTS.iter().map(|right| (right.0)()).collect();
        let width = rights_width(&whats);
        vec![
            column.field(&labels[0], &t!("doctor-config-none", path = "/c")),
            column.field(&labels[2], &t!("doctor-in-cluster")),
            column.field(&labels[8], &t!("doctor-read-only")),
            column.field(&labels[8], &t!("doctor-read-write")),
            t!("doctor-may"),
            right_line(&whats[1], width, &t!("doctor-yes"), false),
            right_line(&whats[3], width, &t!("doctor-no"), true),
            right_line(
                &whats[14],
                width,
                &t!("doctor-cannot-ask", error = "x"),
                true,
            ),
        ]
    }

    #[test]
    fn the_english_report_reads_as_it_always_did() {
        assert_eq!(
            with_lang(Lang::En, lines),
            [
                "config:     /c (none: defaults)",
                "kubeconfig: none (in-cluster service account)",
                "mode:       read-only (--read-only or read_only = true): stsdash changes nothing",
                "mode:       read-write",
                "may:",
                "  see pods                     yes",
                "  see volumes                  no (cluster-wide)",
                "  create a lesson's namespace  cannot ask: x (cluster-wide)",
            ]
        );
    }

    #[test]
    fn the_report_is_said_in_russian_and_chinese_aligned_in_cells() {
        let ru = with_lang(Lang::Ru, lines);
        assert_eq!(ru[0], "конфиг:     /c (нет файла: значения по умолчанию)");
        assert_eq!(ru[4], "права:");
        assert!(ru[5].starts_with("  видеть поды "), "{}", ru[5]);
        assert!(ru[6].ends_with(" нет (во всём кластере)"), "{}", ru[6]);
        let zh = with_lang(Lang::ZhTw, lines);
        assert_eq!(zh[4], "權限：");
        assert!(zh[5].starts_with("  查看 Pod "), "{}", zh[5]);
        assert!(zh[5].ends_with(" 可以"), "{}", zh[5]);
        // The answers start in one column, counted in terminal cells.
        for lang in [Lang::Ru, Lang::ZhTw] {
            let (lines, yes, no) = with_lang(lang, || (lines(), t!("doctor-yes"), t!("doctor-no")));
            let at = |line: &str, answer: &str| line[..line.rfind(answer).unwrap()].width();
            assert_eq!(at(&lines[5], &yes), at(&lines[6], &no), "{lines:#?}");
            // Two cells of margin, at least 28 for what, one space.
            assert!(at(&lines[5], &yes) > 2 + 28, "{lines:#?}");
        }
    }
}
