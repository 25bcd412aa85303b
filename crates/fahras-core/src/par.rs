//! The build's work spread over the machine's cores: `fahras build` reads, cleans and finds
//! entities in articles independently of each other, so each of those steps maps a slice in
//! parts on scoped threads and puts the results back in order (the output is the same as one
//! thread's, whatever the number of cores).
//!
//! Written on `std::thread::scope` rather than taken from rayon: a few lines, no thread pool
//! kept alive in a command that runs once, and in the browser's wasm (no threads) it is a plain
//! loop by construction rather than by a runtime fallback.

/// Parts per thread: uneven articles still spread evenly.
const PARTS_PER_THREAD: usize = 4;
/// Below this many items, one thread: spawning costs more than it saves.
const MIN_PARALLEL: usize = 64;

/// How many threads to use: the cores available (`FAHRAS_THREADS` overrides; 1 in wasm).
pub fn threads() -> usize {
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    if let Some(n) = std::env::var("FAHRAS_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` applied to consecutive parts of `items` (each with the index of its first item), the
/// results in the parts' order.
pub fn map_parts<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &[T]) -> R + Sync) -> Vec<R> {
    let threads = threads();
    if threads <= 1 || items.len() < MIN_PARALLEL {
        return vec![f(0, items)];
    }
    let size = items.len().div_ceil(threads * PARTS_PER_THREAD).max(1);
    let parts: Vec<(usize, &[T])> = items
        .chunks(size)
        .enumerate()
        .map(|(i, c)| (i * size, c))
        .collect();
    run(&parts, threads, |&(start, part)| f(start, part))
}

/// `f` applied to each item, results in order (for items that are each a sizeable task, such as
/// one file).
pub fn map_each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads();
    if threads <= 1 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    run(items, threads, f)
}

/// Workers take the next task until none is left; results are put back in the tasks' order.
fn run<T: Sync, R: Send>(tasks: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(tasks.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(task) = tasks.get(i) else { break };
                        out.push((i, f(task)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(out) => out,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_items_come_back_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let sums = map_parts(&items, |start, part| (start, part.iter().sum::<u32>()));
        assert_eq!(
            sums.iter().map(|(_, s)| s).sum::<u32>(),
            items.iter().sum::<u32>()
        );
        let mut expect = 0;
        for (start, _) in &sums {
            assert_eq!(*start, expect);
            expect += items.len().div_ceil(threads() * PARTS_PER_THREAD).max(1);
        }
        let doubled = map_each(&items, |x| x * 2);
        assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }
}
