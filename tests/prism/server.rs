//! One `prism mock` process per spec, behind a proxy on 127.0.0.1 that records each request and
//! Prism's answer. The generated clients hide response headers, and Prism reports a request that
//! breaks the spec in its `sl-violations` header while answering with the spec's own 422 or 400
//! when there is one, a response the client decodes as a documented error; only the recording
//! tells the two apart.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

use crate::install::{prism_cli, VERSION};

/// Dynamic responses from a fixed seed, so that a failure reproduces.
const SEED: &str = "oapigen";

/// How long Prism may take to load a spec and listen, on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running `prism mock -d --errors` of `specs/<spec>.yaml`; killed on drop.
pub struct Prism {
    spec: String,
    child: Child,
    log: Arc<Mutex<String>>,
    proxy_url: String,
    proxy: tokio::task::JoinHandle<()>,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl Prism {
    /// Starts Prism on `specs/<spec>.yaml` (installing it first if needed) and waits until it
    /// listens.
    pub async fn start(spec: &str) -> Prism {
        let cli = prism_cli();
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("specs")
            .join(format!("{spec}.yaml"));
        let mut attempt = 1;
        let (child, log, port) = loop {
            match spawn(cli, &path).await {
                Ok(started) => break started,
                // The free port was taken between our probe and Prism's bind: try another.
                Err(log) if log.contains("EADDRINUSE") && attempt < 3 => attempt += 1,
                Err(log) => panic!(
                    "Prism {VERSION} did not start listening for specs/{spec}.yaml within {} s. \
                     Its output:\n{log}",
                    START_TIMEOUT.as_secs()
                ),
            }
        };
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let (proxy_url, proxy) =
            proxy(format!("http://127.0.0.1:{port}"), Arc::clone(&exchanges)).await;
        Prism {
            spec: spec.to_owned(),
            child,
            log,
            proxy_url,
            proxy,
            exchanges,
        }
    }

    /// The base URL for the generated clients (the recording proxy in front of Prism).
    pub fn url(&self) -> &str {
        &self.proxy_url
    }

    /// The HTTP client to give the generated clients: no system proxy, and with `status`,
    /// `Prefer: code=<status>`, which makes Prism answer with that documented response.
    pub fn http(&self, status: Option<u16>) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(status) = status {
            let prefer = HeaderValue::from_str(&format!("code={status}")).unwrap();
            headers.insert("prefer", prefer);
        }
        reqwest::Client::builder()
            .no_proxy()
            .default_headers(headers)
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap()
    }

    /// Awaits one client call and returns its outcome with the one exchange it made.
    pub async fn exchange<T, E>(
        &self,
        operation: &str,
        call: impl Future<Output = Result<T, E>>,
    ) -> (Result<T, E>, Exchange) {
        let outcome = call.await;
        let mut exchanges = std::mem::take(&mut *self.exchanges.lock().unwrap());
        assert_eq!(
            exchanges.len(),
            1,
            "{}: {operation} made {} requests instead of one: {exchanges:#?}\nPrism's log:\n{}",
            self.spec,
            exchanges.len(),
            self.log()
        );
        (outcome, exchanges.remove(0))
    }

