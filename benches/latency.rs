//! Key-to-frame latency while events pour in (docs/performance.md), in two
//! situations: bursts of 10,000 pod updates on a StatefulSet of 100 ordinals
//! (budget: p99 under 30 ms), and the first list of `-A` over 100
//! StatefulSets × 100 pods with their claims and volumes, 30,100 objects
//! (budget: p99 under 50 ms). The dashboard's own loop runs as in the app
//! (release build, multi-thread runtime): events come over its channel, keys
//! over its input stream, frames go to a TestBackend at 220×60. A key's
//! latency is the time from sending `?` (or Esc) to the end of the first
//! frame that shows the help opened (or closed).
//!
//! cargo bench --bench latency

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use stsdash::app::dashboard::{self, Dashboard, Inbox, Msg, Settings, Source};
use stsdash::app::effects::Runner;
use stsdash::model::fixtures::{claim, pod, ready_statefulset, sts, volume};
use stsdash::model::pod::Phase;
use stsdash::model::{Change, ClusterEvent, Kind, Object, Scope};
use stsdash::ui::Theme;
use tokio::sync::{mpsc, watch};

const ORDINALS: u32 = 100;
const BURST: usize = 10_000;
const ROUNDS: usize = 20;
/// Namespaces × StatefulSets per namespace × pods per StatefulSet.
const LIST: (u32, u32, u32) = (10, 10, 100);

/// A TestBackend that says, at the end of each frame, whether the help shows.
struct Watched {
    inner: TestBackend,
    frames: watch::Sender<(Instant, bool)>,
}

impl Backend for Watched {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(
        &mut self,
        content: I,
    ) -> Result<(), Self::Error> {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()?;
        let buffer = self.inner.buffer();
        // The help's title sits on one row; look for it there.
        let help = (0..buffer.area.height).any(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            row.contains("┌ Keys · ")
        });
        let _ = self.frames.send((Instant::now(), help));
        Ok(())
    }
}

/// `BURST` pod updates: every ordinal flapping between Running and Ready.
fn burst(round: usize) -> Vec<ClusterEvent> {
    let base = 2_000_000 + (round * BURST) as u32;
    (0..BURST)
        .map(|i| {
            let o = (i as u32) % ORDINALS;
            let phase = if (i / ORDINALS as usize) % 2 == 0 {
                Phase::Running
            } else {
                Phase::Ready
            };
            ClusterEvent {
                at: 2_000_000_000 + (round * BURST + i) as i64,
                change: Change::Applied(pod(o, &format!("uid-{o}"), base + i as u32, phase)),
            }
        })
        .collect()
}

/// An object of the fixtures' StatefulSet "web" in "demo", made one of
/// StatefulSet `db{s}` in namespace `tenk-{n}` (names, UIDs, volumes).
fn moved(object: Object, n: u32, s: u32) -> Object {
    let json = serde_json::to_string(&object)
        .unwrap()
        .replace("\"demo\"", &format!("\"tenk-{n}\""))
        .replace("web", &format!("db{s}"))
        .replace("\"uid-", &format!("\"uid-{n}-{s}-"))
        .replace("\"pv-", &format!("\"pv-{n}-{s}-"))
        .replace("\"pvc-", &format!("\"pvc-{n}-{s}-"));
    serde_json::from_str(&json).unwrap()
}

/// What the watches of `stsdash -A` send for their first lists: every
/// StatefulSet, Ready pod, bound claim and volume, then the lists' ends.
fn first_list() -> Vec<ClusterEvent> {
    let (namespaces, statefulsets, pods) = LIST;
    let mut objects = Vec::new();
    for n in 0..namespaces {
        for s in 0..statefulsets {
            objects.push(moved(sts(pods as i32, 1, serde_json::json!({})), n, s));
            for o in 0..pods {
                objects.push(moved(claim(o, 2, true), n, s));
                objects.push(moved(volume(o, 3, "Bound"), n, s));
                objects.push(moved(pod(o, &format!("uid-{o}"), 4, Phase::Ready), n, s));
            }
        }
    }
    let mut events: Vec<ClusterEvent> = Kind::ALL
        .iter()
        .map(|&kind| ClusterEvent {
            at: 1_000_000,
            change: Change::InitStarted { kind },
        })
        .collect();
    events.extend(objects.into_iter().map(|o| ClusterEvent {
        at: 1_000_000,
        change: Change::InitObject(o),
    }));
    events.extend(Kind::ALL.iter().map(|&kind| ClusterEvent {
        at: 1_000_000,
        change: Change::InitDone { kind },
    }));
    events
}

