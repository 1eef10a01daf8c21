//! The plans of the hot statements (`frontdesk_store::hot::HOT_STATEMENTS`), on both
//! backends, against a migrated database: no table is read whole, and each statement reads
//! the indexes it names. A statement that reads every row ever written (every turn job, every
//! message) costs more each day; these tests catch that before history does.
//!
//! SQLite: `EXPLAIN QUERY PLAN`; a `SCAN` of a table is a full read unless it walks a partial
//! index (which holds live rows only: queued jobs, unhandled messages). PostgreSQL: the
//! generic plan (the one a prepared statement with unknown parameters gets) with
//! `enable_seqscan = off`, so a sequential scan appears only where no index can serve,
//! whatever the table's size; an index scan with no index condition over a whole index is a
//! full read too.

use std::collections::BTreeSet;

use frontdesk_store::hot::{HOT_STATEMENTS, HotStatement};
use frontdesk_store::testing;
use sqlx::Connection;

/// Which problems a plan shows for one statement.
fn verdict(
    hot: &HotStatement,
    full_reads: Vec<String>,
    used: &BTreeSet<String>,
    plan: &str,
) -> Vec<String> {
    let mut problems: Vec<String> = full_reads
        .into_iter()
        .map(|r| format!("{}: reads a whole table ({r})\n{plan}", hot.name))
        .collect();
    for wanted in hot.indexes {
        if !wanted.split('|').any(|name| used.contains(name)) {
            problems.push(format!("{}: does not use {wanted}\n{plan}", hot.name));
        }
    }
    problems
}

// ---- SQLite ----

struct SqlitePlan {
    lines: Vec<String>,
}

impl SqlitePlan {
    fn of(conn: &rusqlite::Connection, sql: &str) -> Self {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap_or_else(|e| panic!("cannot plan {sql}: {e}"));
        // Unbound parameters are NULL; the plan does not depend on them.
        let mut rows = stmt.raw_query();
        let mut lines = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            lines.push(row.get::<_, String>(3).unwrap());
        }
        SqlitePlan { lines }
    }

    fn indexes(&self) -> BTreeSet<String> {
        self.lines
            .iter()
            .filter_map(|l| {
                let (_, rest) = l
                    .split_once("USING COVERING INDEX ")
                    .or_else(|| l.split_once("USING INDEX "))?;
                Some(rest.split(' ').next().unwrap_or(rest).to_string())
            })
            .collect()
    }

    fn full_reads(&self, partial: &BTreeSet<String>) -> Vec<String> {
        self.lines
            .iter()
            .filter(|l| {
                let l = l.trim_start();
                l.starts_with("SCAN ")
                    && !l.starts_with("SCAN CONSTANT ROW")
                    && !l.contains("(subquery")
                    && !l.contains("VIRTUAL TABLE")
            })
            .filter(|l| {
                let index = SqlitePlan {
                    lines: vec![(*l).clone()],
                }
                .indexes();
                !index.iter().any(|i| partial.contains(i))
            })
            .cloned()
            .collect()
    }
}

async fn migrated_sqlite() -> (tempfile::TempDir, rusqlite::Connection) {
    let dir = tempfile::tempdir().unwrap();
    let url = testing::fresh_sqlite_url(dir.path());
    let store = frontdesk_store::connect(&url, 1).await.unwrap();
    store.migrate().await.unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("frontdesk.db")).unwrap();
    (dir, conn)
}

fn sqlite_partial_indexes(conn: &rusqlite::Connection) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn sqlite_problems(conn: &rusqlite::Connection, hot: &HotStatement) -> Vec<String> {
    let plan = SqlitePlan::of(conn, hot.sqlite);
    let text = plan.lines.join("\n");
    verdict(
        hot,
        plan.full_reads(&sqlite_partial_indexes(conn)),
        &plan.indexes(),
        &text,
    )
}

