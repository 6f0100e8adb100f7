//! The browser entry point: hydrates the islands and nothing else.
#![forbid(unsafe_code)]

// Naming the app crate keeps its islands in the wasm: without a reference the linker drops
// them, the build succeeds and nothing ever hydrates (toolchain.md).
#[allow(unused_imports)]
use app::*;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
