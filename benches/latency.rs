//! Key-to-frame latency while a burst of 10,000 events arrives (budget: p99
//! under 30 ms, docs/performance.md). The dashboard's own loop runs as in
//! the app (release build, multi-thread runtime): events come over its
//! channel, keys over its input stream, frames go to a TestBackend at
//! 220×60. A key's latency is the time from sending `?` (or Esc) to the end
//! of the first frame that shows the help opened (or closed).
//!
//! cargo bench --bench latency

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use stsdash::app::dashboard::{Dashboard, Settings, Source};
use stsdash::model::fixtures::{pod, ready_statefulset};
use stsdash::model::pod::Phase;
use stsdash::model::{Change, ClusterEvent, Scope};
use stsdash::ui::Theme;
use tokio::sync::{mpsc, watch};

const ORDINALS: u32 = 100;
const BURST: usize = 10_000;
const ROUNDS: usize = 20;

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

fn key(code: KeyCode) -> std::io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs it once, briefly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let rounds = if quick { 2 } else { ROUNDS };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let latencies = runtime.block_on(measure(rounds));
    let mut sorted = latencies.clone();
    sorted.sort();
    let p50 = percentile(&sorted, 0.50);
    let p99 = percentile(&sorted, 0.99);
    let max = *sorted.last().unwrap();
    println!(
        "key_to_frame during {rounds} bursts of {BURST} events ({} keys): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        sorted.len(),
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
    if !quick && p99 > Duration::from_millis(30) {
        println!("OVER BUDGET: p99 {p99:?} > 30 ms");
        std::process::exit(1);
    }
}

async fn measure(rounds: usize) -> Vec<Duration> {
    let (tx, mut rx) = mpsc::channel(stsdash::app::CHANNEL_CAPACITY);
    let (frames_tx, mut frames) = watch::channel((Instant::now(), false));
    let backend = Watched {
        inner: TestBackend::new(220, 60),
        frames: frames_tx,
    };
    let mut terminal = Terminal::new(backend).unwrap();
    let scope = Scope {
        namespace: Some("demo".into()),
        statefulset: None,
    };
    let mut dashboard = Dashboard::new(
        Source::Channel,
        scope,
        None,
        Theme::load("default").unwrap(),
        Settings::default(),
        tx.clone(),
    );
    for event in ready_statefulset(ORDINALS) {
        dashboard.apply(event).unwrap();
    }
    let (keys, mut input) = futures::channel::mpsc::unbounded();
    let ui = tokio::spawn(async move {
        let never = std::future::pending::<()>();
        let mut never = std::pin::pin!(never);
        dashboard
            .run(&mut terminal, &mut input, &mut rx, &mut never)
            .await
            .unwrap();
    });
    // The first frame.
    frames.changed().await.unwrap();

    let mut latencies = Vec::new();
    let mut help = false;
    for round in 0..rounds {
        let events = burst(round);
        let sender = tx.clone();
        let producer = tokio::spawn(async move {
            for event in events {
                sender.send(event).await.unwrap();
            }
        });
        let started = Instant::now();
        // Keys while the burst is under way (and until it is all applied).
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
    }
    drop(keys);
    ui.await.unwrap();
    latencies
}
