//! The real `frontdesk` binary: start-up on embedded defaults, the demo seed, SIGTERM,
//! `migrate`, `admin`, and a `worker` process beside an API-only server.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_frontdesk");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn frontdesk(dir: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("FRONTDESK_LOG", "warn");
    cmd
}

/// Starts `serve`, waits for its first stdout lines, returns the child and what it printed.
fn serve(dir: &Path, port: u16, args: &[&str]) -> (Child, Vec<String>) {
    let mut child = frontdesk(dir)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = Vec::new();
    let mut reader = BufReader::new(stdout);
    let deadline = Instant::now() + Duration::from_secs(20);
    while lines.len() < 3 && Instant::now() < deadline {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        lines.push(line.trim_end().to_string());
    }
    (child, lines)
}

fn sigterm(child: &mut Child) -> std::process::ExitStatus {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn serve_demo_seeds_once_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let (mut child, lines) = serve(dir.path(), port, &["--demo"]);
    let all = lines.join("\n");
    assert!(
        all.contains(&format!("listening on http://127.0.0.1:{port}")),
        "{all}"
    );
    assert!(all.contains("/docs"), "{all}");
    let password = all
        .split("with password ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("password printed: {all}"))
        .to_string();
    assert!(
        dir.path().join("data/frontdesk.db").exists(),
        "SQLite under ./data"
    );
    assert!(
        dir.path().join("data/secret.key").exists(),
        "development secret kept"
    );

    let client = reqwest::Client::new();
    let login = client
        .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "owner@brightsmile.example", "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let body: serde_json::Value = login.json().await.unwrap();
    let token = body["session"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let clinic: serde_json::Value = client
        .get(format!(
            "http://127.0.0.1:{port}/api/v1/clinics/bright-smile"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clinic["name"], "Bright Smile Dental");
    assert_eq!(clinic["time_zone"], "Europe/Istanbul");
    assert_eq!(
        clinic["languages"],
        serde_json::json!(["en", "tr", "pt", "es"])
    );
    // The demo calendar is bookable at once: services, and slots for the first of them.
    let get = |path: String| {
        let (client, token) = (client.clone(), token.clone());
        async move {
            let res = client.get(path).bearer_auth(token).send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.json::<serde_json::Value>().await.unwrap()
        }
    };
    let base = format!("http://127.0.0.1:{port}/api/v1/clinics/bright-smile");
    let services = get(format!("{base}/services")).await;
    assert_eq!(services.as_array().unwrap().len(), 4, "{services}");
    let first = services[0]["id"].as_str().unwrap();
    let slots = get(format!("{base}/availability?service_id={first}")).await;
    assert!(!slots["slots"].as_array().unwrap().is_empty(), "{slots}");
    // The demo web chat answers through the binary's own workers.
    let page = client
        .get(format!("http://127.0.0.1:{port}/chat/bright-smile"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let (mut chat, _) =
        tokio_tungstenite::connect_async(format!("ws://127.0.0.1:{port}/chat/bright-smile/ws"))
            .await
            .unwrap();
    use futures_util::{SinkExt, StreamExt};
    let hello = r#"{"type":"message","id":"1","text":"Hello, can I book a cleaning?"}"#;
    chat.send(tokio_tungstenite::tungstenite::Message::Text(hello.into()))
        .await
        .unwrap();
    let mut seen = String::new();
    while !seen.contains("When would you like to come") {
        let frame = tokio::time::timeout(Duration::from_secs(10), chat.next())
            .await
            .expect("the assistant answers")
            .unwrap()
            .unwrap();
        seen.push_str(&frame.to_string());
    }
    drop(chat);
    // The turn above ran on the workers' threads, which yield the cores to the web server's.
    let threads = thread_priorities(child.id());
    let nice_of = |name: &str| -> Vec<i32> {
        threads
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, p)| *p)
            .collect()
    };
    let (workers, web) = (nice_of("frontdesk-work"), nice_of("frontdesk-web"));
    assert!(!workers.is_empty() && !web.is_empty(), "{threads:?}");
    // Relative to the web server's, in case the test itself runs niced.
    assert!(web.iter().all(|&n| n == web[0]), "{threads:?}");
    let lowered = (web[0] + frontdesk::jobs::threads::WORKER_NICE).min(19);
    assert!(workers.iter().all(|&n| n == lowered), "{threads:?}");
    assert!(sigterm(&mut child).success(), "graceful shutdown exits 0");

    // Again: nothing duplicated, no new password, and the token from before still works
    // because the secret key was kept.
    let client = reqwest::Client::new();
    let (mut child, lines) = serve(dir.path(), port, &["--demo"]);
    let all = lines.join("\n");
    assert!(all.contains("Demo clinic exists"), "{all}");
    assert!(!all.contains("with password"), "{all}");
    let me: serde_json::Value = client
        .get(format!("http://127.0.0.1:{port}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["memberships"].as_array().unwrap().len(), 1);
    assert!(sigterm(&mut child).success());
}

/// Each thread of process `pid`: its name and its nice value, from `/proc`.
fn thread_priorities(pid: u32) -> Vec<(String, i32)> {
    let mut out = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let stat = std::fs::read_to_string(task.unwrap().path().join("stat")).unwrap();
        // "tid (name) state ppid …": the name may hold spaces, so split at its parentheses;
        // nice is the 19th field, the 17th after the name.
        let (open, close) = (stat.find('(').unwrap(), stat.rfind(')').unwrap());
        let name = stat[open + 1..close].to_string();
        let nice = stat[close + 2..]
            .split(' ')
            .nth(16)
            .unwrap()
            .parse()
            .unwrap();
        out.push((name, nice));
    }
    out
}

#[test]
fn migrate_and_admin_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = frontdesk(dir.path()).arg("migrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The newest migration's number is the schema's version.
    let newest = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../store/migrations/sqlite"
    ))
    .unwrap()
    .filter_map(|e| {
        let name = e.unwrap().file_name().into_string().unwrap();
        name.split('_').next()?.parse::<u32>().ok()
    })
    .max()
    .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("schema at version {newest}")),
        "{said}"
    );
    let again = frontdesk(dir.path()).arg("migrate").output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 migration(s) applied"));

    let out = frontdesk(dir.path())
        .args(["admin", "create-superuser", "--email", "hq@ops.example"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("Created HQ superadmin hq@ops.example"),
        "{text}"
    );
    assert!(text.contains("Password (shown once): "), "{text}");

    let mut child = frontdesk(dir.path())
        .args([
            "admin",
            "reset-password",
            "--email",
            "hq@ops.example",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a brand new passphrase\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("passphrase"),
        "a given password is not echoed"
    );

    let weak = frontdesk(dir.path())
        .args([
            "admin",
            "reset-password",
            "--email",
            "hq@ops.example",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = weak.wait_with_output().unwrap();
    assert!(!out.status.success(), "empty password refused");

    let missing = frontdesk(dir.path())
        .args(["admin", "reset-password", "--email", "nobody@ops.example"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no account"));
}

#[test]
fn bad_configuration_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = frontdesk(dir.path())
        .env("FRONTDESK_LISTN", "x")
        .env("FRONTDESK_MODE", "production")
        .arg("migrate")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean FRONTDESK_LISTEN?"), "{err}");
    assert!(err.contains("FRONTDESK_SECRET_KEY"), "{err}");

    std::fs::write(
        dir.path().join("frontdesk.toml"),
        "listen = \"127.0.0.1:1\"\nport = 9\n",
    )
    .unwrap();
    let out = frontdesk(dir.path())
        .args(["--config", "frontdesk.toml", "migrate"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `port`"));
}

#[test]
fn serve_runs_on_postgres_too() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = rt.block_on(frontdesk_store::testing::fresh_postgres_url());
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut cmd = frontdesk(dir.path());
    cmd.env("FRONTDESK_DATABASE_URL", &url);
    let mut child = cmd
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    reader.read_line(&mut first).unwrap();
    // Closing our end of the pipe must not bring the server down when it prints more.
    drop(reader);
    assert!(first.contains("postgres://"), "{first}");
    let ready = rt.block_on(async {
        reqwest::get(format!("http://127.0.0.1:{port}/readyz"))
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()
    });
    assert_eq!(ready["database"], "postgres");
    assert!(sigterm(&mut child).success());
}

/// `serve` with `FRONTDESK_WORKERS=0` takes messages in but answers none; a separate
/// `frontdesk worker` process on the same database does the answering.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_process_answers_what_an_api_only_server_took_in() {
    use futures_util::{SinkExt, StreamExt};
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut api = frontdesk(dir.path())
        .env("FRONTDESK_WORKERS", "0")
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(api.stdout.take().unwrap());
    let mut printed = String::new();
    while !printed.contains("with password") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "{printed}");
        printed.push_str(&line);
    }
    let password = printed
        .split("with password ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let (mut chat, _) =
        tokio_tungstenite::connect_async(format!("ws://127.0.0.1:{port}/chat/bright-smile/ws"))
            .await
            .unwrap();
    let hello = r#"{"type":"message","id":"1","text":"Hello"}"#;
    chat.send(tokio_tungstenite::tungstenite::Message::Text(hello.into()))
        .await
        .unwrap();
    let mut seen = String::new();
    while !seen.contains("\"ack\"") {
        let frame = tokio::time::timeout(Duration::from_secs(10), chat.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        seen.push_str(&frame.to_string());
    }
    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "owner@brightsmile.example", "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["session"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let base = format!("http://127.0.0.1:{port}/api/v1/clinics/bright-smile");
    let messages = || {
        let (client, token, base) = (client.clone(), token.clone(), base.clone());
        async move {
            let page: serde_json::Value = client
                .get(format!("{base}/conversations"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let id = page["items"][0]["id"].as_str().unwrap().to_string();
            let page: serde_json::Value = client
                .get(format!("{base}/conversations/{id}/messages"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            page["items"].as_array().unwrap().clone()
        }
    };
    // Past the demo's one-second debounce, nobody has answered.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let before = messages().await;
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0]["status"], "received");

    let mut worker = frontdesk(dir.path())
        .arg("worker")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(worker.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("Frontdesk worker running"), "{line}");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = messages().await;
        if now.len() == 2 && now[0]["status"] == "sent" {
            assert_eq!(now[0]["author"], "assistant");
            assert_eq!(now[1]["status"], "handled");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the worker never answered: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        sigterm(&mut worker).success(),
        "the worker stops on SIGTERM"
    );
    drop(chat);
    assert!(sigterm(&mut api).success());
}
