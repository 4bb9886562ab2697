//! Whether the API server's process answers, without asking it anything: an
//! HTTP/2 connection of its own that carries no request, only PING frames.
//! The server answers a PING itself (a frozen process does not), and a PING
//! is not a request: the server counts none and does no work for it, where
//! `/readyz` every few seconds from each of a class's 31 dashboards would
//! be most of what the class asks of it. kube's client speaks HTTP/1.1 only
//! (its exec needs the upgrade), so this connection is dialled here, through
//! the same proxy and with the same TLS identity.

use std::sync::Arc;
use std::time::Duration;

use h2::{Ping, PingPong};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::proxy::{SocksV5, Tunnel};
use hyper_util::rt::TokioIo;
use kube::Config;
use kube::client::ConfigExt;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::ServerName;
use tower_service::Service;

/// How to reach the API server for PINGs: its address, the proxy on the
/// way, and the TLS settings of the kubeconfig's context.
#[derive(Clone)]
pub struct Pinger {
    server: http::Uri,
    proxy: Option<http::Uri>,
    name: ServerName<'static>,
    tls: Arc<tokio_rustls::rustls::ClientConfig>,
}

impl std::fmt::Debug for Pinger {
    // The TLS settings hold the client's key: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pinger")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// Why a dial failed.
#[derive(Debug)]
pub enum DialError {
    /// The server is reached some way that carries no HTTP/2 (a front that
    /// speaks HTTP/1.1 only): `/readyz` is asked instead.
    NoHttp2,
    /// What the connection said.
    Failed(String),
}

impl Pinger {
    /// From the client's config (after its proxy is chosen); None where the
    /// server is reached some way that carries no HTTP/2 (plain HTTP, an
    /// https:// proxy): `/readyz` is asked instead.
    pub fn new(config: &Config) -> Option<Pinger> {
        if config.cluster_url.scheme_str() != Some("https") {
            return None;
        }
        let proxy = match &config.proxy_url {
            Some(p) if matches!(p.scheme_str(), Some("http" | "socks5")) => Some(p.clone()),
            Some(_) => return None,
            None => None,
        };
        let host = match &config.tls_server_name {
            Some(name) => name.clone(),
            None => config.cluster_url.host()?.to_string(),
        };
        // An IPv6 literal comes bracketed in a URL.
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let name = ServerName::try_from(host.to_string()).ok()?;
        let mut tls = config.rustls_client_config().ok()?;
        tls.alpn_protocols = vec![b"h2".to_vec()];
        Some(Pinger {
            server: config.cluster_url.clone(),
            proxy,
            name,
            tls: Arc::new(tls),
        })
    }

    /// A connection whose PINGs are answered, or why not.
    pub async fn dial(&self) -> Result<Connected, DialError> {
        let tcp = self.tcp().await.map_err(DialError::Failed)?;
        let tls = TlsConnector::from(self.tls.clone())
            .connect(self.name.clone(), tcp)
            .await
            .map_err(|e| DialError::Failed(e.to_string()))?;
        if tls.get_ref().1.alpn_protocol() != Some(b"h2") {
            return Err(DialError::NoHttp2);
        }
        let (_requests, mut connection) = h2::client::handshake(tls)
            .await
            .map_err(|e| DialError::Failed(e.to_string()))?;
        // Given once per connection: this is its first.
        let pings = connection.ping_pong().ok_or(DialError::NoHttp2)?;
        // The connection answers the server (its SETTINGS, the PONGs) only
        // while it is driven; it ends when the server closes it (an idle
        // connection, after a minute or two) or it breaks.
        let driver = tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Connected {
            pings,
            driver,
            _requests,
        })
    }

    /// The TCP stream to the server, through the proxy when there is one.
    async fn tcp(&self) -> Result<TcpStream, String> {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        let io = match &self.proxy {
            None => call(http, self.server.clone()).await?,
            Some(p) if p.scheme_str() == Some("socks5") => {
                call(SocksV5::new(p.clone(), http), self.server.clone()).await?
            }
            Some(p) => {
                let mut tunnel = Tunnel::new(p.clone(), http);
                if let Some(auth) = proxy_basic_auth(p) {
                    tunnel = tunnel.with_auth(auth);
                }
                call(tunnel, self.server.clone()).await?
            }
        };
        Ok(io.into_inner())
    }
}

