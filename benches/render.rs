//! Dashboard budgets (docs/performance.md): a full frame with 100 ordinals at
//! 220×60 renders in under 2 ms; with 1,000 ordinals a frame costs what it
//! shows, not what exists (the clock redraws it at rest). With
//! minReadySeconds too: measured with pods that say when they became Ready
//! (as real ones do) and with pods that do not. The 100-ordinal frame also
//! in Russian and Traditional Chinese.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;
use stsdash::i18n::{Lang, with_lang};
use stsdash::model::fixtures::{ready_pod_since, ready_statefulset, sts};
use stsdash::model::{Change, ClusterEvent, Model, Scope};
use stsdash::ui::{self, LogMode, Theme, ViewState};

fn model(replicas: u32) -> Model {
    let mut model = Model::new(Scope {
        namespace: Some("demo".into()),
        statefulset: None,
    });
    for event in ready_statefulset(replicas) {
        model.apply(event);
    }
    model
}

/// The same, with minReadySeconds and every pod Ready long enough. Real
/// pods carry when they became Ready (their Ready condition's
/// lastTransitionTime): the index answers for the newest at once. With
/// `timeless` they do not, and the controller's walk reads every pod's
/// history for it each frame.
fn model_min_ready(replicas: u32, timeless: bool) -> Model {
    let mut model = model(replicas);
    let mut at = model.now;
    if !timeless {
        for o in 0..replicas {
            at += 1;
            let pod = ready_pod_since(o, &format!("uid-{o}"), at - 60_000);
            model.apply(ClusterEvent {
                at,
                change: Change::Applied(pod),
            });
        }
    }
    // Long after the last pod became Ready: every pod available.
    model.apply(ClusterEvent {
        at: at + 60_000,
        change: Change::Applied(sts(
            replicas as i32,
            99,
            json!({"spec": {"minReadySeconds": 10}}),
        )),
    });
    model
}

/// Benches drawing one whole frame of `model` as `view` on a `width`×`height` TestBackend.
fn frame(
    c: &mut Criterion,
    name: &str,
    model: &Model,
    view: &ViewState,
    (width, height): (u16, u16),
) {
    let theme = Theme::load("default").unwrap();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    c.bench_function(name, |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    ui::draw(f, model, view, &theme);
                })
                .unwrap()
                .area
        })
    });
}

fn render(c: &mut Criterion) {
    let model = model(100);
    let view = {
        let mut view = ViewState::default();
        view.nav.span = model.now - model.started.unwrap();
        view.nav.selected = 50;
        view
    };
    frame(c, "frame_100_ordinals_220x60", &model, &view, (220, 60));
    let logs = {
        let mut view = view.clone();
        view.nav.logs = LogMode::All;
        view
    };
    frame(
        c,
        "frame_100_ordinals_220x60_all_logs",
        &model,
        &logs,
        (220, 60),
    );
    // In Russian and Chinese (issue #24): the same budget, the model fed in
    // the language as --lang does (the narration is written as events come).
    for lang in [Lang::Ru, Lang::ZhTw] {
        with_lang(lang, || {
            let model = self::model(100);
            frame(
                c,
                &format!("frame_100_ordinals_220x60_{}", lang.tag()),
                &model,
                &view,
                (220, 60),
            );
        });
    }
    for (name, timeless) in [
        ("frame_100_ordinals_min_ready_220x60", false),
        ("frame_100_ordinals_min_ready_no_ready_time_220x60", true),
    ] {
        frame(c, name, &model_min_ready(100, timeless), &view, (220, 60));
    }
}

fn render_1000(c: &mut Criterion) {
    let model = model(1000);
    let view = {
        let mut view = ViewState::default();
        view.nav.span = 60_000;
        view.nav.selected = 500;
        view
    };
    frame(c, "frame_1000_ordinals_200x50", &model, &view, (200, 50));
    for (name, timeless) in [
        ("frame_1000_ordinals_min_ready_200x50", false),
        ("frame_1000_ordinals_min_ready_no_ready_time_200x50", true),
    ] {
        frame(c, name, &model_min_ready(1000, timeless), &view, (200, 50));
    }
}

criterion_group!(benches, render, render_1000);
criterion_main!(benches);
