//! `frontdesk-bench`: measures the foundation's numbers against the real release binary on
//! loopback and prints them. Run: `cargo run --release -p frontdesk --bin frontdesk-bench`.
//!
//! - start to serving (fresh data directory, and again with the database already there)
//! - idle memory (RSS) after start
//! - `GET /api/v1/me` throughput, closed loop over keep-alive connections
//! - `GET /api/v1/me` latency at a fixed 1,000 requests/s, open loop (latency counted from
//!   each request's scheduled time, so a stall is not hidden)
//! - one argon2id hash at the server's parameters
//! - `/healthz` latency while 50 logins run at once
//!
//! The load generator is a minimal HTTP/1.1 client on one thread, so nearly all of the
//! second core is left to the server.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn server_binary() -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe()?;
    let bin = me.with_file_name("frontdesk");
    if !bin.exists() {
        bail!(
            "{} not found; build it with `cargo build --release -p frontdesk`",
            bin.display()
        );
    }
    Ok(bin)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Starts the server and returns once `/healthz` answers, with the time that took.
async fn start(data_dir: &Path, extra_env: &[(&str, &str)]) -> anyhow::Result<(Server, Duration)> {
    let port = free_port()?;
    let started = Instant::now();
    let mut cmd = Command::new(server_binary()?);
    cmd.args([
        "serve",
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--data-dir",
    ])
    .arg(data_dir)
    .env(
        "FRONTDESK_LOG",
        std::env::var("FRONTDESK_LOG").unwrap_or_else(|_| "info".into()),
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let child = cmd.spawn()?;
    let server = Server { child, port };
    loop {
        if let Ok(mut conn) = Conn::open(port).await
            && conn
                .request("GET", "/healthz", None, None)
                .await
                .map(|(s, _)| s == 200)
                .unwrap_or(false)
        {
            return Ok((server, started.elapsed()));
        }
        if started.elapsed() > Duration::from_secs(30) {
            bail!("server did not become healthy within 30 s");
        }
        tokio::time::sleep(Duration::from_micros(500)).await;
    }
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
    body: Vec<u8>,
}

impl Conn {
    async fn open(port: u16) -> std::io::Result<Self> {
        let stream = TcpStream::connect(("127.0.0.1", port)).await?;
        stream.set_nodelay(true)?;
        let (r, w) = stream.into_split();
        Ok(Conn {
            reader: BufReader::new(r),
            writer: w,
            body: Vec::new(),
        })
    }

    async fn request(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        json: Option<&str>,
    ) -> anyhow::Result<(u16, String)> {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if let Some(t) = token {
            req.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        if let Some(b) = json {
            req.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
                b.len()
            ));
        } else {
            req.push_str("\r\n");
        }
        self.writer.write_all(req.as_bytes()).await?;
        let mut line = String::new();
        self.reader.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .context("no status line")?
            .parse()?;
        let mut length = 0usize;
        loop {
            line.clear();
            if self.reader.read_line(&mut line).await? == 0 {
                bail!("connection closed");
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse()?;
            }
        }
        self.body.resize(length, 0);
        self.reader.read_exact(&mut self.body).await?;
        Ok((status, String::from_utf8_lossy(&self.body).into_owned()))
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn rss_mib(pid: u32) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .context("no VmRSS")?
        .parse()?;
    Ok(kib / 1024.0)
}

fn json_field(body: &str, pointer: &str) -> anyhow::Result<String> {
    let v: serde_json::Value = serde_json::from_str(body)?;
    v.pointer(pointer)
        .and_then(|v| v.as_str())
        .map(String::from)
        .with_context(|| format!("{pointer} missing in {body}"))
}

const PASSWORD: &str = "a good long passphrase";

async fn signup(port: u16, email: &str, slug: &str) -> anyhow::Result<String> {
    let mut conn = Conn::open(port).await?;
    let body = format!(
        r#"{{"email":"{email}","password":"{PASSWORD}","name":"Bench","clinic":{{"name":"Bench {slug}","slug":"{slug}","time_zone":"Europe/Istanbul"}}}}"#
    );
    let (status, text) = conn
        .request("POST", "/api/v1/auth/signup", None, Some(&body))
        .await?;
    if status != 201 {
        bail!("signup failed: {status} {text}");
    }
    json_field(&text, "/session/access_token")
}

/// Closed loop: `connections` clients send `GET /api/v1/me` back to back for `duration`.
async fn throughput(
    port: u16,
    token: &str,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<(f64, Vec<Duration>, u64)> {
    let stop = Arc::new(AtomicBool::new(false));
    let errors = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (stop, errors, token) = (stop.clone(), errors.clone(), token.to_string());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(100_000);
            let Ok(mut conn) = Conn::open(port).await else {
                return lat;
            };
            while !stop.load(Ordering::Relaxed) {
                let t = Instant::now();
                match conn.request("GET", "/api/v1/me", Some(&token), None).await {
                    Ok((200, _)) => lat.push(t.elapsed()),
                    _ => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            lat
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(duration).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await?);
    }
    let rps = all.len() as f64 / started.elapsed().as_secs_f64();
    all.sort();
    Ok((rps, all, errors.load(Ordering::Relaxed)))
}

/// Open loop: requests start on a fixed schedule at `rate` per second over a pool of
/// connections; latency is measured from each request's scheduled start.
async fn fixed_rate(
    port: u16,
    path: &'static str,
    token: Option<String>,
    rate: u32,
    duration: Duration,
) -> anyhow::Result<Vec<Duration>> {
    let pool = 32usize;
    let (tx, rx) = async_channel(pool * 4);
    let mut workers = Vec::new();
    for _ in 0..pool {
        let rx = rx.clone();
        let token = token.clone();
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let Ok(mut conn) = Conn::open(port).await else {
                return lat;
            };
            while let Ok(scheduled) = rx.recv().await {
                if conn
                    .request("GET", path, token.as_deref(), None)
                    .await
                    .is_ok()
                {
                    lat.push(scheduled.elapsed());
                }
            }
            // Latency counts from the scheduled start: a request that waited for a free
            // connection because the server stalled is charged for the wait.
            lat
        }));
    }
    drop(rx);
    let interval = Duration::from_secs_f64(1.0 / f64::from(rate));
    let start = Instant::now();
    let total = (duration.as_secs_f64() * f64::from(rate)) as u64;
    for i in 0..total {
        let at = start + interval.mul_f64(i as f64);
        // tokio's timer has millisecond granularity: sleep to just before, then yield until
        // the exact instant, so the generator's own lateness does not count as latency.
        if let Some(early) = at.checked_sub(Duration::from_millis(2)) {
            tokio::time::sleep_until(early.into()).await;
        }
        while Instant::now() < at {
            tokio::task::yield_now().await;
        }
        tx.send(at).await.ok();
    }
    drop(tx);
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await?);
    }
    all.sort();
    Ok(all)
}