    /// [`Self::exchange`], failing the test when Prism rejected the request.
    pub async fn check<T, E>(
        &self,
        operation: &str,
        call: impl Future<Output = Result<T, E>>,
    ) -> (Result<T, E>, Exchange) {
        let (outcome, exchange) = self.exchange(operation, call).await;
        if let Some(rejection) = exchange.rejection() {
            panic!(
                "{}: Prism {VERSION} rejected the request of {operation}: {rejection}\n{exchange}",
                self.spec
            );
        }
        (outcome, exchange)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        self.proxy.abort();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs Prism on a free port until it says it listens: the child, its output so far (still
/// growing) and the port; or, when it exits or times out first, its output.
async fn spawn(cli: &Path, spec: &Path) -> Result<(Child, Arc<Mutex<String>>, u16), String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port on 127.0.0.1")
        .port();
    let mut child = Command::new("node")
        .arg(cli)
        .args(["mock", "-d", "--errors", "--seed", SEED, "-h", "127.0.0.1"])
        .arg("-p")
        .arg(port.to_string())
        .arg(spec)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("could not run `node {}`: {error}", cli.display()));
    // Both pipes are drained for the process's whole life: Prism logs every request, and a
    // full pipe would stall it.
    let log = Arc::new(Mutex::new(String::new()));
    drain(child.stdout.take().unwrap(), Arc::clone(&log));
    drain(child.stderr.take().unwrap(), Arc::clone(&log));
    let listening = format!("Prism is listening on http://127.0.0.1:{port}");
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if log.lock().unwrap().contains(&listening)
            && tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
        {
            return Ok((child, log, port));
        }
        let exited = child.try_wait().ok().flatten();
        if exited.is_some() || Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            // Let the readers take the last lines.
            tokio::time::sleep(Duration::from_millis(100)).await;
            let output = log.lock().unwrap().clone();
            return Err(match exited {
                Some(status) => format!("{output}\n(Prism exited: {status})"),
                None => format!("{output}\n(no \"{listening}\" yet)"),
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn drain(pipe: impl Read + Send + 'static, log: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { return };
            let mut log = log.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
}

/// One request as the client sent it and Prism's answer to it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub method: String,
    pub target: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: String,
    pub status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
}

impl Exchange {
    /// A response header.
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.response_headers, name)
    }

    /// Why Prism refused the request, if it did: the violations it lists in `sl-violations`
    /// (also for a response it generated that breaks the spec, which `--errors` turns into a
    /// 500), or a problem+json body of Prism's own (missing credentials, no such operation, ...;
    /// no spec here declares problem+json).
    pub fn rejection(&self) -> Option<String> {
        if let Some(violations) = self.header("sl-violations") {
            return Some(format!("sl-violations: {violations}"));
        }
        let content_type = self.header("content-type").unwrap_or_default();
        content_type
            .starts_with("application/problem+json")
            .then(|| format!("status {}, {}", self.status, self.response_body))
    }

    /// The response body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.response_body)
            .unwrap_or_else(|error| panic!("Prism's body is not JSON ({error}):\n{self}"))
    }
}

impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "request sent: {} {}", self.method, self.target)?;
        for (name, value) in &self.request_headers {
            writeln!(f, "  {name}: {value}")?;
        }
        writeln!(f, "  body: {:?}", self.request_body)?;
        writeln!(f, "Prism's response: {}", self.status)?;
        for (name, value) in &self.response_headers {
            writeln!(f, "  {name}: {value}")?;
        }
        write!(f, "  body: {}", self.response_body)
    }
}

fn find<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

fn pairs(headers: &hyper::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect()
}

/// Headers about one connection hop, which each side sets for itself.
fn hop_by_hop(name: &HeaderName) -> bool {
    [
        "host",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
    ]
    .contains(&name.as_str())
}

/// A proxy to `upstream` that records every exchange; its base URL and its task.
async fn proxy(
    upstream: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the proxy on 127.0.0.1");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (upstream, http, exchanges) =
                (upstream.clone(), http.clone(), Arc::clone(&exchanges));
            let service = service_fn(move |request| {
                forward(
                    request,
                    upstream.clone(),
                    http.clone(),
                    Arc::clone(&exchanges),
                )
            });
            tokio::spawn(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
        }
    });
    (url, task)
}

async fn forward(
    request: hyper::Request<Incoming>,
    upstream: String,
    http: reqwest::Client,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|body| body.to_bytes())
        .unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |target| target.as_str());
    let mut forwarded = http.request(parts.method.clone(), format!("{upstream}{target}"));
    for (name, value) in &parts.headers {
        if !hop_by_hop(name) {
            forwarded = forwarded.header(name, value);
        }
    }
    if !body.is_empty() || parts.headers.contains_key("content-length") {
        forwarded = forwarded.body(body.clone());
    }
    let (status, headers, response_body) = match forwarded.send().await {
        Ok(response) => {
            let status = response.status();
            let headers = response.headers().clone();
            (status, headers, response.bytes().await.unwrap_or_default())
        }
        Err(error) => (
            hyper::StatusCode::BAD_GATEWAY,
            hyper::HeaderMap::new(),
            Bytes::from(format!("the test proxy could not reach Prism: {error}")),
        ),
    };
    exchanges.lock().unwrap().push(Exchange {
        method: parts.method.to_string(),
        target: target.to_owned(),
        request_headers: pairs(&parts.headers),
        request_body: String::from_utf8_lossy(&body).into_owned(),
        status: status.as_u16(),
        response_headers: pairs(&headers),
        response_body: String::from_utf8_lossy(&response_body).into_owned(),
    });
    let mut response = hyper::Response::new(Full::new(response_body));
    *response.status_mut() = status;
    for (name, value) in &headers {
        if !hop_by_hop(name) {
            response.headers_mut().append(name, value.clone());
        }
    }
    Ok(response)
}
