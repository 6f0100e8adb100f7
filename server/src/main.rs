#![forbid(unsafe_code)]

use std::process::ExitCode;

/// mimalloc instead of the system allocator: a page's many short-lived strings and rows are
/// allocated and freed on different threads, which glibc's allocator handles slowly.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match server::cli::run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("Doorstep could not start: {message}");
            ExitCode::FAILURE
        }
    }
}
