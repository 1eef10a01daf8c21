//! Messaging numbers, over loopback HTTP against the real server, on SQLite and PostgreSQL:
//!
//! - intake: signed Twilio webhooks acknowledged durably per second (64 at a time, API
//!   process only, as in a scale-out deployment), with their acknowledgement latency;
//! - the same at a fixed 1,000 messages per second: acknowledgement p50 / p99;
//! - inbound to outbound: from the webhook's first byte to the reply reaching a fake Twilio,
//!   with the plain acknowledgement and debounce 0 (workers in the same process);
//! - busy: the burst and the fixed rate with the workers in the same process, then how long
//!   after the last webhook every queued turn and send is done.
//!
//! The fixed rate runs a first second that is not counted (connections open then).
//! `FRONTDESK_BENCH_BUSY_ONLY=postgres` runs only the busy phases, `FRONTDESK_BENCH_NO_BURST`
//! skips their burst, `FRONTDESK_BENCH_WORKERS=n` sets their worker count (8).
//!
//! `cargo bench -p frontdesk --bench messaging` prints the numbers. Under `cargo test` it runs
//! a small smoke version so the suite keeps it working.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::routing::post;
use frontdesk::configuration::{Config, RawSettings};
use frontdesk::state::AppState;
use frontdesk_channels::signature::twilio_signature;
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::{ChannelId, ClinicName, ClinicProfile, Language, Slug, TimeZone};
use frontdesk_store::{ChannelRecord, testing};
use tokio::sync::mpsc;

const PUBLIC_URL: &str = "https://frontdesk.bench";
const TOKEN: &str = "bench-token";

struct Sizes {
    burst: usize,
    busy_burst: usize,
    fixed_rate_secs: u64,
    round_trips: usize,
}

const FULL: Sizes = Sizes {
    burst: 20_000,
    busy_burst: 1_000,
    fixed_rate_secs: 5,
    round_trips: 300,
};
const SMOKE: Sizes = Sizes {
    burst: 200,
    busy_burst: 100,
    fixed_rate_secs: 0,
    round_trips: 5,
};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let full = std::env::args().any(|a| a == "--bench");
    let sizes = if full { FULL } else { SMOKE };
    let dir = tempfile::tempdir()?;
    // FRONTDESK_BENCH_BUSY_ONLY=postgres (or sqlite) runs only the phases with workers, on
    // that store, to compare changes to the intake quickly.
    let only = std::env::var("FRONTDESK_BENCH_BUSY_ONLY").ok();
    // FRONTDESK_BENCH_STATEMENTS_ONLY=postgres (or sqlite) counts only the SQL statements per
    // message, on that store.
    let statements_only = std::env::var("FRONTDESK_BENCH_STATEMENTS_ONLY").ok();
    statements::install();
    for backend in ["sqlite", "postgres"] {
        if only.as_deref().is_some_and(|o| o != backend) {
            continue;
        }
        if statements_only.as_deref().is_some_and(|o| o != backend) {
            continue;
        }
        if statements_only.is_some() {
            statements_phase(backend, &sizes, dir.path()).await?;
            continue;
        }
        if only.is_some() {
            busy_phases(backend, &sizes, dir.path()).await?;
            continue;
        }
        let intake_dir = dir.path().join(format!("{backend}-intake"));
        std::fs::create_dir_all(&intake_dir)?;
        let server = Server::start(
            &database_url(backend, &intake_dir).await,
            &intake_dir,
            0,
            None,
        )
        .await?;
        // 500 patients writing at once.
        let (rate, p50, p99) = burst(&server, sizes.burst, 64, (500, "b")).await?;
        println!(
            "{backend}: intake {rate:.0} messages/s acknowledged durably ({} at 64 concurrent; ack p50 {p50:.2} ms, p99 {p99:.2} ms)",
            sizes.burst
        );
        if sizes.fixed_rate_secs > 0 {
            let (p50, p99) = fixed_rate(&server, 1_000, sizes.fixed_rate_secs, (500, "r")).await?;
            println!(
                "{backend}: at 1,000 messages/s for {}s: ack p50 {p50:.2} ms, p99 {p99:.2} ms",
                sizes.fixed_rate_secs
            );
        }
        let e2e_dir = dir.path().join(format!("{backend}-e2e"));
        std::fs::create_dir_all(&e2e_dir)?;
        let (fake_url, mut replies) = fake_twilio().await?;
        let server = Server::start(
            &database_url(backend, &e2e_dir).await,
            &e2e_dir,
            8,
            Some(&fake_url),
        )
        .await?;
        let (p50, p99) = round_trips(&server, &mut replies, sizes.round_trips).await?;
        println!(
            "{backend}: inbound to outbound (plain acknowledgement, debounce 0): p50 {p50:.2} ms, p99 {p99:.2} ms over {} messages",
            sizes.round_trips
        );
        drop(server);
        statements_phase(backend, &sizes, dir.path()).await?;
        busy_phases(backend, &sizes, dir.path()).await?;
    }
    Ok(())
}

