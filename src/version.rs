//! What `--version` says: the version, the commit it was built from (and
//! whether the tree had changes), and the Kubernetes API compiled in — what
//! a teacher reporting a problem pastes.

use std::sync::LazyLock;

pub const SHORT: &str = env!("CARGO_PKG_VERSION");

/// The commit (12 hex digits, "+changes" when the tree differed) and its
/// date, from build.rs; "unknown" outside a git checkout.
pub const COMMIT: &str = env!("STSDASH_COMMIT");
pub const COMMIT_DATE: &str = env!("STSDASH_COMMIT_DATE");

/// The Kubernetes API version k8s-openapi was built for (its one `v1_*` feature).
pub fn kubernetes_api() -> &'static str {
    #[allow(unused_mut, unused_assignments)]
    let mut version = "unknown";
    k8s_openapi::k8s_if_1_33! { version = "1.33"; }
    k8s_openapi::k8s_if_1_34! { version = "1.34"; }
    k8s_openapi::k8s_if_1_35! { version = "1.35"; }
    k8s_openapi::k8s_if_1_36! { version = "1.36"; }
    k8s_openapi::k8s_if_1_37! { version = "1.37"; }
    version
}

static LONG_TEXT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{SHORT}\ncommit:     {COMMIT} ({COMMIT_DATE})\nkubernetes: API {} (k8s-openapi), kube-rs 5\nplatform:   {}-{}",
        kubernetes_api(),
        std::env::consts::OS,
        std::env::consts::ARCH,
    )
});

/// `--version`'s text after the name.
pub fn long() -> &'static str {
    LONG_TEXT.as_str()
}
