//! The job queue, on both backends: due times, dedupe, leases, backoff, dead letters, and
//! many workers claiming at once.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::{JobKind, JobStatus, NewJob, Store, StoreError, backoff};
use uuid::Uuid;

on_both_backends!(
    jobs_run_when_due_and_dedupe_by_key,
    a_lapsed_lease_hands_the_job_to_another_worker,
    failures_back_off_then_the_job_dies,
    concurrent_workers_take_each_job_once,
    a_lane_runs_one_job_at_a_time_in_order,
    pruning_deletes_old_finished_jobs_and_keeps_their_keys,
);

fn job(kind: JobKind, run_at: DateTime<Utc>, key: Option<&str>) -> NewJob {
    NewJob {
        kind,
        payload: serde_json::json!({"to": "+905321234567"}),
        dedupe_key: key.map(Into::into),
        lane: None,
        run_at,
        max_attempts: 3,
    }
}

async fn jobs_run_when_due_and_dedupe_by_key(store: &dyn Store) {
    let now = Utc::now();
    let (due, created) = store
        .enqueue(&job(JobKind::Send, now, Some("m1")), now)
        .await
        .unwrap();
    assert!(created);
    let (again, created) = store
        .enqueue(&job(JobKind::Send, now, Some("m1")), now)
        .await
        .unwrap();
    assert_eq!(
        (again, created),
        (due, false),
        "the same key queues nothing new"
    );
    let (later, _) = store
        .enqueue(&job(JobKind::Send, now + Duration::minutes(5), None), now)
        .await
        .unwrap();
    store
        .enqueue(&job(JobKind::Send, now, None), now)
        .await
        .unwrap();

    let claimed = store
        .claim("w1", 10, Duration::seconds(30), now)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2, "only what is due");
    assert!(
        claimed
            .iter()
            .all(|j| j.status == JobStatus::Running && j.attempts == 1)
    );
    assert_eq!(claimed[0].payload["to"], "+905321234567");
    for j in &claimed {
        store.complete(j.id, "w1", now).await.unwrap();
    }
    assert!(
        store
            .claim("w1", 10, Duration::seconds(30), now)
            .await
            .unwrap()
            .is_empty()
    );
    let at_five = store
        .claim("w1", 10, Duration::seconds(30), now + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(at_five.iter().map(|j| j.id).collect::<Vec<_>>(), [later]);
    assert_eq!(
        store.job(due).await.unwrap().unwrap().status,
        JobStatus::Done
    );
}

async fn a_lapsed_lease_hands_the_job_to_another_worker(store: &dyn Store) {
    let now = Utc::now();
    let (id, _) = store
        .enqueue(&job(JobKind::Send, now, None), now)
        .await
        .unwrap();
    let first = store
        .claim("w1", 1, Duration::seconds(30), now)
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    // While the lease holds, nobody else gets it.
    assert!(
        store
            .claim("w2", 1, Duration::seconds(30), now + Duration::seconds(29))
            .await
            .unwrap()
            .is_empty()
    );
    // w1 died; after the lease w2 takes it over.
    let second = store
        .claim("w2", 1, Duration::seconds(30), now + Duration::seconds(31))
        .await
        .unwrap();
    assert_eq!(
        (
            second[0].id,
            second[0].attempts,
            second[0].worker.as_deref()
        ),
        (id, 2, Some("w2"))
    );
    // The late first worker can no longer finish or fail it.
    assert!(matches!(
        store.complete(id, "w1", now).await,
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        store.fail(id, "w1", "boom", now).await,
        Err(StoreError::Refused(_))
    ));
    store
        .complete(id, "w2", now + Duration::seconds(32))
        .await
        .unwrap();
    // A job whose worker dies on its last attempt is dead, not run a fourth time.
    let (doomed, _) = store
        .enqueue(&job(JobKind::Send, now, None), now)
        .await
        .unwrap();
    let mut t = now;
    for _ in 0..3 {
        t += Duration::seconds(31);
        assert_eq!(
            store.claim("w", 1, Duration::seconds(30), t).await.unwrap()[0].id,
            doomed
        );
    }
    t += Duration::seconds(31);
    assert!(
        store
            .claim("w", 1, Duration::seconds(30), t)
            .await
            .unwrap()
            .is_empty()
    );
    let dead = store.job(doomed).await.unwrap().unwrap();
    assert_eq!(dead.status, JobStatus::Dead);
    assert!(dead.last_error.unwrap().contains("lease ran out"));
}