/// Counts the SQL statements the server runs through sqlx (every statement on PostgreSQL;
/// on SQLite the intake, bookings and hot reads run through rusqlite and are not counted).
mod statements {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use tracing::subscriber::Interest;
    use tracing::{Event, Metadata, Subscriber};
    use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

    static COUNTING: AtomicBool = AtomicBool::new(false);
    static STATEMENTS: AtomicU64 = AtomicU64::new(0);
    /// With FRONTDESK_BENCH_STATEMENTS_DETAIL set, each statement's text and how often it ran.
    static DETAIL: std::sync::Mutex<Option<std::collections::HashMap<String, u64>>> =
        std::sync::Mutex::new(None);

    struct Sql(String);

    impl tracing::field::Visit for Sql {
        fn record_str(&mut self, f: &tracing::field::Field, v: &str) {
            if f.name() == "db.statement" || (f.name() == "summary" && self.0.is_empty()) {
                self.0 = v.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
            self.record_str(f, &format!("{v:?}"));
        }
    }

    struct Count;

    impl<S: Subscriber> Layer<S> for Count {
        fn register_callsite(&self, m: &'static Metadata<'static>) -> Interest {
            // Only sqlx's statement log is ever looked at, and only while counting.
            if m.target() == "sqlx::query" {
                Interest::sometimes()
            } else {
                Interest::never()
            }
        }

        fn enabled(&self, _: &Metadata<'_>, _: Context<'_, S>) -> bool {
            COUNTING.load(Ordering::Relaxed)
        }

        fn on_event(&self, e: &Event<'_>, _: Context<'_, S>) {
            STATEMENTS.fetch_add(1, Ordering::Relaxed);
            let mut detail = DETAIL.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(seen) = detail.as_mut() {
                let mut sql = Sql(String::new());
                e.record(&mut sql);
                *seen.entry(sql.0).or_default() += 1;
            }
        }
    }

    /// Installs the counter as the process's subscriber (it logs nothing).
    pub fn install() {
        let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Count));
        tracing::callsite::rebuild_interest_cache();
    }

    /// The statements seen most often since `start`, with their counts (when asked for).
    pub fn most_often(n: usize) -> Vec<(u64, String)> {
        let detail = DETAIL.lock().unwrap_or_else(|p| p.into_inner());
        let mut seen: Vec<(u64, String)> = detail
            .iter()
            .flatten()
            .map(|(sql, count)| (*count, sql.chars().take(160).collect()))
            .collect();
        seen.sort_by(|a, b| b.cmp(a));
        seen.truncate(n);
        seen
    }

    /// Starts counting from zero.
    pub fn start() {
        if std::env::var_os("FRONTDESK_BENCH_STATEMENTS_DETAIL").is_some() {
            *DETAIL.lock().unwrap_or_else(|p| p.into_inner()) = Some(Default::default());
        }
        STATEMENTS.store(0, Ordering::Relaxed);
        COUNTING.store(true, Ordering::Relaxed);
    }

    /// Stops counting; the statements seen since `start`.
    pub fn stop() -> u64 {
        COUNTING.store(false, Ordering::Relaxed);
        STATEMENTS.load(Ordering::Relaxed)
    }
}

/// One patient's message, its reply, and the provider's report that it was delivered.
async fn exchange(
    server: &Server,
    replies: &mut mpsc::UnboundedReceiver<(String, Instant, String)>,
    contact: usize,
) -> anyhow::Result<()> {
    let from = format!("+3516{contact:08}");
    let res = server
        .client
        .execute(server.request(&from, &format!("SMs{contact}")).build()?)
        .await?;
    anyhow::ensure!(res.status() == 200, "webhook answered {}", res.status());
    let (to, _, sid) = tokio::time::timeout(Duration::from_secs(10), replies.recv())
        .await?
        .ok_or_else(|| anyhow::anyhow!("fake Twilio stopped"))?;
    anyhow::ensure!(to == format!("whatsapp:{from}"), "reply went to {to}");
    // The send records its outcome after the provider answers; let it finish.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let res = server
        .client
        .execute(server.status(&sid, &from, "delivered").build()?)
        .await?;
    anyhow::ensure!(
        res.status() == 200,
        "status callback answered {}",
        res.status()
    );
    Ok(())
}

