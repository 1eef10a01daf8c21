//! Local embedding numbers: query latency, passage throughput (one at a time, and packed
//! batches on every core), and memory with the model loaded. `cargo bench -p frontdesk-knowledge --bench embedding`;
//! under `cargo test` a small smoke run.

use std::time::Instant;

use frontdesk_knowledge::{LocalModel, Role, default_model_path};

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (queries, passages) = if full { (100, 200) } else { (2, 2) };
    let before = rss_mib();
    let started = Instant::now();
    let model = LocalModel::load(&default_model_path()).expect("run scripts/fetch-model first");
    println!(
        "product kernel: {:?} (FRONTDESK_INT8_KERNEL=avx2 or =portable picks a plainer one)",
        frontdesk_knowledge::int8::kernel()
    );
    println!(
        "model loaded in {} ms; RSS {:.1} MiB (process before loading {:.1} MiB)",
        started.elapsed().as_millis(),
        rss_mib(),
        before
    );
    let questions = [
        "What time do you open on Saturday?",
        "Cumartesi günü saat kaçta açıksınız?",
        "Vocês atendem aos sábados de manhã?",
        "¿Cuánto cuesta una limpieza dental?",
    ];
    let mut ms = Vec::new();
    for i in 0..queries {
        let t = Instant::now();
        model.embed(Role::Query, questions[i % 4]).unwrap();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "query embedding: p50 {:.2} ms, p99 {:.2} ms over {queries}",
        ms[ms.len() / 2],
        ms[(ms.len() * 99 / 100).min(ms.len() - 1)]
    );
    let passage = "Our clinic is open Monday to Friday from 09:00 to 19:00 and on Saturdays from \
        09:00 to 13:00. A check-up with cleaning takes 45 minutes and costs 1,500 TRY; \
        whitening takes an hour. Please arrive ten minutes early for your first visit and \
        bring your ID and any previous X-rays.";
    let t = Instant::now();
    for _ in 0..passages {
        model.embed(Role::Passage, passage).unwrap();
    }
    let rate = passages as f64 / t.elapsed().as_secs_f64();
    println!("passage embedding (~80 tokens each, one at a time): {rate:.0} passages/s");
    let short = [
        "We are open Monday to Friday, 9 to 7.",
        "Diş beyazlatma bir saat sürer.",
        "A consulta de avaliação custa R$ 150.",
        "Aceptamos la mayoría de los seguros.",
    ];
    for (label, texts) in [
        ("~80 tokens", vec![passage.to_string(); passages]),
        (
            "~320 tokens, a full chunk",
            vec![[passage; 4].join(" "); passages / 4],
        ),
        (
            "sentences, ~15 tokens",
            (0..passages)
                .map(|i| short[i % 4].to_string())
                .collect::<Vec<_>>(),
        ),
    ] {
        let t = Instant::now();
        model.embed_batch(Role::Passage, &texts).unwrap();
        let rate = texts.len() as f64 / t.elapsed().as_secs_f64();
        println!("passage embedding ({label}, packed batches): {rate:.0} passages/s");
    }
    println!("RSS after embedding: {:.1} MiB", rss_mib());
}