/// A small multi-consumer channel from tokio's primitives.
fn async_channel(cap: usize) -> (Sender, Receiver) {
    let (tx, rx) = tokio::sync::mpsc::channel(cap);
    (Sender(tx), Receiver(Arc::new(tokio::sync::Mutex::new(rx))))
}
struct Sender(tokio::sync::mpsc::Sender<Instant>);
impl Sender {
    async fn send(&self, v: Instant) -> Result<(), ()> {
        self.0.send(v).await.map_err(|_| ())
    }
}
#[derive(Clone)]
struct Receiver(Arc<tokio::sync::Mutex<tokio::sync::mpsc::Receiver<Instant>>>);
impl Receiver {
    async fn recv(&self) -> Result<Instant, ()> {
        self.0.lock().await.recv().await.ok_or(())
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() -> anyhow::Result<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let secs = |full: u64| Duration::from_secs(if quick { 2 } else { full });
    println!(
        "frontdesk-bench on {} cores (load generator: 1 thread)",
        std::thread::available_parallelism()?.get()
    );

    // Start to serving.
    let mut fresh = Vec::new();
    let mut warm = Vec::new();
    for _ in 0..if quick { 3 } else { 10 } {
        let dir = tempfile::tempdir()?;
        let (server, t) = start(dir.path(), &[]).await?;
        fresh.push(t);
        drop(server);
        let (server, t) = start(dir.path(), &[]).await?;
        warm.push(t);
        drop(server);
    }
    fresh.sort();
    warm.sort();
    println!(
        "start to serving (SQLite, new data dir):      p50 {}  max {}",
        ms(percentile(&fresh, 0.5)),
        ms(*fresh.last().unwrap_or(&Duration::ZERO))
    );
    println!(
        "start to serving (SQLite, existing data dir): p50 {}  max {}",
        ms(percentile(&warm, 0.5)),
        ms(*warm.last().unwrap_or(&Duration::ZERO))
    );

    let dir = tempfile::tempdir()?;
    let (server, _) = start(dir.path(), &[]).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(
        "idle memory after start:                       {:.1} MiB RSS",
        rss_mib(server.child.id())?
    );

    // Throughput and latency of /me.
    let token = signup(server.port, "bench@x.com", "bench-clinic").await?;
    let _ = throughput(server.port, &token, 16, Duration::from_secs(1)).await?; // warm-up
    let (rps, lat, errors) = throughput(server.port, &token, 32, secs(10)).await?;
    println!(
        "GET /api/v1/me, 32 connections, closed loop:  {rps:.0} req/s  (p50 {}, p99 {}, errors {errors})",
        ms(percentile(&lat, 0.5)),
        ms(percentile(&lat, 0.99))
    );
    let lat = fixed_rate(
        server.port,
        "/api/v1/me",
        Some(token.clone()),
        1000,
        secs(10),
    )
    .await?;
    println!(
        "GET /api/v1/me at 1,000 req/s, open loop:     p50 {}  p99 {}  max {}  ({} requests)",
        ms(percentile(&lat, 0.5)),
        ms(percentile(&lat, 0.99)),
        ms(*lat.last().unwrap_or(&Duration::ZERO)),
        lat.len()
    );
    println!(
        "memory after load:                             {:.1} MiB RSS",
        rss_mib(server.child.id())?
    );

    // One argon2id hash at the server's parameters, on this thread.
    let mut hashes = Vec::new();
    for _ in 0..if quick { 3 } else { 10 } {
        let t = Instant::now();
        frontdesk::auth::password::hash_blocking(PASSWORD)?;
        hashes.push(t.elapsed());
    }
    hashes.sort();
    println!(
        "argon2id hash (m=46 MiB, t=2, p=1):            p50 {}  min {}  max {}",
        ms(percentile(&hashes, 0.5)),
        ms(hashes[0]),
        ms(*hashes.last().unwrap_or(&Duration::ZERO))
    );

    // 50 logins at once, while /healthz is probed at 200 req/s.
    let probe = tokio::spawn(fixed_rate(
        server.port,
        "/healthz",
        None,
        200,
        Duration::from_secs(4),
    ));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let mut logins = Vec::new();
    for _ in 0..50 {
        let port = server.port;
        logins.push(tokio::spawn(async move {
            let mut conn = Conn::open(port).await?;
            let body = format!(r#"{{"email":"bench@x.com","password":"{PASSWORD}"}}"#);
            let (status, _) = conn
                .request("POST", "/api/v1/auth/login", None, Some(&body))
                .await?;
            anyhow::ensure!(status == 200, "login answered {status}");
            Ok::<Duration, anyhow::Error>(started.elapsed())
        }));
    }
    let mut done = Vec::new();
    for l in logins {
        done.push(l.await??);
    }
    done.sort();
    let health = probe.await??;
    println!(
        "50 concurrent logins:                          all done in {}  (first {}, median {})",
        ms(*done.last().unwrap_or(&Duration::ZERO)),
        ms(done[0]),
        ms(percentile(&done, 0.5))
    );
    println!(
        "  /healthz meanwhile at 200 req/s:             p50 {}  p99 {}  max {}  ({} probes)",
        ms(percentile(&health, 0.5)),
        ms(percentile(&health, 0.99)),
        ms(*health.last().unwrap_or(&Duration::ZERO)),
        health.len()
    );
    println!(
        "memory after the login burst:                  {:.1} MiB RSS",
        rss_mib(server.child.id())?
    );
    Ok(())
}
