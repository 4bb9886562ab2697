//! A TCP forwarder of the test's own between stsdash and the lab's API
//! server: a network fault that touches only the test that starts it. It
//! forwards bytes as they are (TLS end to end: it reads nothing of them) and
//! can drop every open connection at once (`cut`), or stall every
//! connection as soon as a second one opens, until `release`.

use std::path::{Path, PathBuf};
use std::sync::mpsc as std_mpsc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{broadcast, watch};

/// What the forwarder does besides forwarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    /// Nothing: every connection flows.
    Never,
    /// Every connection stops moving bytes, both ways, once a second one
    /// opens: the first (the one that asked the server's version, which a
    /// list may take up again) and every one after it. What was sent is
    /// neither answered nor refused until `release`. (Stalling the first
    /// alone raced: a list could be answered on it before the second opened,
    /// and the next lists take it up again as soon as it is free.)
    EveryOnceASecondOpens,
}

enum Control {
    Cut,
    Release,
}

pub struct Forwarder {
    pub port: u16,
    control: std_mpsc::Sender<Control>,
}

impl Forwarder {
    /// Forwards 127.0.0.1:port to `upstream` (host:port), on a thread and
    /// runtime of its own (the tests wait on tmux with blocking calls).
    pub fn start(upstream: String, stall: Stall) -> Forwarder {
        let (port_tx, port_rx) = std_mpsc::channel();
        let (control, control_rx) = std_mpsc::channel::<Control>();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                port_tx.send(listener.local_addr().unwrap().port()).unwrap();
                let (cut_tx, _) = broadcast::channel::<()>(1);
                // Whether the stalled connections may move bytes.
                let (flowing_tx, flowing) = watch::channel(true);
                let (cutter, flowing_ctl) = (cut_tx.clone(), flowing_tx.clone());
                std::thread::spawn(move || {
                    while let Ok(control) = control_rx.recv() {
                        match control {
                            Control::Cut => {
                                let _ = cutter.send(());
                            }
                            Control::Release => {
                                let _ = flowing_ctl.send(true);
                            }
                        }
                    }
                });
                for n in 0usize.. {
                    let (client, _) = listener.accept().await.unwrap();
                    if n == 1 && stall == Stall::EveryOnceASecondOpens {
                        let _ = flowing_tx.send(false);
                    }
                    let upstream = upstream.clone();
                    let mut cut = cut_tx.subscribe();
                    let gate = (stall == Stall::EveryOnceASecondOpens).then(|| flowing.clone());
                    tokio::spawn(async move {
                        let Ok(server) = TcpStream::connect(&upstream).await else {
                            return;
                        };
                        let (client_read, client_write) = client.into_split();
                        let (server_read, server_write) = server.into_split();
                        tokio::select! {
                            _ = pump(client_read, server_write, gate.clone()) => {}
                            _ = pump(server_read, client_write, gate) => {}
                            _ = cut.recv() => {}
                        }
                    });
                }
            });
        });
        Forwarder {
            port: port_rx.recv().unwrap(),
            control,
        }
    }

    /// Drops every open connection at once, as when a network drops; new
    /// connections still go through.
    pub fn cut(&self) {
        self.control.send(Control::Cut).unwrap();
    }

    /// A stalled connection moves bytes again.
    pub fn release(&self) {
        self.control.send(Control::Release).unwrap();
    }

    /// A copy of `kubeconfig` in `dir` whose server is this forwarder.
    pub fn kubeconfig(&self, kubeconfig: &Path, dir: &Path) -> PathBuf {
        let text = std::fs::read_to_string(kubeconfig).unwrap();
        let server = server_of(kubeconfig);
        let path = dir.join(format!("forwarded-{}.yaml", self.port));
        std::fs::write(
            &path,
            text.replace(&server, &format!("https://127.0.0.1:{}", self.port)),
        )
        .unwrap();
        path
    }
}

/// The kubeconfig's server URL (`https://host:port`).
pub fn server_of(kubeconfig: &Path) -> String {
    std::fs::read_to_string(kubeconfig)
        .unwrap()
        .lines()
        .find_map(|l| l.trim().strip_prefix("server: "))
        .expect("a server line")
        .to_string()
}

/// Host and port of the kubeconfig's server, for `Forwarder::start`.
pub fn upstream_of(kubeconfig: &Path) -> String {
    server_of(kubeconfig)
        .trim_start_matches("https://")
        .to_string()
}

/// Copies bytes one way; while `gate` says no, reads nothing.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mut gate: Option<watch::Receiver<bool>>,
) {
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        if let Some(gate) = gate.as_mut()
            && gate.wait_for(|flowing| *flowing).await.is_err()
        {
            return;
        }
        let n = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        // Stalled while this was read: held until released.
        if let Some(gate) = gate.as_mut()
            && gate.wait_for(|flowing| *flowing).await.is_err()
        {
            return;
        }
        if to.write_all(&buffer[..n]).await.is_err() {
            return;
        }
    }
}
