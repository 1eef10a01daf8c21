//! The intake goes first: how many jobs the workers in this process may run at once, so that
//! a webhook's acknowledgement stays fast while turns and sends use what is left.
//!
//! On two cores a burst of webhooks and the turns it queues compete for the same CPU and the
//! same database; with every worker busy the acknowledgement waited 30 ms at p99 at 1,000
//! messages a second, with one it waited 6 ms. Providers time out and retry a slow webhook
//! (and retries are more load); a reply that comes a few seconds later under a burst harms
//! no one. So the workers' allowance follows the intake's own waits, the way TCP follows
//! loss: halved when a batch of messages waited longer than [`TARGET`] to be stored, raised by
//! one for each [`RAISE_EVERY`] of fast batches, and whole again once the intake is quiet.
//! It never falls below one, so turns always move.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The longest a message may wait to be stored before the workers give way.
pub const TARGET: Duration = Duration::from_millis(3);
/// Cuts come at most this often: one slow batch is one signal, not one per message in it.
const CUT_EVERY: Duration = Duration::from_millis(20);
/// How long the intake must stay fast for the workers to get one more job.
const RAISE_EVERY: Duration = Duration::from_millis(50);
/// After this long without a message the workers get their whole concurrency back.
const QUIET: Duration = Duration::from_millis(250);

/// How many jobs may run at once (shared by the intake, which reports, and the workers, which
/// ask). Times are microseconds since `start`.
#[derive(Debug)]
pub struct WorkAllowance {
    start: Instant,
    /// Jobs allowed now; `usize::MAX` until the intake first reports a slow batch.
    allowed: AtomicUsize,
    /// The most jobs any worker loop has asked to run: what a raise climbs back to.
    ceiling: AtomicUsize,
    last_cut: AtomicU64,
    last_raise: AtomicU64,
    last_intake: AtomicU64,
}

impl Default for WorkAllowance {
    fn default() -> Self {
        WorkAllowance {
            start: Instant::now(),
            allowed: AtomicUsize::new(usize::MAX),
            ceiling: AtomicUsize::new(1),
            last_cut: AtomicU64::new(0),
            last_raise: AtomicU64::new(0),
            last_intake: AtomicU64::new(0),
        }
    }
}

impl WorkAllowance {
    /// Records that a batch of messages was stored, the oldest of them after `waited`.
    pub fn intake_stored(&self, waited: Duration) {
        self.stored_at(self.start.elapsed(), waited);
    }

    /// How many of `concurrency` jobs a worker loop may run now (at least one).
    pub fn jobs(&self, concurrency: usize) -> usize {
        self.jobs_at(self.start.elapsed(), concurrency)
    }

    fn stored_at(&self, now: Duration, waited: Duration) {
        let now = micros(now);
        self.last_intake.store(now, Ordering::Relaxed);
        let since = |at: &AtomicU64| now.saturating_sub(at.load(Ordering::Relaxed));
        if waited > TARGET {
            if since(&self.last_cut) >= micros(CUT_EVERY) {
                self.last_cut.store(now, Ordering::Relaxed);
                let ceiling = self.ceiling.load(Ordering::Relaxed);
                let allowed = self.allowed.load(Ordering::Relaxed).min(ceiling);
                self.allowed.store((allowed / 2).max(1), Ordering::Relaxed);
            }
        } else if since(&self.last_cut) >= micros(RAISE_EVERY)
            && since(&self.last_raise) >= micros(RAISE_EVERY)
        {
            self.last_raise.store(now, Ordering::Relaxed);
            let allowed = self.allowed.load(Ordering::Relaxed);
            if allowed != usize::MAX {
                self.allowed.store(allowed + 1, Ordering::Relaxed);
            }
        }
    }

    fn jobs_at(&self, now: Duration, concurrency: usize) -> usize {
        let concurrency = concurrency.max(1);
        self.ceiling.fetch_max(concurrency, Ordering::Relaxed);
        let quiet = micros(now).saturating_sub(self.last_intake.load(Ordering::Relaxed));
        if quiet >= micros(QUIET) {
            self.allowed.store(usize::MAX, Ordering::Relaxed);
            return concurrency;
        }
        self.allowed.load(Ordering::Relaxed).clamp(1, concurrency)
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLOW: Duration = Duration::from_millis(12);
    const FAST: Duration = Duration::from_millis(1);

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_quiet_or_fast_intake_leaves_the_workers_their_whole_concurrency() {
        let a = WorkAllowance::default();
        assert_eq!(a.jobs_at(ms(1_000), 8), 8);
        for t in (1_000..2_000).step_by(5) {
            a.stored_at(ms(t), FAST);
            assert_eq!(a.jobs_at(ms(t), 8), 8);
        }
    }

    #[test]
    fn slow_batches_halve_the_allowance_down_to_one_but_not_below() {
        let a = WorkAllowance::default();
        assert_eq!(a.jobs_at(ms(1_000), 8), 8);
        a.stored_at(ms(1_000), SLOW);
        assert_eq!(a.jobs_at(ms(1_000), 8), 4);
        // Another slow batch of the same moment is the same signal.
        a.stored_at(ms(1_005), SLOW);
        assert_eq!(a.jobs_at(ms(1_005), 8), 4);
        a.stored_at(ms(1_020), SLOW);
        assert_eq!(a.jobs_at(ms(1_020), 8), 2);
        a.stored_at(ms(1_040), SLOW);
        a.stored_at(ms(1_060), SLOW);
        a.stored_at(ms(1_080), SLOW);
        assert_eq!(a.jobs_at(ms(1_080), 8), 1, "turns always move");
    }

    #[test]
    fn fast_batches_raise_it_one_at_a_time_and_quiet_restores_it() {
        let a = WorkAllowance::default();
        a.jobs_at(ms(1_000), 8);
        for t in [1_000, 1_020, 1_040] {
            a.stored_at(ms(t), SLOW);
        }
        assert_eq!(a.jobs_at(ms(1_040), 8), 1);
        // Fast batches every 10 ms: one more job per 50 ms.
        let mut seen = Vec::new();
        for t in (1_050..1_300).step_by(10) {
            a.stored_at(ms(t), FAST);
            seen.push(a.jobs_at(ms(t), 8));
        }
        assert_eq!(seen.first(), Some(&1));
        assert!(seen.windows(2).all(|w| w[1] <= w[0] + 1), "{seen:?}");
        assert_eq!(seen.last(), Some(&6), "{seen:?}");
        // A quarter of a second without messages: everything back.
        assert_eq!(a.jobs_at(ms(1_300 + 250), 8), 8);
        // And a new slow batch cuts from the whole concurrency again.
        a.stored_at(ms(1_600), SLOW);
        assert_eq!(a.jobs_at(ms(1_600), 8), 4);
    }

    #[test]
    fn a_loop_asking_for_fewer_jobs_than_another_gets_at_most_its_own() {
        let a = WorkAllowance::default();
        a.jobs_at(ms(1_000), 8);
        a.stored_at(ms(1_000), SLOW);
        assert_eq!(a.jobs_at(ms(1_000), 2), 2);
        assert_eq!(a.jobs_at(ms(1_000), 16), 4);
    }
}