async fn failures_back_off_then_the_job_dies(store: &dyn Store) {
    let mut now = Utc::now();
    let (id, _) = store
        .enqueue(&job(JobKind::Send, now, None), now)
        .await
        .unwrap();
    for attempt in 1..=3u32 {
        let claimed = store
            .claim("w1", 1, Duration::seconds(30), now)
            .await
            .unwrap();
        assert_eq!((claimed.len(), claimed[0].attempts), (1, attempt));
        let status = store
            .fail(id, "w1", &format!("provider said 503 ({attempt})"), now)
            .await
            .unwrap();
        if attempt < 3 {
            assert_eq!(status, JobStatus::Queued);
            let wait = backoff(attempt);
            // Not before the backoff.
            assert!(
                store
                    .claim(
                        "w1",
                        1,
                        Duration::seconds(30),
                        now + wait - Duration::seconds(1)
                    )
                    .await
                    .unwrap()
                    .is_empty()
            );
            now += wait;
        } else {
            assert_eq!(status, JobStatus::Dead);
        }
    }
    assert!(
        store
            .claim("w1", 1, Duration::seconds(30), now + Duration::hours(2))
            .await
            .unwrap()
            .is_empty()
    );
    let dead = store.dead_jobs(10).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(
        (dead[0].id, dead[0].last_error.as_deref()),
        (id, Some("provider said 503 (3)"))
    );
}

async fn concurrent_workers_take_each_job_once(store: &dyn Store) {
    let now = Utc::now();
    for i in 0..200 {
        store
            .enqueue(&job(JobKind::Send, now, Some(&format!("k{i}"))), now)
            .await
            .unwrap();
    }
    let worker = |name: String| async move {
        let mut mine = vec![];
        loop {
            let batch = store
                .claim(&name, 7, Duration::seconds(60), now)
                .await
                .unwrap();
            if batch.is_empty() {
                return mine;
            }
            for j in batch {
                store.complete(j.id, &name, now).await.unwrap();
                mine.push(j.id);
            }
        }
    };
    let all = futures_util::future::join_all((0..4).map(|w| worker(format!("w{w}")))).await;
    let total: usize = all.iter().map(Vec::len).sum();
    let distinct: BTreeSet<_> = all.iter().flatten().collect();
    assert_eq!(
        (total, distinct.len()),
        (200, 200),
        "every job once, none twice"
    );
}

async fn a_lane_runs_one_job_at_a_time_in_order(store: &dyn Store) {
    let now = Utc::now();
    let lane = |n: u32| NewJob {
        lane: Some("conversation:1".into()),
        payload: serde_json::json!({ "n": n }),
        ..job(JobKind::Send, now, None)
    };
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(store.enqueue(&lane(n), now).await.unwrap().0);
    }
    let free = store
        .enqueue(&job(JobKind::Reminder, now, None), now)
        .await
        .unwrap()
        .0;
    let lease = Duration::seconds(30);
    // Only the lane's oldest job (and the job outside any lane) can be claimed.
    let first: Vec<Uuid> = store
        .claim("w1", 10, lease, now)
        .await
        .unwrap()
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(first.len(), 2);
    assert!(first.contains(&ids[0]) && first.contains(&free));
    store.complete(free, "w1", now).await.unwrap();
    assert!(store.claim("w2", 10, lease, now).await.unwrap().is_empty());
    // A failure keeps the lane blocked: the retry must go first.
    store.fail(ids[0], "w1", "HTTP 503", now).await.unwrap();
    let later = now + Duration::seconds(4);
    assert!(
        store
            .claim("w2", 10, lease, later)
            .await
            .unwrap()
            .is_empty()
    );
    let retry_at = now + Duration::seconds(6);
    let retried = store.claim("w2", 10, lease, retry_at).await.unwrap();
    assert_eq!(retried.iter().map(|j| j.id).collect::<Vec<_>>(), [ids[0]]);
    store.complete(ids[0], "w2", retry_at).await.unwrap();
    // A crashed worker's lapsed lease hands its lane's job on, still before the next one.
    let second = store.claim("w3", 10, lease, retry_at).await.unwrap();
    assert_eq!(second.iter().map(|j| j.id).collect::<Vec<_>>(), [ids[1]]);
    let lapsed = retry_at + Duration::seconds(31);
    let again = store.claim("w4", 10, lease, lapsed).await.unwrap();
    assert_eq!(again.iter().map(|j| j.id).collect::<Vec<_>>(), [ids[1]]);
    store.complete(ids[1], "w4", lapsed).await.unwrap();
    let third = store.claim("w4", 10, lease, lapsed).await.unwrap();
    assert_eq!(third.iter().map(|j| j.id).collect::<Vec<_>>(), [ids[2]]);
}

