//! The lessons that come with stsdash, built into the binary with their
//! manifests, so they run from anywhere and on any cluster.

/// A built-in lesson: its file and the manifests it names, by the path it writes.
pub struct BuiltIn {
    pub name: &'static str,
    pub text: &'static str,
    pub manifests: &'static [(&'static str, &'static str)],
}

macro_rules! manifest {
    ($path:literal) => {
        ($path, include_str!(concat!("../../lessons/", $path)))
    };
}

pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        name: "mehdb",
        text: include_str!("../../lessons/mehdb.toml"),
        manifests: &[manifest!("../examples/mehdb.yaml")],
    },
    BuiltIn {
        name: "pvc",
        text: include_str!("../../lessons/pvc.toml"),
        manifests: &[
            manifest!("../examples/web.yaml"),
            manifest!("../examples/pvc-pod.yaml"),
        ],
    },
    BuiltIn {
        name: "rolling-update",
        text: include_str!("../../lessons/rolling-update.toml"),
        manifests: &[
            manifest!("../examples/rolling-update.yaml"),
            manifest!("../examples/rolling-update-v2.yaml"),
            manifest!("../examples/rolling-update-partition.yaml"),
            manifest!("manifests/rolling-update-partition-0.yaml"),
            manifest!("../examples/parallel.yaml"),
        ],
    },
    BuiltIn {
        name: "billing",
        text: include_str!("../../lessons/billing.toml"),
        manifests: &[manifest!("../examples/billing.yaml")],
    },
    BuiltIn {
        name: "static-volumes",
        text: include_str!("../../lessons/static-volumes.toml"),
        manifests: &[
            manifest!("../examples/web.yaml"),
            manifest!("../examples/static-pv.yaml"),
            manifest!("../examples/retention-delete.yaml"),
        ],
    },
];

pub fn find(name: &str) -> Option<&'static BuiltIn> {
    BUILT_IN.iter().find(|b| b.name == name)
}

pub fn manifest(lesson: &BuiltIn, path: &str) -> Option<&'static str> {
    lesson
        .manifests
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// Where the manifest is on disk when stsdash runs in its repository (so the
/// commands shown name the file), else None.
pub fn on_disk(path: &str) -> Option<std::path::PathBuf> {
    let candidate = std::path::Path::new("lessons").join(path);
    candidate.canonicalize().ok().filter(|p| p.is_file())
}
