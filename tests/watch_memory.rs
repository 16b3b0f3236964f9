//! Watch mode rebuilds in one long-lived process: a rebuild must free what it allocated.
//! Counted by this test binary's own allocator (live bytes), not by the process's resident
//! size, so the figure is exact and does not depend on the machine's load.

mod common;
use common::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;
use vanban::kinds::plan::PlanDocument;
use vanban::watch::{rebuild, Job};

/// Bytes allocated and not yet freed, by every thread.
static LIVE: AtomicIsize = AtomicIsize::new(0);

struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The rebuild watch mode runs on every save, 50 times over the seed plan's DOCX and PDF
/// (forced, as if each save changed the plan): live memory after the last is that after
/// the fifth, within what printed lines and lazily built tables may add.
#[test]
fn fifty_rebuilds_leave_memory_flat() {
    let dir = scratch("watch-memory");
    let plan_dir = dir.join("ke-hoach");
    copy_dir(&root().join(SEED), &plan_dir);
    let args = vanban::make::BuildOptions {
        out: Some(dir.join("out")),
        rebuild: true,
        ..Default::default()
    };
    let job = Job::Build(Arc::new(PlanDocument));
    let plans = [plan_dir.clone()];
    let mut after = Vec::new();
    for _ in 0..50 {
        rebuild(&plans, &job, &args, "đã sinh lại xong");
        after.push(LIVE.load(Ordering::Relaxed));
    }
    assert!(dir.join("out").join("ke-hoach.pdf").is_file());
    // One leaked document of the seed plan is several megabytes; allow far less than that
    // over 45 rebuilds.
    let growth = after[49] - after[4];
    assert!(
        growth < 256 * 1024,
        "live bytes grew by {growth} over 45 rebuilds: {after:?}"
    );
}