/// The proxy's `Proxy-Authorization` from its URL's user:password, as kube
/// sends it (percent-escapes decoded first).
fn proxy_basic_auth(proxy: &http::Uri) -> Option<http::HeaderValue> {
    use base64::Engine;
    let (userinfo, _) = proxy.authority()?.as_str().rsplit_once('@')?;
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(userinfo).collect();
    let value = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(decoded)
    );
    let mut value = http::HeaderValue::from_str(&value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// Asks a connector for a connection to `uri`.
async fn call<C>(mut connector: C, uri: http::Uri) -> Result<TokioIo<TcpStream>, String>
where
    C: Service<http::Uri, Response = TokioIo<TcpStream>>,
    C::Error: std::fmt::Display,
{
    std::future::poll_fn(|cx| connector.poll_ready(cx))
        .await
        .map_err(|e| e.to_string())?;
    connector.call(uri).await.map_err(|e| e.to_string())
}

/// An HTTP/2 connection that only PINGs.
pub struct Connected {
    pings: PingPong,
    driver: JoinHandle<()>,
    /// Kept so the connection is not closed for want of a request handle.
    _requests: h2::client::SendRequest<bytes::Bytes>,
}

/// What became of one PING.
#[derive(Debug, PartialEq, Eq)]
pub enum Pong {
    Answered,
    /// Not within the limit: the server is frozen, or the way to it.
    NoAnswer,
    /// The connection ended (the server closed an idle one, or it broke):
    /// dial again, and that says whether the server is there.
    Closed,
}

impl Connected {
    /// Whether the server answers a PING within `limit`.
    pub async fn ping(&mut self, limit: Duration) -> Pong {
        if self.driver.is_finished() {
            return Pong::Closed;
        }
        match tokio::time::timeout(limit, self.pings.ping(Ping::opaque())).await {
            Ok(Ok(_)) => Pong::Answered,
            Ok(Err(_)) => Pong::Closed,
            Err(_) => Pong::NoAnswer,
        }
    }
}

impl Drop for Connected {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::Pinger;
    use kube::Config;

    fn config(server: &str, proxy: Option<&str>) -> Config {
        let mut config = Config::new(server.parse().unwrap());
        config.proxy_url = proxy.map(|p| p.parse().unwrap());
        config
    }

    #[test]
    fn only_a_server_reached_over_tls_is_pinged() {
        assert!(Pinger::new(&config("https://10.0.0.1:6443", None)).is_some());
        assert!(
            Pinger::new(&config(
                "https://api.example:6443",
                Some("http://proxy:3128")
            ))
            .is_some()
        );
        assert!(
            Pinger::new(&config(
                "https://api.example:6443",
                Some("socks5://proxy:1080")
            ))
            .is_some()
        );
        assert!(Pinger::new(&config("https://[::1]:6443", None)).is_some());
        // No TLS, no ALPN: no HTTP/2 to ask for.
        assert!(Pinger::new(&config("http://127.0.0.1:8001", None)).is_none());
        // TLS to the proxy itself: not dialled here.
        assert!(
            Pinger::new(&config(
                "https://api.example:6443",
                Some("https://proxy:3128")
            ))
            .is_none()
        );
    }

    #[test]
    fn a_proxys_credentials_are_sent_decoded() {
        let auth = |url: &str| super::proxy_basic_auth(&url.parse().unwrap());
        // "user:pa@ss" in base64.
        assert_eq!(
            auth("http://user:pa%40ss@proxy:3128")
                .unwrap()
                .to_str()
                .unwrap(),
            "Basic dXNlcjpwYUBzcw=="
        );
        assert!(auth("http://proxy:3128").is_none());
    }

    #[test]
    fn the_certificate_is_checked_against_tls_server_name() {
        let mut with_name = config("https://10.0.0.1:6443", None);
        with_name.tls_server_name = Some("kubernetes.default".into());
        let pinger = Pinger::new(&with_name).unwrap();
        assert_eq!(pinger.name.to_str(), "kubernetes.default");
        assert_eq!(pinger.tls.alpn_protocols, vec![b"h2".to_vec()]);
        // The key is never printed.
        assert!(!format!("{pinger:?}").contains("tls"));
    }
}
