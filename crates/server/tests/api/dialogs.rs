//! The dialog corpus (`eval/dialogs`) through the built-in engine, as `frontdesk evaluate
//! dialogs` plays it: every dialog on a fresh clinic, through the intake and the turn worker.
//! The floors sit at or just under today's pass rates (docs/benchmarks.md) so a change that
//! loses conversations fails; the frozen test set is never tuned to, only measured.

use std::path::PathBuf;

use frontdesk::evaluation::dialogs::{Corpus, Report, evaluate};

use crate::helpers::{Backend, spawn_app};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval/dialogs")
}

async fn play(backend: Backend, sets: &[&str], first: Option<usize>) -> Report {
    let app = spawn_app(
        backend,
        &[("FRONTDESK_WORKERS", "0"), ("FRONTDESK_EMBEDDING", "local")],
    )
    .await;
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let mut corpus = Corpus::read(&corpus_dir(), &sets).expect("the corpus reads");
    if let Some(n) = first {
        corpus = corpus.first(n);
    }
    let report = evaluate(&app.state, &corpus, &Default::default())
        .await
        .expect("the corpus plays");
    println!("{report}");
    report
}

fn at_least(
    report: &Report,
    set: &str,
    what: &str,
    keep: impl Fn(&frontdesk::evaluation::dialogs::DialogOutcome) -> bool,
    floor: f64,
) {
    let score = report.score(set, keep);
    assert!(score.total > 0, "{set}/{what}: no dialogs");
    assert!(
        score.rate() >= floor,
        "{set}/{what}: {:.1}% < {:.1}%\n{report}",
        100.0 * score.rate(),
        100.0 * floor
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_corpus_dialogs_pass_on_sqlite() {
    let report = play(Backend::Sqlite, &["test", "dev"], None).await;
    for (set, overall, per_language) in [("test", 0.91, 0.88), ("dev", 0.94, 0.92)] {
        at_least(&report, set, "all", |_| true, overall);
        for language in ["en", "tr", "pt", "es"] {
            at_least(
                &report,
                set,
                language,
                |o| o.language == language,
                per_language,
            );
        }
    }
    for (kind, floor) in [
        ("emergency", 0.96),
        ("names", 0.88),
        ("someone_else", 0.82),
        ("yes_in_sentence", 0.91),
        ("explicit_dates", 0.89),
    ] {
        at_least(
            &report,
            "test",
            kind,
            |o| o.kinds.iter().any(|k| k == kind),
            floor,
        );
    }
    for (set, never) in &report.never {
        assert_eq!(never.invented_price, 0, "{set}: invented prices\n{report}");
    }
    // Turn latency is a benchmark's business (release build, a quiet machine): see
    // docs/benchmarks.md; a debug test on a shared machine would only measure the load.
}

/// The two later development sets, written by helpers who saw neither the engine nor the
/// first two sets: the measure of how far the engine carries to phrasings it was not built on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_later_development_sets_pass_on_sqlite() {
    let report = play(Backend::Sqlite, &["dev2", "dev3"], None).await;
    for (set, overall, languages) in [
        ("dev2", DEV2_FLOOR, ["en", "tr"]),
        ("dev3", DEV3_FLOOR, ["pt", "es"]),
    ] {
        at_least(&report, set, "all", |_| true, overall);
        for language in languages {
            at_least(
                &report,
                set,
                language,
                |o| o.language == language,
                overall - 0.03,
            );
        }
        let never = report.never.get(set).cloned().unwrap_or_default();
        assert_eq!(never.invented_price, 0, "{set}: invented prices\n{report}");
        assert_eq!(
            never.wrong_name, 0,
            "{set}: bookings under a wrong name\n{report}"
        );
    }
}

/// dev4 (en, tr, pt, es), written by a third helper from the words alone: every
/// third dialog (325 of 976) keeps the suite's time; `frontdesk evaluate dialogs --set dev4`
/// plays them all. 77.9% when it arrived (after this session's first fixes, which it never saw).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fourth_development_set_passes_on_sqlite() {
    every_third_passes("dev4", DEV4_FLOOR).await;
}

/// dev5 (en, tr, pt, es), written by a fourth helper from the words alone, weighted to
/// the kinds the frozen set showed weakest (answers in another language, FAQ passages, two
/// questions, one's own appointments, someone else): 81.5% when it arrived.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fifth_development_set_passes_on_sqlite() {
    every_third_passes("dev5", DEV5_FLOOR).await;
}

/// dev6 (en, tr, pt, es), written by a fifth helper from the words alone, weighted to
/// the kinds that must all pass (names, someone else, explicit dates, yes in a sentence,
/// emergencies): 87.0% when it arrived.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sixth_development_set_passes_on_sqlite() {
    every_third_passes("dev6", DEV6_FLOOR).await;
}

/// Every third dialog of `set` on SQLite: at least `floor` of them, `floor` less 6 points in
/// each language, and no invented price.
async fn every_third_passes(set: &str, floor: f64) {
    let app = spawn_app(
        Backend::Sqlite,
        &[("FRONTDESK_WORKERS", "0"), ("FRONTDESK_EMBEDDING", "local")],
    )
    .await;
    let corpus = Corpus::read(&corpus_dir(), &[set.to_string()])
        .expect("the corpus reads")
        .every(3);
    let report = evaluate(&app.state, &corpus, &Default::default())
        .await
        .expect("the corpus plays");
    println!("{report}");
    at_least(&report, set, "all", |_| true, floor);
    for language in ["en", "tr", "pt", "es"] {
        at_least(
            &report,
            set,
            language,
            |o| o.language == language,
            floor - 0.06,
        );
    }
    let never = report.never.get(set).cloned().unwrap_or_default();
    assert_eq!(never.invented_price, 0, "{set}: invented prices\n{report}");
}

const DEV4_FLOOR: f64 = 0.93;
const DEV5_FLOOR: f64 = 0.90;
const DEV6_FLOOR: f64 = 0.94;

/// dev2 (en, tr) and dev3 (pt, es): 71.4% and 68.5% before the engine was changed for them.
const DEV2_FLOOR: f64 = 0.93;
const DEV3_FLOOR: f64 = 0.93;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_corpus_plays_on_postgres() {
    let report = play(Backend::Postgres, &["test"], Some(120)).await;
    at_least(&report, "test", "first 120", |_| true, 0.75);
}
