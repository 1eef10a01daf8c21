//! The process's workers on their own threads, below the web server in CPU priority.
//!
//! A webhook must be acknowledged within milliseconds or the provider retries it; a turn may
//! wait. When both share the cores (`serve` with workers, two cores, a burst of messages),
//! fair scheduling lets turns delay every acknowledgement. So the workers get a runtime of
//! their own whose threads are niced: the kernel runs them whenever the web server's threads
//! leave a core idle, and the queue they drain is durable, so a burst only delays replies.

use std::time::Duration;

use tokio::sync::oneshot;

use crate::state::AppState;

/// How much the workers' threads yield to the web server's (the `nice` value added).
pub const WORKER_NICE: i32 = 4;
/// The name every worker thread carries (seen in `top -H` and `/proc/<pid>/task`).
pub const THREAD_NAME: &str = "frontdesk-work";

/// Running workers; stopped by [`Workers::stop`] or when dropped.
pub struct Workers {
    stop: Option<oneshot::Sender<()>>,
}

impl Workers {
    /// Starts this process's workers (turns, sends, reminders, knowledge jobs) as `name`.
    pub fn start(state: &AppState, name: String) -> std::io::Result<Workers> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
            .thread_name(THREAD_NAME)
            .on_thread_start(lower_priority)
            .enable_all()
            .build()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let (store, messaging, knowledge) = (
            state.store.clone(),
            state.messaging.clone(),
            state.knowledge.clone(),
        );
        let concurrency = state.config.workers.max(1);
        std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || {
                lower_priority();
                runtime.block_on(async move {
                    let running =
                        super::spawn(store, messaging, knowledge, name, concurrency, super::LEASE);
                    // A dropped sender stops the workers as well as a sent stop.
                    let _ = stopped.await;
                    running.abort();
                });
                // Jobs stopped mid-flight lose their lease, as in a crash; none waits long.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })?;
        Ok(Workers { stop: Some(stop) })
    }

    /// Stops the workers; their jobs in flight are taken again after the lease.
    pub fn stop(mut self) {
        self.signal();
    }

    fn signal(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        self.signal();
    }
}

/// Lowers the calling thread's priority by [`WORKER_NICE`]; where that is refused the
/// workers run at the normal priority, which is only slower under load.
// getpriority and setpriority, system calls std does not wrap.
#[allow(unsafe_code)]
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid takes no arguments and cannot fail.
        let tid = unsafe { libc::syscall(libc::SYS_gettid) } as libc::id_t;
        // SAFETY: setpriority reads its three integer arguments only; on Linux a thread id
        // names that one thread, so the web server's threads keep their priority.
        let current = unsafe { libc::getpriority(libc::PRIO_PROCESS, tid) };
        if unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, current + WORKER_NICE) } != 0 {
            tracing::debug!(
                error = %std::io::Error::last_os_error(),
                "cannot lower the workers' priority"
            );
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[allow(unsafe_code)]
    fn own_nice() -> i32 {
        // SAFETY: as in `lower_priority`.
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::getpriority(libc::PRIO_PROCESS, tid)
        }
    }

    #[test]
    fn a_worker_thread_yields_and_the_thread_that_started_it_does_not() {
        let before = own_nice();
        let worker = std::thread::spawn(|| {
            lower_priority();
            own_nice()
        })
        .join()
        .expect("the thread ran");
        // A thread already at the lowest priority (19) cannot go lower.
        assert_eq!(worker, (before + WORKER_NICE).min(19));
        assert_eq!(own_nice(), before, "only the calling thread is lowered");
    }
}
