//! Memory per pod: the model's heap after a 1,000- and a 2,000-replica
//! scale-up, and after 50 rounds of deleting and recreating every pod (the
//! history is bounded: memory grows with objects, not with time).
//! Run: cargo bench --bench memory

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use serde_json::json;
use stsdash::model::fixtures::{claim, lifecycle, pod, sts, volume};
use stsdash::model::pod::Phase;
use stsdash::model::{Change, ClusterEvent, Kind, Model, Scope};

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn apply(model: &mut Model, at: &mut i64, change: Change) {
    *at += 1;
    model.apply(ClusterEvent { at: *at, change });
}

fn start(model: &mut Model, at: &mut i64, o: u32, uid: &str, rv: u32) {
    for object in lifecycle(o, uid, rv) {
        apply(model, at, Change::Applied(object));
    }
}

fn measure(replicas: u32, rounds: u32) -> isize {
    let before = LIVE.load(Ordering::Relaxed);
    let mut model = Model::new(Scope {
        namespace: Some("demo".into()),
        statefulset: None,
    });
    let mut at = 0;
    for kind in Kind::ALL {
        apply(&mut model, &mut at, Change::InitStarted { kind });
        apply(&mut model, &mut at, Change::InitDone { kind });
    }
    apply(
        &mut model,
        &mut at,
        Change::Applied(sts(replicas as i32, 1, json!({}))),
    );
    for o in 0..replicas {
        apply(&mut model, &mut at, Change::Applied(claim(o, 2, true)));
        apply(&mut model, &mut at, Change::Applied(volume(o, 3, "Bound")));
        start(&mut model, &mut at, o, &format!("uid-{o}-0"), 10);
    }
    for round in 1..=rounds {
        for o in 0..replicas {
            let old = format!("uid-{o}-{}", round - 1);
            apply(
                &mut model,
                &mut at,
                Change::Deleted(pod(o, &old, 100 * round, Phase::Ready)),
            );
            start(
                &mut model,
                &mut at,
                o,
                &format!("uid-{o}-{round}"),
                100 * round + 10,
            );
        }
    }
    let used = LIVE.load(Ordering::Relaxed) - before;
    drop(model);
    used
}

fn main() {
    // `cargo test --benches` runs this with --bench absent: keep it quick then.
    let full = std::env::args().any(|a| a == "--bench");
    let sizes: &[(u32, u32)] = if full {
        &[(1000, 0), (2000, 0), (1000, 50)]
    } else {
        &[(50, 2)]
    };
    for &(replicas, rounds) in sizes {
        let bytes = measure(replicas, rounds);
        println!(
            "model heap: {replicas} replicas, {rounds} recreate rounds: {:.1} MiB, {} bytes per pod (pod, claim, volume and history)",
            bytes as f64 / (1024.0 * 1024.0),
            bytes / replicas as isize
        );
    }
}