/// Statements per inbound message, end to end (intake, turn, send, and the provider's
/// delivery callback), patients waiting for each reply; then statements per second while idle.
async fn statements_phase(
    backend: &str,
    sizes: &Sizes,
    dir: &std::path::Path,
) -> anyhow::Result<()> {
    let sdir = dir.join(format!("{backend}-statements"));
    std::fs::create_dir_all(&sdir)?;
    let (fake_url, mut replies) = fake_twilio_with_ids().await?;
    let server = Server::start(
        &database_url(backend, &sdir).await,
        &sdir,
        8,
        Some(&fake_url),
    )
    .await?;
    let n = sizes.round_trips.min(100);
    // Warm: the first turn reads what later turns find cached.
    exchange(&server, &mut replies, 0).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    statements::start();
    for contact in 1..=n {
        exchange(&server, &mut replies, contact).await?;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let total = statements::stop();
    for (count, sql) in statements::most_often(40) {
        println!("  {:>6.2} × {sql}", count as f64 / n as f64);
    }
    println!(
        "{backend}: {:.1} SQL statements per inbound message end to end (intake, turn, send, delivery callback; {n} messages{})",
        total as f64 / n as f64,
        if backend == "sqlite" {
            "; sqlx only, not the rusqlite intake"
        } else {
            ""
        }
    );
    let idle = Duration::from_secs(if sizes.round_trips > 100 { 10 } else { 2 });
    statements::start();
    tokio::time::sleep(idle).await;
    let quiet = statements::stop();
    for (count, sql) in statements::most_often(10) {
        println!("  {count:>6} × {sql}");
    }
    println!(
        "{backend}: {:.1} SQL statements per second while idle (over {} s)",
        quiet as f64 / idle.as_secs_f64(),
        idle.as_secs()
    );
    Ok(())
}

/// The intake while turns and sends run in the same process (200 patients): the webhook
/// must not queue behind a turn's row locks.
async fn busy_phases(backend: &str, sizes: &Sizes, dir: &std::path::Path) -> anyhow::Result<()> {
    {
        let busy_dir = dir.join(format!("{backend}-busy"));
        std::fs::create_dir_all(&busy_dir)?;
        let (fake_url, _replies) = fake_twilio().await?;
        let server = Server::start(
            &database_url(backend, &busy_dir).await,
            &busy_dir,
            std::env::var("FRONTDESK_BENCH_WORKERS")
                .ok()
                .and_then(|w| w.parse().ok())
                .unwrap_or(8),
            Some(&fake_url),
        )
        .await?;
        if std::env::var_os("FRONTDESK_BENCH_NO_BURST").is_none() {
            let (rate, p50, p99) = burst(&server, sizes.busy_burst, 64, (200, "w")).await?;
            println!(
                "{backend}: with workers, {} at 64 concurrent from 200 patients: {rate:.0}/s, ack p50 {p50:.2} ms, p99 {p99:.2} ms",
                sizes.busy_burst
            );
        }
        if sizes.fixed_rate_secs > 0 {
            let (p50, p99) = fixed_rate(&server, 1_000, sizes.fixed_rate_secs, (200, "f")).await?;
            println!(
                "{backend}: with workers, 1,000 messages/s for {}s from 200 patients: ack p50 {p50:.2} ms, p99 {p99:.2} ms",
                sizes.fixed_rate_secs
            );
        }
        // The workers gave way to the intake meanwhile: how long they take to catch up.
        let last_webhook = Instant::now();
        while server._state.store.next_due().await?.is_some() {
            // A job that never finishes is a failure to report, not a bench that hangs.
            anyhow::ensure!(
                last_webhook.elapsed() < Duration::from_secs(120),
                "{backend}: queued turns and sends not done 120 s after the last webhook"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        println!(
            "{backend}: with workers, every queued turn and send done {:.2} s after the last webhook",
            last_webhook.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

async fn database_url(backend: &str, dir: &std::path::Path) -> String {
    match backend {
        "sqlite" => testing::fresh_sqlite_url(dir),
        _ => testing::fresh_postgres_url().await,
    }
}

#[derive(Clone)]
struct Server {
    base: String,
    channel: ChannelId,
    client: reqwest::Client,
    _state: AppState,
}

impl Server {
    async fn start(
        url: &str,
        dir: &std::path::Path,
        workers: usize,
        twilio: Option<&str>,
    ) -> anyhow::Result<Server> {
        let mut env: Vec<(String, String)> = vec![
            ("FRONTDESK_DATABASE_URL".into(), url.to_string()),
            ("FRONTDESK_DATA_DIR".into(), dir.display().to_string()),
            ("FRONTDESK_DATABASE_MAX_CONNECTIONS".into(), "16".into()),
            (
                "FRONTDESK_SECRET_KEY".into(),
                "YmVuY2gtc2VjcmV0LWtleS10aGF0LWlzLWxvbmctZW5vdWdo".into(),
            ),
            ("FRONTDESK_PUBLIC_URL".into(), PUBLIC_URL.into()),
            ("FRONTDESK_LOG".into(), "warn".into()),
            ("FRONTDESK_WORKERS".into(), workers.to_string()),
        ];
        if let Some(t) = twilio {
            env.push(("FRONTDESK_TWILIO_API_URL".into(), t.to_string()));
        }
        let config = Config::from_sources(RawSettings::default(), &env.into_iter().collect())
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        // The plain acknowledgement: this measures the pipeline, not the assistant.
        let state = frontdesk::startup::prepare_with(
            config,
            Some(Arc::new(frontdesk::messaging::assistant::Acknowledgement)),
        )
        .await?;
        let profile = ClinicProfile {
            name: ClinicName::parse("name", "Bench Clinic")?,
            time_zone: TimeZone::parse("tz", "Europe/Lisbon")?,
            default_language: Language::Pt,
            languages: vec![Language::Pt],
            contact: Default::default(),
            address: String::new(),
            opening_hours: Default::default(),
            emergency_instructions: String::new(),
            persona: Default::default(),
        };
        let clinic = state
            .store
            .create_clinic(&Slug::parse("slug", "bench")?, &profile, None)
            .await?;
        let credentials = state.messaging.keys.seal(
            clinic.id,
            format!(r#"{{"account_sid":"ACbench","auth_token":"{TOKEN}"}}"#).as_bytes(),
        )?;
        let channel = state
            .store
            .create_channel(
                clinic.id,
                &ChannelRecord {
                    kind: ChannelKind::Twilio,
                    name: "Bench".into(),
                    address: "+351210000000".into(),
                    route_key: None,
                    settings: serde_json::json!({"debounce_ms": 0}),
                    credentials,
                    active: true,
                },
            )
            .await?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        tokio::spawn(frontdesk::startup::serve(listener, state.clone()));
        Ok(Server {
            base,
            channel: channel.id,
            client: reqwest::Client::builder()
                .pool_max_idle_per_host(256)
                .build()?,
            _state: state,
        })
    }

    /// A signed Twilio status callback for a reply, ready to send.
    fn status(&self, sid: &str, to: &str, status: &str) -> reqwest::RequestBuilder {
        let path = format!("/webhooks/twilio/{}/status", self.channel);
        let params = vec![
            ("MessageSid".to_string(), sid.to_string()),
            ("MessageStatus".to_string(), status.to_string()),
            ("To".to_string(), format!("whatsapp:{to}")),
            ("From".to_string(), "whatsapp:+351210000000".to_string()),
        ];
        let signature = twilio_signature(TOKEN, &format!("{PUBLIC_URL}{path}"), &params);
        self.client
            .post(format!("{}{path}", self.base))
            .header("X-Twilio-Signature", signature)
            .form(&params)
    }

    /// A signed Twilio incoming-message webhook, ready to send.
    fn request(&self, from: &str, id: &str) -> reqwest::RequestBuilder {
        let path = format!("/webhooks/twilio/{}", self.channel);
        let params = vec![
            ("MessageSid".to_string(), id.to_string()),
            ("From".to_string(), format!("whatsapp:{from}")),
            ("To".to_string(), "whatsapp:+351210000000".to_string()),
            (
                "Body".to_string(),
                "Olá, queria marcar uma consulta".to_string(),
            ),
            ("NumMedia".to_string(), "0".to_string()),
        ];
        let signature = twilio_signature(TOKEN, &format!("{PUBLIC_URL}{path}"), &params);
        self.client
            .post(format!("{}{path}", self.base))
            .header("X-Twilio-Signature", signature)
            .form(&params)
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn summary(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    (percentile(&ms, 0.5), percentile(&ms, 0.99))
}

async fn burst(
    server: &Server,
    n: usize,
    concurrency: usize,
    (contacts, prefix): (usize, &str),
) -> anyhow::Result<(f64, f64, f64)> {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (next, server, prefix) = (next.clone(), server.clone(), prefix.to_string());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= n {
                    return Ok::<_, anyhow::Error>(latencies);
                }
                let req = server
                    .request(
                        &format!("+3519{:08}", i % contacts),
                        &format!("SM{prefix}{i}"),
                    )
                    .build()?;
                let t = Instant::now();
                let res = server.client.execute(req).await?;
                anyhow::ensure!(res.status() == 200, "webhook answered {}", res.status());
                res.bytes().await?;
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    let rate = n as f64 / started.elapsed().as_secs_f64();
    let (p50, p99) = summary(all);
    Ok((rate, p50, p99))
}

async fn fixed_rate(
    server: &Server,
    per_second: u64,
    secs: u64,
    (contacts, prefix): (u64, &str),
) -> anyhow::Result<(f64, f64)> {
    // A first second at the same rate, not counted: connections (HTTP and the store's pool)
    // are opened then, as they would be long before any steady load.
    let warm = per_second;
    let total = warm + per_second * secs;
    let interval = Duration::from_micros(1_000_000 / per_second);
    let start = tokio::time::Instant::now();
    let (tx, mut rx) = mpsc::unbounded_channel();
    for i in 0..total {
        tokio::time::sleep_until(start + interval * i as u32).await;
        let req = server
            .request(
                &format!("+3518{:08}", i % contacts),
                &format!("SM{prefix}{i}"),
            )
            .build()?;
        let (client, tx) = (server.client.clone(), tx.clone());
        tokio::spawn(async move {
            let t = Instant::now();
            let ok = match client.execute(req).await {
                Ok(res) => res.status() == 200 && res.bytes().await.is_ok(),
                Err(_) => false,
            };
            let _ = tx.send((i >= warm, ok, t.elapsed().as_secs_f64() * 1000.0));
        });
    }
    drop(tx);
    let mut latencies = Vec::new();
    while let Some((counted, ok, ms)) = rx.recv().await {
        anyhow::ensure!(ok, "a webhook failed at the fixed rate");
        if counted {
            latencies.push(ms);
        }
    }
    Ok(summary(latencies))
}

/// A Twilio Messages endpoint that reports when each reply arrives.
async fn fake_twilio() -> anyhow::Result<(String, mpsc::UnboundedReceiver<(String, Instant)>)> {
    let (url, mut rx) = fake_twilio_with_ids().await?;
    let (tx, out) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some((to, at, _)) = rx.recv().await {
            if tx.send((to, at)).is_err() {
                break;
            }
        }
    });
    Ok((url, out))
}

/// The same, also reporting the message id it gave each reply (for status callbacks).
async fn fake_twilio_with_ids()
-> anyhow::Result<(String, mpsc::UnboundedReceiver<(String, Instant, String)>)> {
    let (tx, rx) = mpsc::unbounded_channel();
    let app = axum::Router::new()
        .route(
            "/2010-04-01/Accounts/{sid}/Messages.json",
            post(
                |State(tx): State<mpsc::UnboundedSender<(String, Instant, String)>>,
                 body: String| async move {
                    let at = Instant::now();
                    let form: Vec<(String, String)> =
                        serde_urlencoded::from_str(&body).unwrap_or_default();
                    let to = form
                        .iter()
                        .find(|(k, _)| k == "To")
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    let sid = format!("SM{}", uuid::Uuid::now_v7().simple());
                    let _ = tx.send((to, at, sid.clone()));
                    (
                        axum::http::StatusCode::CREATED,
                        axum::Json(serde_json::json!({"sid": sid, "status": "queued"})),
                    )
                },
            ),
        )
        .with_state(tx);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok((url, rx))
}

async fn round_trips(
    server: &Server,
    replies: &mut mpsc::UnboundedReceiver<(String, Instant)>,
    n: usize,
) -> anyhow::Result<(f64, f64)> {
    let mut latencies = Vec::new();
    for i in 0..n {
        let from = format!("+3517{:08}", i);
        let req = server.request(&from, &format!("SMe{i}")).build()?;
        let t = Instant::now();
        let res = server.client.execute(req).await?;
        anyhow::ensure!(res.status() == 200, "webhook answered {}", res.status());
        let (to, at) = tokio::time::timeout(Duration::from_secs(10), replies.recv())
            .await?
            .ok_or_else(|| anyhow::anyhow!("fake Twilio stopped"))?;
        anyhow::ensure!(to == format!("whatsapp:{from}"), "reply went to {to}");
        latencies.push(at.duration_since(t).as_secs_f64() * 1000.0);
    }
    Ok(summary(latencies))
}
