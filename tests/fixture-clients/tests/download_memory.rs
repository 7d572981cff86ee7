//! The memory a download takes: a 50 MB body read as a `ByteStream` costs about what a 1 KB one
//! does, while the same body read whole costs its size. Heap use is counted by this binary's
//! allocator (every thread's); the figures are printed (`cargo test --test download_memory --
//! --nocapture`).

mod common;
use common::raw::serve_once;
use fixture_clients::streams::Client;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::AsyncWriteExt;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A server that sends `size` bytes from one static buffer (it allocates nothing per byte).
async fn download_server(size: usize) -> String {
    static BLOCK: [u8; 64 * 1024] = [42; 64 * 1024];
    serve_once(move |mut socket| async move {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {size}\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        let mut left = size;
        while left > 0 {
            let n = left.min(BLOCK.len());
            if socket.write_all(&BLOCK[..n]).await.is_err() {
                return;
            }
            left -= n;
        }
    })
    .await
}

/// Downloads `size` bytes, streamed or read whole: (bytes received, peak heap above the start).
async fn download(size: usize, whole: bool) -> (usize, usize) {
    let url = download_server(size).await;
    let client = Client::with_base_url(&url).unwrap();
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let mut stream = client.download_file("f").await.unwrap().into_inner();
    let received = if whole {
        stream.bytes().await.unwrap().len()
    } else {
        let mut received = 0;
        while let Some(chunk) = stream.chunk().await.unwrap() {
            received += chunk.len();
        }
        received
    };
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(start);
    (received, peak)
}

#[tokio::test]
async fn a_50_mb_download_streams_in_the_memory_of_a_1_kb_one() {
    const MB: usize = 1024 * 1024;
    let (small, small_peak) = download(1024, false).await;
    let (large, large_peak) = download(50 * MB, false).await;
    let (whole, whole_peak) = download(50 * MB, true).await;
    assert_eq!((small, large, whole), (1024, 50 * MB, 50 * MB));
    let mib = |bytes: usize| bytes as f64 / MB as f64;
    println!(
        "peak heap above start: 1 KB streamed {:.2} MiB, 50 MB streamed {:.2} MiB, 50 MB read whole {:.2} MiB",
        mib(small_peak),
        mib(large_peak),
        mib(whole_peak)
    );
    assert!(
        large_peak < small_peak + 10 * MB,
        "streaming 50 MB peaked at {:.2} MiB, 1 KB at {:.2} MiB",
        mib(large_peak),
        mib(small_peak)
    );
    // The measure sees buffering: the body read whole is all in memory at once.
    assert!(whole_peak > 50 * MB, "{:.2} MiB", mib(whole_peak));
}
