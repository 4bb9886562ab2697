//! Model budgets (docs/performance.md): applying events ≥ 200,000/s on one
//! core; the views and the dump of a 1,000-replica StatefulSet well under 1 s.

use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main,
};
use serde_json::json;
use stsdash::app::dump;
use stsdash::model::fixtures::{claim, lifecycle, ready_pod_since, sts, sts_key, volume};
use stsdash::model::{Change, ClusterEvent, Kind, Model, Object, Scope, views};

const REPLICAS: u32 = 1000;

fn scope() -> Scope {
    Scope {
        namespace: Some("demo".into()),
        statefulset: None,
    }
}

/// The first list of every kind, then `REPLICAS` pods going Pending → Ready
/// with their claims and volumes: the events of a scale-up from 0.
fn scale_up_events() -> Vec<ClusterEvent> {
    let mut events = Vec::new();
    let mut at = 1_000_000;
    let mut push = |change| {
        at += 1;
        events.push(ClusterEvent { at, change });
    };
    for kind in Kind::ALL {
        push(Change::InitStarted { kind });
        push(Change::InitDone { kind });
    }
    push(Change::Applied(sts(REPLICAS as i32, 1, json!({}))));
    for o in 0..REPLICAS {
        let uid = format!("uid-{o}");
        push(Change::Applied(claim(o, 10 * o + 1, false)));
        push(Change::Applied(claim(o, 10 * o + 2, true)));
        push(Change::Applied(volume(o, 10 * o + 3, "Bound")));
        for object in lifecycle(o, &uid, 10 * o + 4) {
            push(Change::Applied(object));
        }
    }
    events
}

fn synced_model() -> Model {
    let mut model = Model::new(scope());
    for event in scale_up_events() {
        model.apply(event);
    }
    model
}

/// Applying `events` to (a clone of) `model`, one element per event.
fn bench_applying(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    model: &Model,
    events: &[ClusterEvent],
) {
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function(name, |b| {
        b.iter_batched(
            || (model.clone(), events.to_vec()),
            |(mut model, events)| {
                for event in events {
                    model.apply(event);
                }
                model
            },
            BatchSize::LargeInput,
        )
    });
}

fn apply(c: &mut Criterion) {
    let events = scale_up_events();
    let mut group = c.benchmark_group("apply");
    bench_applying(&mut group, "scale_up_1000", &Model::new(scope()), &events);
    // A relist of 1,000 unchanged pods: must be cheap and make no history.
    let model = synced_model();
    let pods: Vec<Object> = model
        .store
        .pods
        .values()
        .cloned()
        .map(Object::Pod)
        .collect();
    let mut relist = vec![ClusterEvent {
        at: 2_000_000,
        change: Change::InitStarted { kind: Kind::Pod },
    }];
    relist.extend(pods.into_iter().map(|p| ClusterEvent {
        at: 2_000_000,
        change: Change::InitObject(p),
    }));
    relist.push(ClusterEvent {
        at: 2_000_000,
        change: Change::InitDone { kind: Kind::Pod },
    });
    bench_applying(&mut group, "relist_1000_unchanged", &model, &relist);
    // Opened on 10,000 pods that ran for an hour: the first list
    // reconstructs each one's past and narrates the newest of it. Listed
    // newest first, the narration's worst order.
    let started: i64 = 1_767_225_600_000;
    let mut first_list = vec![ClusterEvent {
        at: started + 3_600_000,
        change: Change::InitStarted { kind: Kind::Pod },
    }];
    first_list.extend((0..10_000u32).map(|o| ClusterEvent {
        at: started + 3_600_000,
        change: Change::InitObject(ready_pod_since(
            o,
            &format!("uid-{o}"),
            started + i64::from(10_000 - o) * 300,
        )),
    }));
    first_list.push(ClusterEvent {
        at: started + 3_600_000,
        change: Change::InitDone { kind: Kind::Pod },
    });
    let mut empty = Model::new(scope());
    empty.apply(ClusterEvent {
        at: started + 3_600_000,
        change: Change::Applied(sts(10_000, 1, json!({}))),
    });
    bench_applying(
        &mut group,
        "first_list_10000_with_their_past",
        &empty,
        &first_list,
    );
    group.finish();
}

fn views_and_dump(c: &mut Criterion) {
    let model = synced_model();
    let key = sts_key();
    let mut group = c.benchmark_group("views_1000");
    group.bench_function("timeline", |b| b.iter(|| views::timeline(&model, &key)));
    group.bench_function("binding_graph", |b| {
        b.iter(|| views::binding_graph(&model, &key))
    });
    group.bench_function("network_identity", |b| {
        b.iter(|| views::network_identity(&model, &key, "cluster.local"))
    });
    group.bench_function("rollout", |b| b.iter(|| views::rollout(&model, &key)));
    group.bench_function("dump_text", |b| {
        b.iter(|| dump::text(&dump::build(&model, "cluster.local")))
    });
    group.bench_function("dump_json", |b| {
        b.iter(|| dump::json(&dump::build(&model, "cluster.local")))
    });
    group.finish();
}

criterion_group!(benches, apply, views_and_dump);
criterion_main!(benches);