#[tokio::test]
async fn sqlite_hot_statements_read_only_what_they_need() {
    let (_dir, conn) = migrated_sqlite().await;
    let problems: Vec<String> = HOT_STATEMENTS
        .iter()
        .flat_map(|hot| sqlite_problems(&conn, hot))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[tokio::test]
async fn sqlite_plan_check_sees_a_whole_table_and_a_missed_index() {
    let (_dir, conn) = migrated_sqlite().await;
    let whole = HotStatement {
        name: "whole",
        sqlite: "SELECT id FROM jobs WHERE payload = $1",
        postgres: "",
        indexes: &[],
    };
    assert_eq!(sqlite_problems(&conn, &whole).len(), 1);
    // The queued turn looked up through (kind, dedupe_key): every turn job ever made.
    let missed = HotStatement {
        name: "missed",
        sqlite: "UPDATE jobs SET run_at = $2 WHERE lane = $1 AND kind = 'turn' AND status = 'queued'",
        postgres: "",
        indexes: &["jobs_by_lane"],
    };
    assert_eq!(sqlite_problems(&conn, &missed).len(), 1);
    // A walk of a partial index reads live rows only.
    let live = HotStatement {
        name: "live",
        sqlite: "SELECT lane FROM jobs WHERE status = 'running' ORDER BY lease_until",
        postgres: "",
        indexes: &["jobs_leased"],
    };
    assert_eq!(sqlite_problems(&conn, &live), Vec::<String>::new());
}

// ---- PostgreSQL ----

async fn migrated_postgres() -> sqlx::PgConnection {
    let url = testing::fresh_postgres_url().await;
    let store = frontdesk_store::connect(&url, 1).await.unwrap();
    store.migrate().await.unwrap();
    drop(store);
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    // The queue's history: finished turns and sends, in many lanes, so the planner weighs
    // real statistics for the table that grows fastest.
    sqlx::raw_sql(
        "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, max_attempts, \
         created_at, updated_at) SELECT gen_random_uuid(), CASE WHEN g % 2 = 0 THEN 'turn' ELSE 'send' END, \
         '{}', CASE WHEN g % 2 = 1 THEN g::text END, 'turn:' || (g % 500), 'done', now(), 1, 5, now(), now() \
         FROM generate_series(1, 20000) g; ANALYZE jobs; \
         SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn
}

/// Whether the plan check holds `hot` to its named indexes on PostgreSQL: only for the
/// queue's statements, whose table the test fills, and unless it reads partial indexes only. The other tables are empty there, and on
/// an empty table every index costs the same, so which one PostgreSQL picks says nothing
/// (SQLite's planner, which does not weigh statistics, is held to every name).
fn named_indexes_hold_on_postgres(hot: &HotStatement) -> bool {
    hot.indexes
        .iter()
        .all(|i| i.starts_with("jobs") || i.starts_with("sqlite_autoindex_jobs"))
}

/// The highest `$n` in a statement.
fn parameters(sql: &str) -> usize {
    sql.split('$')
        .skip(1)
        .filter_map(|s| {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// Walks a JSON plan: indexes used, and whole reads.
fn walk(
    node: &serde_json::Value,
    partial: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
    full: &mut Vec<String>,
) {
    let kind = node["Node Type"].as_str().unwrap_or("");
    let relation = node["Relation Name"].as_str().unwrap_or("");
    if kind == "Seq Scan" {
        full.push(format!("Seq Scan on {relation}"));
    }
    if let Some(index) = node["Index Name"].as_str() {
        used.insert(index.to_string());
        if node.get("Index Cond").is_none() && !partial.contains(index) {
            full.push(format!("{kind} using {index} without a condition"));
        }
    }
    for child in node["Plans"].as_array().into_iter().flatten() {
        walk(child, partial, used, full);
    }
}

/// Types tried for a parameter PostgreSQL cannot type from its context (`$3 IS NULL OR
/// seq < $3` types `$3` only once it is known); `unknown` leaves it to PostgreSQL.
const PARAMETER_TYPES: [&str; 7] = [
    "unknown",
    "bigint",
    "text",
    "uuid",
    "timestamptz",
    "boolean",
    "jsonb",
];

/// Prepares `hot` as `hot`, typing each parameter PostgreSQL cannot type alone.
async fn prepare(conn: &mut sqlx::PgConnection, hot: &HotStatement) {
    let mut types = vec![0usize; parameters(hot.postgres)];
    let mut last: Option<usize> = None;
    loop {
        let list: Vec<&str> = types.iter().map(|t| PARAMETER_TYPES[*t]).collect();
        let typed = if list.is_empty() {
            String::new()
        } else {
            format!("({})", list.join(", "))
        };
        let sql = format!("PREPARE hot{typed} AS {}", hot.postgres);
        let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
        else {
            return;
        };
        let message = e.to_string();
        let untyped = message
            .split_once("could not determine data type of parameter $")
            .and_then(|(_, n)| {
                n.split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse::<usize>()
                    .ok()
            });
        let bump = untyped.map(|n| n - 1).or(last);
        match bump {
            Some(i) if types[i] + 1 < PARAMETER_TYPES.len() => {
                types[i] += 1;
                last = Some(i);
            }
            _ => panic!("cannot prepare {}: {message}", hot.name),
        }
    }
}

async fn postgres_problems(conn: &mut sqlx::PgConnection, hot: &HotStatement) -> Vec<String> {
    let partial: BTreeSet<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
         WHERE i.indpred IS NOT NULL",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap()
    .into_iter()
    .collect();
    prepare(conn, hot).await;
    let nulls = vec!["NULL"; parameters(hot.postgres)].join(", ");
    let execute = if nulls.is_empty() {
        "EXECUTE hot".to_string()
    } else {
        format!("EXECUTE hot({nulls})")
    };
    let plan: sqlx::types::Json<serde_json::Value> = sqlx::query_scalar(sqlx::AssertSqlSafe(
        format!("EXPLAIN (FORMAT JSON) {execute}"),
    ))
    .persistent(false)
    .fetch_one(&mut *conn)
    .await
    .unwrap_or_else(|e| panic!("cannot explain {}: {e}", hot.name));
    sqlx::raw_sql("DEALLOCATE hot")
        .execute(&mut *conn)
        .await
        .unwrap();
    let mut used = BTreeSet::new();
    let mut full = Vec::new();
    let root = &plan.0[0]["Plan"];
    walk(root, &partial, &mut used, &mut full);
    let text = serde_json::to_string_pretty(root).unwrap_or_default();
    // An index of live rows only (queued or running jobs) is bounded by today's work, not
    // history: PostgreSQL may weigh it cheaper than the one named, and rightly.
    let only_live = !used.is_empty() && used.iter().all(|i| partial.contains(i));
    if named_indexes_hold_on_postgres(hot) && !only_live {
        verdict(hot, full, &used, &text)
    } else {
        let unnamed = HotStatement {
            indexes: &[],
            ..*hot
        };
        verdict(&unnamed, full, &used, &text)
    }
}

#[tokio::test]
async fn postgres_hot_statements_read_only_what_they_need() {
    let mut conn = migrated_postgres().await;
    let mut problems = Vec::new();
    for hot in HOT_STATEMENTS {
        problems.extend(postgres_problems(&mut conn, hot).await);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[tokio::test]
async fn postgres_plan_check_sees_a_whole_table_and_a_missed_index() {
    let mut conn = migrated_postgres().await;
    let whole = HotStatement {
        name: "whole",
        sqlite: "",
        postgres: "SELECT id FROM jobs WHERE payload = $1",
        indexes: &[],
    };
    assert_eq!(postgres_problems(&mut conn, &whole).await.len(), 1);
    let missed = HotStatement {
        name: "missed",
        sqlite: "",
        postgres: "SELECT id FROM jobs WHERE kind = $1 AND lane = $2",
        indexes: &["jobs_by_lane"],
    };
    assert_eq!(postgres_problems(&mut conn, &missed).await.len(), 1);
}

// ---- The list ----

/// Every statement constant in the files that hold the hot paths' SQL is listed: a new one
/// cannot slip in unchecked.
#[test]
fn every_statement_of_the_hot_paths_is_listed() {
    let sources = [
        include_str!("../src/messaging_rows.rs"),
        include_str!("../src/outbox_rows.rs"),
        include_str!("../src/jobs/queries.rs"),
        include_str!("../src/schedule_rows.rs"),
    ];
    let listed: BTreeSet<&str> = HOT_STATEMENTS
        .iter()
        .flat_map(|h| h.name.split(" / "))
        .collect();
    let mut missing = Vec::new();
    for source in sources {
        for line in source.lines() {
            let Some(rest) = line.strip_prefix("pub(crate) const ") else {
                continue;
            };
            let Some((name, ty)) = rest.split_once(':') else {
                continue;
            };
            if ty.trim_start().starts_with("&str") && !listed.contains(name) {
                missing.push(name.to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "statements not in frontdesk_store::hot::HOT_STATEMENTS: {missing:?}"
    );
}
