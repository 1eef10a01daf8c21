//! The knowledge base through the API, on both stores: uploads in every format become
//! searchable chunks; hostile files fail their document and nothing else; FAQs are written
//! one by one or imported; search is hybrid with the local model and lexical without it;
//! texts embedded by another model (or none) are embedded again.

use std::time::Duration;

use frontdesk_store::JobKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, User, expect, spawn_app, spawn_replica};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../knowledge/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const LOCAL_MODEL: &[(&str, &str)] = &[("FRONTDESK_EMBEDDING", "local")];

async fn upload(
    app: &TestApp,
    user: &User,
    slug: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    app.client
        .post(format!(
            "{}/api/v1/clinics/{slug}/knowledge/documents",
            app.base
        ))
        .bearer_auth(&user.access)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
}

/// Waits until the document leaves `processing` and, with a model, `embedding` (its chunks
/// have their vectors).
async fn settled(app: &TestApp, user: &User, slug: &str, id: &str) -> Value {
    for _ in 0..1200 {
        let doc = app
            .get_ok(
                &format!("/api/v1/clinics/{slug}/knowledge/documents/{id}"),
                Some(&user.access),
                StatusCode::OK,
            )
            .await;
        if !matches!(
            doc["status"].as_str(),
            Some("queued" | "extracting" | "embedding")
        ) {
            return doc;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("document {id} still processing or embedding");
}

/// Waits until no text of the clinic lacks a vector from the app's model.
async fn embedded(app: &TestApp, slug: &str) {
    let clinic = app
        .state
        .store
        .clinic_by_slug_unscoped(&frontdesk_domain::Slug::parse("s", slug).unwrap())
        .await
        .unwrap()
        .unwrap();
    let model = app
        .state
        .knowledge
        .embedder()
        .expect("a model")
        .model_id()
        .to_string();
    for _ in 0..1200 {
        if app
            .state
            .store
            .unembedded(clinic.id, &model, 1)
            .await
            .unwrap()
            .is_empty()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("texts still without vectors");
}

async fn search(app: &TestApp, user: &User, slug: &str, q: &str) -> Value {
    let q: String = url_encode(q);
    app.get_ok(
        &format!("/api/v1/clinics/{slug}/knowledge/search?q={q}&limit=3"),
        Some(&user.access),
        StatusCode::OK,
    )
    .await
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sends only the headers of an upload declaring `length` bytes; returns the raw answer.
async fn oversized_upload(app: &TestApp, user: &User, slug: &str, length: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/v1/clinics/{slug}/knowledge/documents HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {}\r\nContent-Type: multipart/form-data; boundary=x\r\n\
         Content-Length: {length}\r\n\r\n",
        user.access
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
        .await
        .unwrap()
        .unwrap();
    String::from_utf8_lossy(&answer[..read]).into_owned()
}

fn first_title(results: &Value) -> String {
    let hit = &results["hits"][0];
    match hit["source"]["type"].as_str() {
        Some("document") => hit["source"]["title"].as_str().unwrap().to_string(),
        Some("faq") => format!("faq: {}", hit["source"]["question"].as_str().unwrap()),
        _ => panic!("no hit in {results}"),
    }
}

async fn every_format_becomes_searchable(backend: Backend) {
    let app = spawn_app(backend, LOCAL_MODEL).await;
    let owner = app.signup("owner@kb.test", "kb1").await;
    let files: Vec<(&str, &str, Vec<u8>)> = vec![
        ("clinic-guide.pdf", "application/pdf", fixture("clinic-guide.pdf")),
        ("guia-clinica.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fixture("guia-clinica.docx")),
        ("fiyatlar.md", "text/markdown", "# Fiyat Listesi\n\n## Diş beyazlatma\n\nOfiste diş beyazlatma 4.500 TL'dir ve yaklaşık bir saat sürer.\n\n## Kanal tedavisi\n\nKanal tedavisi diş başına 6.000 TL'den başlar.".as_bytes().to_vec()),
        ("ortodoncia.html", "text/html", "<html><head><title>Ortodoncia</title></head><body><h1>Ortodoncia</h1><p>Ofrecemos brackets met&aacute;licos y alineadores transparentes. La primera consulta de ortodoncia es gratuita.</p></body></html>".as_bytes().to_vec()),
        ("after-care.txt", "text/plain", b"After a tooth extraction, avoid hot drinks for 24 hours.\n\nRinse gently with salt water from the second day.".to_vec()),
    ];
    let mut ids = Vec::new();
    for (name, mime, bytes) in files {
        let res = upload(&app, &owner, "kb1", name, mime, bytes).await;
        let doc = expect(res, StatusCode::ACCEPTED).await;
        assert_eq!(doc["status"], "queued");
        ids.push((name, doc["id"].as_str().unwrap().to_string()));
    }
    let mut languages = Vec::new();
    for (name, id) in &ids {
        let doc = settled(&app, &owner, "kb1", id).await;
        assert_eq!(doc["status"], "ready", "{name}: {doc}");
        assert!(doc["chunk_count"].as_i64().unwrap() >= 1, "{name}");
        languages.push(doc["language"].as_str().unwrap_or("?").to_string());
    }
    assert_eq!(languages, ["en", "pt", "tr", "es", "en"]);
    // Titles: the file's own where it has one, else its name.
    let docs = app
        .get_ok(
            "/api/v1/clinics/kb1/knowledge/documents",
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    let titles: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Guia do Paciente")
            && titles.contains(&"Fiyat Listesi")
            && titles.contains(&"after-care"),
        "{titles:?}"
    );
    let chunks = app
        .get_ok(
            &format!(
                "/api/v1/clinics/kb1/knowledge/documents/{}/chunks",
                ids[1].1
            ),
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        chunks[1]["heading_path"],
        json!(["Guia do Paciente", "Estacionamento"])
    );

    embedded(&app, "kb1").await;
    for (q, expected) in [
        ("What time do you open on Saturday?", "clinic-guide"),
        ("Beyazlatma ne kadar?", "Fiyat Listesi"),
        ("Vocês aceitam o convênio Bradesco?", "Guia do Paciente"),
        (
            "¿La primera consulta de ortodoncia cuesta algo?",
            "Ortodoncia",
        ),
    ] {
        let results = search(&app, &owner, "kb1", q).await;
        assert_eq!(results["mode"], "hybrid");
        assert_eq!(first_title(&results), expected, "{q}: {results}");
        assert!(results["hits"][0]["similarity"].as_f64().unwrap() > 0.7);
    }
    // Asked in one language about a document in another: only the vectors can tell, so
    // the source is among the first three (words shared with other documents may rank first).
    for (q, expected) in [
        ("Diş çekiminden sonra ne içmemeliyim?", "after-care"),
        ("Onde posso estacionar o carro?", "Guia do Paciente"),
        ("Do you accept Amil insurance?", "Guia do Paciente"),
    ] {
        let results = search(&app, &owner, "kb1", q).await;
        let titles: Vec<String> = (0..3)
            .filter_map(|i| {
                results["hits"][i]["source"]["title"]
                    .as_str()
                    .map(str::to_string)
            })
            .collect();
        assert!(titles.iter().any(|t| t == expected), "{q}: {results}");
    }
}

async fn hostile_files_fail_their_document_only(backend: Backend) {
    let app = spawn_app(backend, &[("FRONTDESK_MAX_UPLOAD_BYTES", "400000")]).await;
    let owner = app.signup("owner@kb2.test", "kb2").await;
    let bomb = upload(
        &app,
        &owner,
        "kb2",
        "bomb.docx",
        "application/octet-stream",
        fixture("bomb.docx"),
    )
    .await;
    let bomb = expect(bomb, StatusCode::ACCEPTED).await;
    let broken = expect(
        upload(
            &app,
            &owner,
            "kb2",
            "broken.pdf",
            "application/pdf",
            fixture("broken.pdf"),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let scanned = expect(
        upload(
            &app,
            &owner,
            "kb2",
            "blank.txt",
            "text/plain",
            b"   \n\n  ".to_vec(),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let bomb = settled(&app, &owner, "kb2", bomb["id"].as_str().unwrap()).await;
    assert_eq!(bomb["status"], "failed");
    assert!(
        bomb["error"]
            .as_str()
            .unwrap()
            .contains("unpacks to more than"),
        "{bomb}"
    );
    let broken = settled(&app, &owner, "kb2", broken["id"].as_str().unwrap()).await;
    assert_eq!(broken["status"], "failed");
    assert!(
        broken["error"].as_str().unwrap().contains("PDF")
            || broken["error"].as_str().unwrap().contains("pdf"),
        "{broken}"
    );
    let scanned = settled(&app, &owner, "kb2", scanned["id"].as_str().unwrap()).await;
    assert!(
        scanned["error"].as_str().unwrap().contains("no text"),
        "{scanned}"
    );

    // Too big, not a supported type, no file: refused up front with a problem document.
    // A declared size over the limit is refused on the headers, before any byte of the
    // file is read (a client sending the file regardless may see the connection close).
    let too_big = oversized_upload(&app, &owner, "kb2", 5_000_000).await;
    assert!(too_big.starts_with("HTTP/1.1 413"), "{too_big}");
    assert!(
        too_big
            .to_ascii_lowercase()
            .contains("content-type: application/problem+json"),
        "{too_big}"
    );
    let res = upload(
        &app,
        &owner,
        "kb2",
        "setup.exe",
        "application/octet-stream",
        b"MZ\x90\x00".to_vec(),
    )
    .await;
    let body = expect(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"][0]["field"], "file");
    let res = app
        .post(
            "/api/v1/clinics/kb2/knowledge/documents",
            Some(&owner.access),
            json!({"file": "x"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // The server is still fine and still reads good files.
    app.get_ok("/readyz", None, StatusCode::OK).await;
    let ok = expect(
        upload(
            &app,
            &owner,
            "kb2",
            "ok.md",
            "text/markdown",
            b"# Parking\n\nFree parking behind the clinic.".to_vec(),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(
        settled(&app, &owner, "kb2", ok["id"].as_str().unwrap()).await["status"],
        "ready"
    );
    // Without a model, search is lexical and says so.
    let results = search(&app, &owner, "kb2", "where can I park? parking").await;
    assert_eq!(results["mode"], "lexical");
    assert_eq!(first_title(&results), "Parking");
}

async fn documents_are_replaced_and_deleted(backend: Backend) {
    let app = spawn_app(backend, &[]).await;
    let owner = app.signup("owner@kb3.test", "kb3").await;
    let doc = expect(
        upload(
            &app,
            &owner,
            "kb3",
            "prices.md",
            "text/markdown",
            b"# Prices\n\nCleaning costs 80 euros.".to_vec(),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let id = doc["id"].as_str().unwrap().to_string();
    settled(&app, &owner, "kb3", &id).await;
    assert_eq!(
        first_title(&search(&app, &owner, "kb3", "cleaning").await),
        "Prices"
    );

    let part = reqwest::multipart::Part::bytes(b"# Prices\n\nWhitening costs 300 euros.".to_vec())
        .file_name("prices.md");
    let form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("title", "Price list 2027");
    let res = app
        .client
        .put(format!(
            "{}/api/v1/clinics/kb3/knowledge/documents/{id}",
            app.base
        ))
        .bearer_auth(&owner.access)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let replaced = expect(res, StatusCode::ACCEPTED).await;
    assert_eq!(replaced["revision"], 2);
    let doc = settled(&app, &owner, "kb3", &id).await;
    assert_eq!(
        (doc["status"].as_str(), doc["title"].as_str()),
        (Some("ready"), Some("Price list 2027"))
    );
    assert!(
        search(&app, &owner, "kb3", "cleaning").await["hits"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        first_title(&search(&app, &owner, "kb3", "whitening").await),
        "Price list 2027"
    );

    let res = app
        .request(
            reqwest::Method::DELETE,
            &format!("/api/v1/clinics/kb3/knowledge/documents/{id}"),
            Some(&owner.access),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    app.get_ok(
        &format!("/api/v1/clinics/kb3/knowledge/documents/{id}"),
        Some(&owner.access),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert!(
        search(&app, &owner, "kb3", "whitening").await["hits"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // A practitioner may search but not change the knowledge base.
    let doctor = app
        .join(&owner, "kb3", "doctor@kb3.test", "practitioner")
        .await;
    search(&app, &doctor, "kb3", "anything").await;
    let res = upload(
        &app,
        &doctor,
        "kb3",
        "x.md",
        "text/markdown",
        b"# x".to_vec(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

async fn faqs_are_written_imported_and_found(backend: Backend) {
    let app = spawn_app(backend, LOCAL_MODEL).await;
    let owner = app.signup("owner@kb4.test", "kb4").await;
    let base = "/api/v1/clinics/kb4/knowledge/faqs";
    let faq = app
        .post_ok(base, Some(&owner.access), json!({"language": "en", "question": "Do you see children?", "answer": "Yes, from age three."}), StatusCode::CREATED)
        .await;
    let id = faq["id"].as_str().unwrap();
    let bad = app
        .post_ok(
            base,
            Some(&owner.access),
            json!({"language": "de", "question": "", "answer": "x"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    let fields: Vec<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["language", "question"]);

    let csv = "question,answer,language\n\"Kartla ödeme yapabilir miyim?\",\"Evet, tüm kartları kabul ediyoruz.\",tr\n\"¿Tienen estacionamiento?\",\"Sí, gratuito para pacientes.\",es\n";
    let res = app
        .client
        .post(format!("{}{base}/import", app.base))
        .bearer_auth(&owner.access)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect(res, StatusCode::CREATED)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // One bad row: nothing is imported, and the row is named.
    let json_import = json!([{"language": "pt", "question": "Atendem sábado?", "answer": "Sim, até às 13h."}, {"language": "pt", "question": "Q", "answer": ""}]);
    let bad = app
        .post_ok(
            &format!("{base}/import"),
            Some(&owner.access),
            json_import,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(bad["errors"][0]["field"], "faqs[1].answer");
    assert_eq!(
        app.get_ok(base, Some(&owner.access), StatusCode::OK)
            .await
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        app.get_ok(
            &format!("{base}?language=es"),
            Some(&owner.access),
            StatusCode::OK
        )
        .await
        .as_array()
        .unwrap()
        .len(),
        1
    );

    let updated = app
        .call(reqwest::Method::PUT, &format!("{base}/{id}"), Some(&owner.access), Some(json!({"language": "en", "question": "Do you see children?", "answer": "Yes, from age two."})), StatusCode::OK)
        .await;
    assert_eq!(updated["answer"], "Yes, from age two.");
    embedded(&app, "kb4").await;
    for (q, expected) in [
        ("can my kid be treated here?", "faq: Do you see children?"),
        (
            "kredi kartı geçiyor mu?",
            "faq: Kartla ödeme yapabilir miyim?",
        ),
        (
            "Tem lugar para estacionar?",
            "faq: ¿Tienen estacionamiento?",
        ),
    ] {
        let results = search(&app, &owner, "kb4", q).await;
        assert_eq!(first_title(&results), expected, "{q}: {results}");
    }
    let res = app
        .request(
            reqwest::Method::DELETE,
            &format!("{base}/{id}"),
            Some(&owner.access),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    app.get_ok(
        &format!("{base}/{id}"),
        Some(&owner.access),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_ok(
        "/api/v1/clinics/kb4/knowledge/search?q=",
        Some(&owner.access),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    app.get_ok(
        "/api/v1/clinics/kb4/knowledge/search?q=x&limit=500",
        Some(&owner.access),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

async fn a_new_model_embeds_everything_again(backend: Backend) {
    // A server without a model stores texts with no vectors; one that has the model (a
    // replica started after an upgrade, say) embeds them on start.
    let missing = [
        ("FRONTDESK_EMBEDDING", "local"),
        ("FRONTDESK_MODEL_DIR", "/nonexistent/models"),
    ];
    let first = spawn_app(backend, &missing).await;
    assert!(
        first.state.knowledge.embedder().is_none(),
        "a missing model is not fatal"
    );
    let owner = first.signup("owner@kb5.test", "kb5").await;
    first
        .post_ok("/api/v1/clinics/kb5/knowledge/faqs", Some(&owner.access), json!({"language": "tr", "question": "Pazar günü açık mısınız?", "answer": "Hayır, pazar günleri kapalıyız."}), StatusCode::CREATED)
        .await;
    assert_eq!(
        search(&first, &owner, "kb5", "pazar").await["mode"],
        "lexical"
    );
    let second = spawn_replica(&first, LOCAL_MODEL).await;
    embedded(&second, "kb5").await;
    let results = search(&second, &owner, "kb5", "Are you open on Sunday?").await;
    assert_eq!(results["mode"], "hybrid");
    assert_eq!(first_title(&results), "faq: Pazar günü açık mısınız?");
}

/// A model of one's own from a Hugging Face directory (`FRONTDESK_LOCAL_MODEL`): the server
/// loads it, tags its vectors with it, embeds the clinic's texts and searches with them.
async fn a_hugging_face_directory_serves_search(backend: Backend) {
    let own = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../knowledge/tests/fixtures/tiny-xlmr"
    );
    let app = spawn_app(
        backend,
        &[
            ("FRONTDESK_EMBEDDING", "local"),
            ("FRONTDESK_LOCAL_MODEL", own),
        ],
    )
    .await;
    let embedder = app.state.knowledge.embedder().expect("the directory loads");
    assert_eq!(embedder.model_id(), "local:hf:tiny-xlmr");
    assert_eq!(embedder.dimensions(), 32);
    let owner = app.signup("owner@kb8.test", "kb8").await;
    app.post_ok("/api/v1/clinics/kb8/knowledge/faqs", Some(&owner.access), json!({"language": "tr", "question": "Pazar günü açık mısınız?", "answer": "Hayır, pazar günleri kapalıyız."}), StatusCode::CREATED)
        .await;
    embedded(&app, "kb8").await;
    let results = search(&app, &owner, "kb8", "Pazar günü açık mısınız?").await;
    assert_eq!(results["mode"], "hybrid");
    assert_eq!(first_title(&results), "faq: Pazar günü açık mısınız?");
}

/// The small Hugging Face model in the fixtures: quick to load and to run.
fn tiny_model() -> &'static str {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../knowledge/tests/fixtures/tiny-xlmr"
    )
}

/// Runs the queued jobs of `kind` as a worker would; returns how many ran.
async fn run_jobs(app: &TestApp, kind: JobKind) -> usize {
    let jobs = claim_jobs(app).await;
    run_claimed(app, &jobs, kind).await
}

/// Claims the due jobs as worker `test`, as a worker would before running them.
async fn claim_jobs(app: &TestApp) -> Vec<frontdesk_store::Job> {
    app.state
        .store
        .claim(
            "test",
            10,
            chrono::Duration::seconds(60),
            chrono::Utc::now(),
        )
        .await
        .unwrap()
}

/// Runs jobs claimed by [`claim_jobs`], all of `kind` (or embeddings the sweep queued).
async fn run_claimed(app: &TestApp, jobs: &[frontdesk_store::Job], kind: JobKind) -> usize {
    let store = &*app.state.store;
    let knowledge = &app.state.knowledge;
    let mut ran = 0;
    for job in jobs {
        let done = match job.kind {
            k if k != kind && k == JobKind::EmbedKnowledge => {
                // One the sweep queued besides (it looks for texts without vectors every
                // 30 s): the extraction queues its own, so this one is let go.
                store
                    .complete(job.id, "test", chrono::Utc::now())
                    .await
                    .unwrap();
                continue;
            }
            k if k != kind => panic!("a {k} job is due, not only {kind}"),
            JobKind::ExtractDocument => {
                frontdesk::jobs::extract::run(store, knowledge, "test", job).await
            }
            _ => frontdesk::jobs::embed::run(store, knowledge, "test", job).await,
        };
        done.unwrap();
        ran += 1;
    }
    ran
}

/// A document's text is searchable before its vectors are: it says `embedding` (with how
/// many of its chunks have a vector) until every chunk has one, and search says `lexical`
/// until there are vectors to rank, then `ready` and `hybrid`.
async fn a_document_is_ready_only_once_search_can_use_its_vectors(backend: Backend) {
    let app = spawn_app(
        backend,
        &[
            ("FRONTDESK_EMBEDDING", "local"),
            ("FRONTDESK_LOCAL_MODEL", tiny_model()),
            ("FRONTDESK_WORKERS", "0"),
        ],
    )
    .await;
    let owner = app.signup("owner@kb9.test", "kb9").await;
    let doc = expect(
        upload(
            &app,
            &owner,
            "kb9",
            "parking.md",
            "text/markdown",
            b"# Parking\n\nFree parking behind the clinic on weekdays.".to_vec(),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(
        (&doc["status"], &doc["embedded_chunk_count"]),
        (&json!("queued"), &json!(0)),
        "{doc}"
    );
    let id = doc["id"].as_str().unwrap();
    let path = format!("/api/v1/clinics/kb9/knowledge/documents/{id}");
    let get = || app.get_ok(&path, Some(&owner.access), StatusCode::OK);
    assert_eq!(get().await["status"], "queued");

    // While a worker holds its reading, it says so, alone and in the list.
    let claimed = claim_jobs(&app).await;
    assert_eq!(get().await["status"], "extracting");
    let listed = app
        .get_ok(
            "/api/v1/clinics/kb9/knowledge/documents",
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(listed[0]["status"], "extracting", "{listed}");
    assert_eq!(
        run_claimed(&app, &claimed, JobKind::ExtractDocument).await,
        1
    );
    let doc = get().await;
    assert_eq!(doc["status"], "embedding", "{doc}");
    assert_eq!(doc["chunk_count"], 1, "{doc}");
    assert_eq!(doc["embedded_chunk_count"], 0, "{doc}");
    let listed = app
        .get_ok(
            "/api/v1/clinics/kb9/knowledge/documents",
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(listed, json!([doc]));
    // Found by its words meanwhile, and search does not claim vectors it does not have.
    let results = search(&app, &owner, "kb9", "free parking").await;
    assert_eq!(results["mode"], "lexical", "{results}");
    assert_eq!(results["hits"][0]["source"]["document_id"], id, "{results}");
    assert!(results["hits"][0].get("similarity").is_none(), "{results}");

    assert_eq!(run_jobs(&app, JobKind::EmbedKnowledge).await, 1);
    let doc = get().await;
    assert_eq!(doc["status"], "ready", "{doc}");
    assert_eq!(doc["embedded_chunk_count"], 1, "{doc}");
    let results = search(&app, &owner, "kb9", "free parking").await;
    assert_eq!(results["mode"], "hybrid", "{results}");
    assert_eq!(results["hits"][0]["source"]["document_id"], id, "{results}");
    assert!(results["hits"][0]["similarity"].is_number(), "{results}");

    // A replacement's new text waits for its own vectors again.
    let part =
        reqwest::multipart::Part::bytes(b"# Parking\n\nParking costs two euros an hour.".to_vec())
            .file_name("parking.md");
    let replaced = app
        .client
        .put(format!("{}{path}", app.base))
        .bearer_auth(&owner.access)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect(replaced, StatusCode::ACCEPTED).await["status"],
        "queued"
    );
    assert_eq!(run_jobs(&app, JobKind::ExtractDocument).await, 1);
    assert_eq!(get().await["status"], "embedding");
    assert_eq!(run_jobs(&app, JobKind::EmbedKnowledge).await, 1);
    assert_eq!(get().await["status"], "ready");
}

/// Without a model, a document is ready once its text is indexed: words are all search
/// uses, and it says so.
async fn without_a_model_extracted_is_ready(backend: Backend) {
    let app = spawn_app(backend, &[("FRONTDESK_WORKERS", "0")]).await;
    let owner = app.signup("owner@kb10.test", "kb10").await;
    let doc = expect(
        upload(
            &app,
            &owner,
            "kb10",
            "parking.md",
            "text/markdown",
            b"# Parking\n\nFree parking behind the clinic.".to_vec(),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(doc["embedded_chunk_count"], Value::Null, "{doc}");
    assert_eq!(run_jobs(&app, JobKind::ExtractDocument).await, 1);
    let doc = app
        .get_ok(
            &format!(
                "/api/v1/clinics/kb10/knowledge/documents/{}",
                doc["id"].as_str().unwrap()
            ),
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (&doc["status"], &doc["embedded_chunk_count"]),
        (&json!("ready"), &Value::Null),
        "{doc}"
    );
    assert_eq!(
        search(&app, &owner, "kb10", "parking").await["mode"],
        "lexical"
    );
}

/// An embedding job taken by a process without the model is completed without embedding
/// anything; the sweep of a process with the model queues the texts again.
async fn texts_left_without_vectors_are_queued_again(backend: Backend) {
    let mut env = LOCAL_MODEL.to_vec();
    env.push(("FRONTDESK_WORKERS", "0"));
    let app = spawn_app(backend, &env).await;
    let owner = app.signup("owner@kb6.test", "kb6").await;
    app.post_ok(
        "/api/v1/clinics/kb6/knowledge/faqs",
        Some(&owner.access),
        json!({"language": "en", "question": "Parking?", "answer": "Yes, behind the building."}),
        StatusCode::CREATED,
    )
    .await;
    // A process without the model takes the job and lets it go.
    let store = &app.state.store;
    let jobs = store
        .claim(
            "no-model",
            10,
            chrono::Duration::seconds(60),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let embed: Vec<_> = jobs
        .iter()
        .filter(|j| j.kind == JobKind::EmbedKnowledge)
        .collect();
    assert!(!embed.is_empty(), "creating an FAQ queues its embedding");
    for job in &jobs {
        store
            .complete(job.id, "no-model", chrono::Utc::now())
            .await
            .unwrap();
    }
    assert!(
        store
            .claim(
                "anyone",
                10,
                chrono::Duration::seconds(60),
                chrono::Utc::now()
            )
            .await
            .unwrap()
            .is_empty()
    );
    // The sweep finds the FAQ still without a vector and queues it again.
    let sweep = frontdesk::sweeper::spawn(
        store.clone(),
        app.state.knowledge.clone(),
        Duration::from_millis(20),
        frontdesk::pruning::JobRetention::default(),
    );
    let mut requeued = false;
    for _ in 0..100 {
        let jobs = store
            .claim(
                "with-model",
                10,
                chrono::Duration::seconds(60),
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        if jobs.iter().any(|j| j.kind == JobKind::EmbedKnowledge) {
            requeued = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    sweep.abort();
    assert!(requeued, "the texts without vectors were not queued again");
}

macro_rules! both {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(crate::helpers::Backend::Sqlite).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(crate::helpers::Backend::Postgres).await; })*
        }
    };
}

/// Bombs of each format, generated: each fails its document with the reason, within the
/// time limit and a second, while the server keeps answering.
async fn bombs_fail_their_document_within_the_limits(backend: Backend) {
    use frontdesk_knowledge::extract::bombs;
    const LIMIT_SECS: u64 = 3;
    let app = spawn_app(backend, &[("FRONTDESK_EXTRACTION_TIMEOUT_SECS", "3")]).await;
    let owner = app.signup("owner@bombs.test", "bombs").await;
    let cases: Vec<(&str, &str, Vec<u8>, &str)> = vec![
        (
            "zeros.pdf",
            "application/pdf",
            bombs::pdf_of_zeros(256 << 20),
            "unpacks to more than",
        ),
        (
            "operators.pdf",
            "application/pdf",
            bombs::pdf_of_text_operators(8 << 20),
            "needs more memory than allowed",
        ),
        (
            "bomb.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            bombs::docx_of_size(80 << 20),
            "unpacks to more than",
        ),
        (
            "brackets.md",
            "text/markdown",
            bombs::markdown_nested(400_000),
            "took longer than 3 s",
        ),
    ];
    for (name, mime, bytes, reason) in cases {
        assert!(bytes.len() < 1 << 20, "{name}: {} bytes", bytes.len());
        let started = std::time::Instant::now();
        let doc = expect(
            upload(&app, &owner, "bombs", name, mime, bytes).await,
            StatusCode::ACCEPTED,
        )
        .await;
        let id = doc["id"].as_str().unwrap().to_string();
        // The server answers while the reader works (or is killed).
        let mut slowest = Duration::ZERO;
        let doc = loop {
            let t = std::time::Instant::now();
            app.get_ok("/healthz", None, StatusCode::OK).await;
            slowest = slowest.max(t.elapsed());
            let doc = app
                .get_ok(
                    &format!("/api/v1/clinics/bombs/knowledge/documents/{id}"),
                    Some(&owner.access),
                    StatusCode::OK,
                )
                .await;
            if !matches!(doc["status"].as_str(), Some("queued" | "extracting")) {
                break doc;
            }
            assert!(
                started.elapsed() < Duration::from_secs(LIMIT_SECS + 10),
                "{name} still processing"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let took = started.elapsed();
        assert_eq!(doc["status"], "failed", "{name}: {doc}");
        let error = doc["error"].as_str().unwrap();
        assert!(error.contains(reason), "{name}: {error}");
        // The limit plus a second, and slack for a loaded test machine's worker pick-up.
        assert!(
            took < Duration::from_secs(LIMIT_SECS + 3),
            "{name} failed only after {took:?}"
        );
        assert!(
            slowest < Duration::from_secs(1),
            "{name}: /healthz took {slowest:?}"
        );
    }
    // A plain file still reads after all that.
    let ok = expect(
        upload(
            &app,
            &owner,
            "bombs",
            "hours.pdf",
            "application/pdf",
            bombs::pdf_saying("Open Monday to Friday"),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let ok = settled(&app, &owner, "bombs", ok["id"].as_str().unwrap()).await;
    assert_eq!(ok["status"], "ready", "{ok}");
}

both!(
    a_document_is_ready_only_once_search_can_use_its_vectors,
    without_a_model_extracted_is_ready,
    bombs_fail_their_document_within_the_limits,
    texts_left_without_vectors_are_queued_again,
    every_format_becomes_searchable,
    hostile_files_fail_their_document_only,
    documents_are_replaced_and_deleted,
    faqs_are_written_imported_and_found,
    a_new_model_embeds_everything_again,
    a_hugging_face_directory_serves_search,
);