fn key(code: KeyCode) -> std::io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(what: &str, latencies: &[Duration], budget: Duration) -> bool {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    let p50 = percentile(&sorted, 0.50);
    let p99 = percentile(&sorted, 0.99);
    let max = *sorted.last().unwrap();
    println!(
        "key_to_frame during {what} ({} keys): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        sorted.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
    if p99 > budget {
        println!("OVER BUDGET: p99 {p99:?} > {budget:?}");
    }
    p99 <= budget
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs it once, briefly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let rounds = if quick { 2 } else { ROUNDS };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let bursts = runtime.block_on(measure(
        Some("demo"),
        ready_statefulset(ORDINALS),
        (0..rounds).map(burst).collect(),
    ));
    let ok = report(
        &format!("{rounds} bursts of {BURST} events"),
        &bursts,
        Duration::from_millis(30),
    );
    let lists = if quick { 1 } else { 5 };
    let listed = runtime.block_on(measure(None, Vec::new(), vec![first_list(); lists]));
    let (namespaces, statefulsets, pods) = LIST;
    let ok = report(
        &format!(
            "{lists} first lists of -A over {} StatefulSets × {pods} pods with claims and volumes",
            namespaces * statefulsets
        ),
        &listed,
        Duration::from_millis(50),
    ) && ok;
    if !quick && !ok {
        std::process::exit(1);
    }
}

/// The dashboard on `namespace` (None: all), given `before`, then each of
/// `rounds` sent over its channel as fast as it takes them while `?` and
/// Esc are pressed: each key's latency.
async fn measure(
    namespace: Option<&str>,
    before: Vec<ClusterEvent>,
    rounds: Vec<Vec<ClusterEvent>>,
) -> Vec<Duration> {
    let mut latencies = Vec::new();
    for events in rounds {
        latencies.extend(measure_round(namespace, &before, events).await);
    }
    latencies
}

async fn measure_round(
    namespace: Option<&str>,
    before: &[ClusterEvent],
    events: Vec<ClusterEvent>,
) -> Vec<Duration> {
    let (tx, rx) = mpsc::channel(stsdash::app::CHANNEL_CAPACITY);
    let mut inbox = Inbox::events(rx);
    let (frames_tx, mut frames) = watch::channel((Instant::now(), false));
    let backend = Watched {
        inner: TestBackend::new(220, 60),
        frames: frames_tx,
    };
    let mut terminal = Terminal::new(backend).unwrap();
    let scope = Scope {
        namespace: namespace.map(Into::into),
        statefulset: None,
    };
    let mut dashboard = Dashboard::new(
        Source::Channel,
        scope,
        Theme::load("default").unwrap(),
        Settings::default(),
        false,
    );
    for event in before {
        dashboard.update(Msg::Cluster(event.clone()));
    }
    let mut runner = Runner::detached(tx.clone());
    let (keys, mut input) = futures::channel::mpsc::unbounded();
    let ui = tokio::spawn(async move {
        let never = std::future::pending::<()>();
        let mut never = std::pin::pin!(never);
        dashboard::run(
            &mut dashboard,
            &mut runner,
            &mut terminal,
            &mut input,
            &mut inbox,
            &mut never,
        )
        .await
        .unwrap();
    });
    // The first frame.
    frames.changed().await.unwrap();

    let mut latencies = Vec::new();
    let mut help = false;
    let sender = tx.clone();
    let producer = tokio::spawn(async move {
        for event in events {
            sender.send(event).await.unwrap();
        }
    });
    let started = Instant::now();
    // Keys while the events are under way (and until they are all sent).
    while !producer.is_finished() || started.elapsed() < Duration::from_millis(50) {
        help = !help;
        let sent = Instant::now();
        keys.unbounded_send(key(if help {
            KeyCode::Char('?')
        } else {
            KeyCode::Esc
        }))
        .unwrap();
        loop {
            frames.changed().await.unwrap();
            let (at, shown) = *frames.borrow_and_update();
            if shown == help {
                latencies.push(at - sent);
                break;
            }
        }
        // A little thinking time, as a person's keys have.
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    producer.await.unwrap();
    drop(keys);
    drop(tx);
    ui.await.unwrap();
    latencies
}
