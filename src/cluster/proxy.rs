//! Which proxy the API server is reached through, decided as kubectl decides
//! it (client-go, then Go's `ProxyFromEnvironment`): a kubeconfig cluster's
//! `proxy-url` wins and is used for every request; otherwise `HTTPS_PROXY`
//! (`HTTP_PROXY` for an http:// server), unless the server is localhost or
//! a loopback address, or matches `NO_PROXY`.
//!
//! kube-rs reads the same variables but matches `NO_PROXY` against the
//! proxy's own address, so stsdash decides here and sets the result.

use std::net::IpAddr;

use http::Uri;

/// Where the proxy setting came from, for the user's one line about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxySource {
    Kubeconfig,
    Env(&'static str),
}

/// The proxy to use for `server`, or None for a direct connection.
/// `kubeconfig` is the cluster entry's `proxy-url`; `env` reads a variable.
pub fn choose(
    server: &Uri,
    kubeconfig: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<(Uri, ProxySource)>, String> {
    let nonempty = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    if let Some(url) = kubeconfig.filter(|u| !u.trim().is_empty()) {
        return parse(url).map(|u| Some((u, ProxySource::Kubeconfig)));
    }
    let names: [&'static str; 2] = if server.scheme_str() == Some("http") {
        ["HTTP_PROXY", "http_proxy"]
    } else {
        ["HTTPS_PROXY", "https_proxy"]
    };
    let Some((name, url)) = names
        .iter()
        .find_map(|name| nonempty(env(name)).map(|v| (*name, v)))
    else {
        return Ok(None);
    };
    let host = server.host().unwrap_or_default();
    let port = server
        .port_u16()
        .unwrap_or(if server.scheme_str() == Some("http") {
            80
        } else {
            443
        });
    if is_loopback(host) {
        return Ok(None);
    }
    let no_proxy = nonempty(env("NO_PROXY")).or_else(|| nonempty(env("no_proxy")));
    if let Some(list) = no_proxy
        && bypasses(&list, host, port)
    {
        return Ok(None);
    }
    parse(&url).map(|u| Some((u, ProxySource::Env(name))))
}

/// A proxy URL; "host:port" alone means http://, as in Go.
fn parse(url: &str) -> Result<Uri, String> {
    let url = url.trim();
    let with_scheme = if url.contains("://") {
        url.to_string()
    } else {
        format!("http://{url}")
    };
    let uri: Uri = with_scheme
        .parse()
        .map_err(|_| crate::t!("cluster-proxy-not-a-url", url = redact(url)))?;
    match uri.scheme_str() {
        Some("http" | "https" | "socks5") if uri.host().is_some() => Ok(uri),
        _ => Err(crate::t!("cluster-proxy-scheme", url = redact(url))),
    }
}

/// Go never proxies localhost or a loopback address.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether `NO_PROXY` (comma-separated: `*`, IPs, CIDRs, domains with an
/// optional leading `.` or `*.`, each with an optional `:port`) names the host.
fn bypasses(list: &str, host: &str, port: u16) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    let host_ip = host.parse::<IpAddr>().ok();
    list.split(',')
        .map(|entry| entry.trim().to_ascii_lowercase())
        .filter(|entry| !entry.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            if let Some((net, bits)) = entry.split_once('/') {
                return match (host_ip, net.parse::<IpAddr>(), bits.parse::<u8>()) {
                    (Some(ip), Ok(net), Ok(bits)) => in_network(ip, net, bits),
                    _ => false,
                };
            }
            if let Ok(ip) = entry
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
            {
                return host_ip == Some(ip);
            }
            // host:port, [v6]:port
            let (name, entry_port) = match entry.rsplit_once(':') {
                Some((name, p)) if p.bytes().all(|b| b.is_ascii_digit()) => {
                    (name, p.parse::<u16>().ok())
                }
                _ => (entry.as_str(), None),
            };
            let name = name.trim_start_matches('[').trim_end_matches(']');
            if entry_port.is_some_and(|p| p != port) {
                return false;
            }
            if let Ok(ip) = name.parse::<IpAddr>() {
                return host_ip == Some(ip);
            }
            // ".example.com" and "*.example.com": subdomains only; "example.com": it and its subdomains.
            match name.strip_prefix("*.").or_else(|| name.strip_prefix('.')) {
                Some(domain) => host.ends_with(&format!(".{domain}")),
                None => host == name || host.ends_with(&format!(".{name}")),
            }
        })
}

fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// A URL as it may be shown: user and password replaced by `***`.
pub fn redact(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((_, host)) => format!("***@{host}"),
        None => authority.to_string(),
    };
    match scheme {
        Some(scheme) => format!("{scheme}://{authority}{tail}"),
        None => format!("{authority}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn chosen(server: &str, kubeconfig: Option<&str>, vars: &[(&str, &str)]) -> Option<String> {
        choose(&server.parse().unwrap(), kubeconfig, with(vars))
            .unwrap()
            .map(|(uri, _)| uri.to_string())
    }

    #[test]
    fn the_environment_proxies_a_remote_server_and_never_loopback() {
        let proxy = [("HTTPS_PROXY", "http://proxy:3128")];
        assert_eq!(
            chosen("https://k8s.school.org:6443", None, &proxy),
            Some("http://proxy:3128/".into())
        );
        for local in [
            "https://127.0.0.1:6443",
            "https://localhost:6443",
            "https://[::1]:6443",
        ] {
            assert_eq!(chosen(local, None, &proxy), None, "{local}");
        }
        assert_eq!(
            chosen(
                "https://k8s.school.org",
                None,
                &[("https_proxy", "proxy:8080")]
            ),
            Some("http://proxy:8080/".into()),
            "lower case, and no scheme means http"
        );
        assert_eq!(
            chosen("http://k8s.school.org", None, &proxy),
            None,
            "an http server reads HTTP_PROXY"
        );
    }

    #[test]
    fn no_proxy_matches_the_server_as_go_does() {
        let cases = [
            ("k8s.school.org", true),
            (".school.org", true),
            ("*.school.org", true),
            ("school.org", true),
            (".k8s.school.org", false),
            ("other.org", false),
            ("10.0.0.0/8", false),
            ("k8s.school.org:6443", true),
            ("k8s.school.org:443", false),
            ("*", true),
        ];
        for (no_proxy, bypassed) in cases {
            let vars = [("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", no_proxy)];
            assert_eq!(
                chosen("https://k8s.school.org:6443", None, &vars).is_none(),
                bypassed,
                "NO_PROXY={no_proxy}"
            );
        }
        let vars = [
            ("HTTPS_PROXY", "http://proxy:3128"),
            ("no_proxy", "localhost, 10.0.0.0/8"),
        ];
        assert_eq!(chosen("https://10.20.30.40:6443", None, &vars), None);
        assert!(chosen("https://11.0.0.1:6443", None, &vars).is_some());
    }

    #[test]
    fn the_kubeconfig_proxy_wins_and_is_used_even_for_loopback() {
        let vars = [("HTTPS_PROXY", "http://env:1"), ("NO_PROXY", "*")];
        assert_eq!(
            chosen("https://127.0.0.1:6443", Some("socks5://sock:1080"), &vars),
            Some("socks5://sock:1080/".into())
        );
    }

    #[test]
    fn a_bad_proxy_is_said_without_its_password() {
        let error = choose(
            &"https://k8s:6443".parse().unwrap(),
            Some("ftp://me:secret@proxy:21"),
            with(&[]),
        )
        .unwrap_err();
        assert!(error.contains("ftp://***@proxy:21"), "{error}");
        assert!(!error.contains("secret"), "{error}");
        assert_eq!(
            redact("http://u:p@h:1/x?y"),
            "http://***@h:1/x?y".to_string()
        );
        assert_eq!(redact("h:1"), "h:1");
    }
}