/// Queues a job at `at` and runs it to `done` (or to `dead` when `dies`).
async fn finished(store: &dyn Store, mut new: NewJob, at: DateTime<Utc>, dies: bool) -> Uuid {
    new.run_at = at;
    new.max_attempts = 1;
    let (id, created) = store.enqueue(&new, at).await.unwrap();
    assert!(created);
    let claimed = store.claim("w", 1, Duration::minutes(1), at).await.unwrap();
    assert_eq!(claimed.iter().map(|j| j.id).collect::<Vec<_>>(), [id]);
    if dies {
        assert_eq!(
            store.fail(id, "w", "boom", at).await.unwrap(),
            JobStatus::Dead
        );
    } else {
        store.complete(id, "w", at).await.unwrap();
    }
    id
}

async fn pruning_deletes_old_finished_jobs_and_keeps_their_keys(store: &dyn Store) {
    let now = Utc::now();
    let long_ago = now - Duration::days(40);
    let webhook = job(JobKind::Reminder, long_ago, Some("evt-1"));
    let old_done = finished(store, webhook.clone(), long_ago, false).await;
    let old_done_too = finished(store, job(JobKind::Send, long_ago, None), long_ago, false).await;
    let old_dead = finished(store, job(JobKind::Send, long_ago, None), long_ago, true).await;
    // Dead ten days: past the done retention, inside the dead one.
    let recent_dead = finished(
        store,
        job(JobKind::Send, now, None),
        now - Duration::days(10),
        true,
    )
    .await;
    let recent_done = finished(
        store,
        job(JobKind::Send, now, None),
        now - Duration::days(1),
        false,
    )
    .await;
    // Old, but still running under a long lease, and old but still waiting.
    let (running, _) = store
        .enqueue(&job(JobKind::Turn, long_ago, None), long_ago)
        .await
        .unwrap();
    let claimed = store
        .claim("w", 1, Duration::days(100), long_ago)
        .await
        .unwrap();
    assert_eq!(claimed[0].id, running);
    let (waiting, _) = store
        .enqueue(&job(JobKind::Turn, now + Duration::days(1), None), long_ago)
        .await
        .unwrap();

    let (done_before, dead_before) = (now - Duration::days(7), now - Duration::days(30));
    // Bounded: one of each status per batch.
    assert_eq!(
        store
            .prune_finished(done_before, dead_before, 1)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .prune_finished(done_before, dead_before, 1)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .prune_finished(done_before, dead_before, 1)
            .await
            .unwrap(),
        0
    );
    for gone in [old_done, old_done_too, old_dead] {
        assert!(
            store.job(gone).await.unwrap().is_none(),
            "{gone} was not pruned"
        );
    }
    for kept in [recent_dead, recent_done, running, waiting] {
        assert!(
            store.job(kept).await.unwrap().is_some(),
            "{kept} was pruned"
        );
    }

    // The webhook retried after its job was pruned: the first job's id, no second job.
    let again = store.enqueue(&webhook, now).await.unwrap();
    assert_eq!(again, (old_done, false));
    let claimable = store
        .claim("w2", 10, Duration::minutes(1), now)
        .await
        .unwrap();
    assert!(claimable.is_empty(), "{claimable:?}");
}
