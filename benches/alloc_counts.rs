//! Heap allocations of `From<Model>` into a derived view, counted by a counting global
//! allocator, next to the same conversion written by hand (measured in the same run).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-bench cargo bench -p response-model-benches --bench alloc_counts
//! ```
//!
//! Targets: zero allocations for a flat view; for a nested view exactly the allocations of
//! the hand-written conversion (its `Vec`s). Prints the counts; asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // reason: a bench, not a server path
#![allow(missing_docs, unreachable_pub)] // reason: a bench binary

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts every allocation and reallocation, then defers to the system allocator.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

#[allow(unsafe_code, reason = "a GlobalAlloc impl is unsafe by definition")]
// SAFETY: every method forwards to `System` with the caller's arguments unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (allocations, bytes) made by `f`.
fn count<R>(f: impl FnOnce() -> R) -> (usize, usize, R) {
    let (a, b) = (
        ALLOCS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    let r = black_box(f());
    (
        ALLOCS.load(Ordering::Relaxed) - a,
        BYTES.load(Ordering::Relaxed) - b,
        r,
    )
}

#[path = "models.rs"]
mod models;
use models::*;

fn user() -> UserInDB {
    UserInDB {
        id: 1,
        name: "Alice".into(),
        email: "alice@x.com".into(),
        hashed_password: "$2b$12$abc...".into(),
        is_superuser: false,
    }
}

fn order(lines: usize) -> Order {
    let line = |j: usize| Line {
        sku: format!("SKU-{j}"),
        quantity: 1,
        price: 9.99,
        cost: 4.5,
    };
    Order {
        id: 7,
        customer: "Ada".into(),
        lines: (0..lines).map(line).collect(),
        gift: Some(Box::new(line(99))),
        internal_note: "fragile".into(),
    }
}

fn main() {
    println!("From<Model> into a view: heap allocations (bytes), ours vs the hand-written From");
    let u = user();
    let (a, b, _) = count(move || UserOut::from(u));
    let u = user();
    let (ha, hb, _) = count(move || UserDto::from(u));
    println!(
        "  flat UserOut (4 of 5 fields): ours {a} ({b} B), hand-written {ha} ({hb} B); target 0: {}",
        if a == 0 { "ok" } else { "MISSED" }
    );
    let u = user();
    let (a, b, _) = count(move || UserPublic::from(u));
    println!("  flat UserPublic (include id, name): ours {a} ({b} B); target 0");
    for n in [0, 1, 1000] {
        let o = order(n);
        let (a, b, _) = count(move || OrderOut::from(o));
        let o = order(n);
        let (ha, hb, _) = count(move || OrderDto::from(o));
        println!(
            "  nested OrderOut ({n} lines in a Vec, a boxed optional gift): ours {a} ({b} B), hand-written {ha} ({hb} B); target equal: {}",
            if a == ha { "ok" } else { "MISSED" }
        );
    }
}
