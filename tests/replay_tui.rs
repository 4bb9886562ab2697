//! `stsdash replay` in a terminal plays a recording in the dashboard: it can
//! be paused, stepped forward and back, and sped up, and `q` quits.

mod common;

use std::time::Duration;

use common::Tmux;

const LIMIT: Duration = Duration::from_secs(30);

fn event_number(screen: &str) -> usize {
    let after = screen
        .split("· event ")
        .nth(1)
        .expect("the header names the event");
    after.split('/').next().unwrap().trim().parse().unwrap()
}

#[test]
fn a_recording_plays_pauses_steps_and_quits() {
    let file = common::repo().join("examples/recordings/web_scale.jsonl");
    let command = format!(
        "{} replay --speed 8 {}; echo replay-exited-$?; sleep 30",
        env!("CARGO_BIN_EXE_stsdash"),
        file.display()
    );
    let tmux = Tmux::start("replay", &command);
    tmux.until(LIMIT, "the replay header", |s| {
        s.contains("replay ") && s.contains("· event ")
    });
    tmux.keys("Space");
    let paused = tmux.until(LIMIT, "paused", |s| s.contains("· paused"));
    let at = event_number(&paused);
    tmux.keys(".");
    tmux.until(LIMIT, "one step forward", |s| {
        s.contains("· paused") && event_number(s) == at + 1
    });
    tmux.keys(",");
    tmux.keys(",");
    tmux.until(LIMIT, "two steps back", |s| event_number(s) == at - 1);
    // Going on at 8×; [ halves the speed, ] doubles it.
    tmux.keys("Space");
    tmux.until(LIMIT, "playing at 8×", |s| s.contains("· 8×"));
    tmux.keys("[");
    tmux.until(LIMIT, "[ halves it", |s| s.contains("· 4×"));
    tmux.keys("]");
    tmux.until(LIMIT, "] doubles it", |s| s.contains("· 8×"));
    tmux.keys("Space");
    tmux.until(LIMIT, "paused again", |s| s.contains("· paused"));
    // Faster to the end: all four ordinals were seen, then the scale-down.
    tmux.keys("]");
    tmux.keys("]");
    tmux.keys("]");
    tmux.keys("Space");
    let end = tmux.until(Duration::from_secs(60), "the end of the recording", |s| {
        s.contains("· end")
    });
    assert!(
        end.contains("web-3") && end.contains("kept, no pod"),
        "{end}"
    );
    tmux.keys("q");
    let screen = tmux.until(Duration::from_secs(10), "exit", |s| {
        s.contains("replay-exited-")
    });
    assert!(screen.contains("replay-exited-0"), "{screen}");
}
