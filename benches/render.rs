//! Dashboard budget (docs/performance.md): a full frame with 100 ordinals at
//! 220×60 renders in under 2 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;
use stsdash::model::fixtures::{claim, lifecycle, sts, volume};
use stsdash::model::{Change, ClusterEvent, Kind, Model, Scope};
use stsdash::ui::{self, LogMode, Theme, ViewState};

fn model(replicas: u32) -> Model {
    let mut model = Model::new(Scope {
        namespace: Some("demo".into()),
        statefulset: None,
    });
    let mut at = 1_000_000;
    let mut apply = |model: &mut Model, change| {
        at += 37;
        model.apply(ClusterEvent { at, change });
    };
    for kind in Kind::ALL {
        apply(&mut model, Change::InitStarted { kind });
        apply(&mut model, Change::InitDone { kind });
    }
    apply(
        &mut model,
        Change::Applied(sts(replicas as i32, 1, json!({}))),
    );
    for o in 0..replicas {
        apply(&mut model, Change::Applied(claim(o, 10 * o + 1, true)));
        apply(&mut model, Change::Applied(volume(o, 10 * o + 2, "Bound")));
        for object in lifecycle(o, &format!("uid-{o}"), 10 * o + 3) {
            apply(&mut model, Change::Applied(object));
        }
    }
    model
}

fn render(c: &mut Criterion) {
    let model = model(100);
    let theme = Theme::load("default").unwrap();
    let view = ViewState {
        span: model.now - model.started.unwrap(),
        selected: 50,
        ..ViewState::default()
    };
    let mut terminal = Terminal::new(TestBackend::new(220, 60)).unwrap();
    c.bench_function("frame_100_ordinals_220x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::draw(f, &model, &view, &theme))
                .unwrap()
                .area
        })
    });
    let logs = ViewState {
        logs: LogMode::All,
        ..view.clone()
    };
    c.bench_function("frame_100_ordinals_220x60_all_logs", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::draw(f, &model, &logs, &theme))
                .unwrap()
                .area
        })
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
