//! Hostile uploads against the real `frontdesk serve` (SQLite): for each generated bomb, the
//! server's resident memory above idle (sampled every 10 ms), the reader child's peak, the
//! `/healthz` latency while it runs, and how long until the document is marked failed.
//!
//! `cargo bench -p frontdesk --bench hostile_uploads` prints the numbers. Under `cargo test`
//! it runs the smallest bomb once so the suite keeps it working.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use frontdesk_knowledge::extract::bombs;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_frontdesk");
const TIME_LIMIT_SECS: u64 = 20;

/// A memory figure of `/proc/<pid>/status` (`VmRSS:`, `VmHWM:`), in KiB.
fn rss_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// The server's children (the reader, while one runs).
fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return vec![];
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|c| {
            c.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start() -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let child = Command::new(BIN)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FRONTDESK_LOG", "error")
        .env("FRONTDESK_EMBEDDING", "none")
        .env(
            "FRONTDESK_EXTRACTION_TIMEOUT_SECS",
            TIME_LIMIT_SECS.to_string(),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start frontdesk");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..400 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Server {
        child,
        base,
        _dir: dir,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let server = start().await;
    let client = reqwest::Client::new();
    let base = &server.base;
    let signup: Value = client
        .post(format!("{base}/api/v1/auth/signup"))
        .json(&json!({"email": "owner@bench.test", "password": "a good long passphrase", "name": "Dr. Bench",
            "clinic": {"name": "Bench", "slug": "bench", "time_zone": "Europe/Lisbon", "default_language": "pt"}}))
        .send()
        .await
        .expect("signup")
        .json()
        .await
        .expect("signup body");
    let token = signup["session"]["access_token"]
        .as_str()
        .expect("a token")
        .to_string();
    let pid = server.child.id();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_kib(pid, "VmRSS:").unwrap_or(0);
    println!(
        "hostile uploads (SQLite, time limit {TIME_LIMIT_SECS} s, reader memory 256 MB): server idle RSS {} MiB",
        idle / 1024
    );
    let mut cases: Vec<(&str, &str, Vec<u8>)> = vec![(
        "zeros.pdf (256 MB of zeros)",
        "application/pdf",
        bombs::pdf_of_zeros(256 << 20),
    )];
    if full {
        cases.extend([
            (
                "operators.pdf (8 MB of text operators)",
                "application/pdf",
                bombs::pdf_of_text_operators(8 << 20),
            ),
            (
                "operators.pdf (32 MB of text operators)",
                "application/pdf",
                bombs::pdf_of_text_operators(32 << 20),
            ),
            (
                "bomb.docx (200 MB of XML)",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                bombs::docx_of_size(200 << 20),
            ),
            (
                "brackets.md (200,000 nested)",
                "text/markdown",
                bombs::markdown_nested(200_000),
            ),
            (
                "brackets.md (1,000,000 nested)",
                "text/markdown",
                bombs::markdown_nested(1_000_000),
            ),
            (
                "nested.html (200,000 elements)",
                "text/html",
                bombs::html_nested(200_000),
            ),
        ]);
    }
    for (name, mime, bytes) in cases {
        let size = bytes.len();
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.split(' ').next().unwrap_or(name).to_string())
            .mime_str(mime)
            .expect("mime");
        let started = Instant::now();
        let doc: Value = client
            .post(format!("{base}/api/v1/clinics/bench/knowledge/documents"))
            .bearer_auth(&token)
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .expect("upload")
            .json()
            .await
            .expect("upload body");
        let id = doc["id"].as_str().expect("a document id").to_string();
        // The reader's peak, sampled; the server's own peak is the kernel's high-water mark.
        let child_peak = Arc::new(AtomicU64::new(0));
        let sampling = tokio::spawn({
            let child_peak = child_peak.clone();
            async move {
                loop {
                    for c in children(pid) {
                        child_peak.fetch_max(rss_kib(c, "VmRSS:").unwrap_or(0), Ordering::Relaxed);
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        });
        let mut health = Vec::new();
        let (status, error) = loop {
            let t = Instant::now();
            let ok = client
                .get(format!("{base}/healthz"))
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false);
            health.push(t.elapsed());
            assert!(ok, "/healthz failed during {name}");
            let doc: Value = client
                .get(format!(
                    "{base}/api/v1/clinics/bench/knowledge/documents/{id}"
                ))
                .bearer_auth(&token)
                .send()
                .await
                .expect("document")
                .json()
                .await
                .expect("document body");
            if !matches!(doc["status"].as_str(), Some("queued" | "extracting")) {
                break (
                    doc["status"].as_str().unwrap_or("?").to_string(),
                    doc["error"].as_str().unwrap_or("").to_string(),
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let took = started.elapsed();
        sampling.abort();
        let server_hwm = rss_kib(pid, "VmHWM:").unwrap_or(0);
        health.sort();
        println!(
            "  {name:<42} {:>7} KB upload → {status} in {:>6.2} s; server peak RSS {} MiB ({:+} MiB over idle), reader peak {} MiB; /healthz p50 {:.1} ms p99 {:.1} ms max {:.1} ms ({} requests); {}",
            size / 1024,
            took.as_secs_f64(),
            server_hwm / 1024,
            (server_hwm as i64 - idle as i64) / 1024,
            child_peak.load(Ordering::Relaxed) / 1024,
            percentile(&health, 0.5).as_secs_f64() * 1e3,
            percentile(&health, 0.99).as_secs_f64() * 1e3,
            health.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            health.len(),
            error.chars().take(70).collect::<String>(),
        );
        if !full {
            assert_eq!(status, "failed", "{name} was not refused: {error}");
        }
    }
}
