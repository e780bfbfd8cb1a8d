//! WebKitGTK's levers on memory, set on each of the app's webviews (Linux only; other engines
//! keep their defaults). wry turns on what a browser needs (WebGL, Web Audio, the back-forward
//! page cache) and leaves the cache model at "web browser"; the app's pages use none of these,
//! so each is set to what a single local document needs. Each was measured with
//! `scripts/bench-app.sh` (see ARCHITECTURE.md, "Memory"); one that did not pay is not here.
//!
//! Windows made later (the quick prompt) share the main window's web process (a "related view"):
//! each web process costs tens of MB before it holds any page.
//!
//! `OPENCODE_DESK_WEBKIT_DEFAULTS=1` leaves WebKit as wry sets it, so the benchmark can show
//! both sides on the same build.

use tauri::{Runtime, WebviewWindow, WebviewWindowBuilder};

/// The environment variable that leaves WebKit's settings as wry makes them.
pub const KEEP_DEFAULTS: &str = "OPENCODE_DESK_WEBKIT_DEFAULTS";

fn keep_defaults() -> bool {
    std::env::var_os(KEEP_DEFAULTS).is_some_and(|v| v == "1")
}

/// Sets the levers on the main window's webview and keeps it as the one later windows share a
/// process with. A failure is logged: the window works either way.
pub fn apply_main<R: Runtime>(window: &WebviewWindow<R>) {
    if keep_defaults() {
        return;
    }
    #[cfg(target_os = "linux")]
    if let Err(error) = window.with_webview(|webview| {
        let view = webview.inner();
        linux::apply(&view);
        linux::MAIN_VIEW.with(|main| main.replace(Some(view)));
    }) {
        tracing::warn!(%error, label = window.label(), "could not tune the webview");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Builds a window that shares the main window's web process, tuned as it is. Must run on the
/// main thread (where the main view is kept); without a main view it gets a process of its own.
pub fn build<R: Runtime, M: tauri::Manager<R>>(
    builder: WebviewWindowBuilder<'_, R, M>,
) -> tauri::Result<WebviewWindow<R>> {
    if keep_defaults() {
        return builder.build();
    }
    #[cfg(target_os = "linux")]
    let builder = match linux::MAIN_VIEW.with(|main| main.borrow().clone()) {
        Some(view) => builder.with_related_view(view),
        None => builder,
    };
    let window = builder.build()?;
    #[cfg(target_os = "linux")]
    if let Err(error) = window.with_webview(|webview| linux::apply(&webview.inner())) {
        tracing::warn!(%error, label = window.label(), "could not tune the webview");
    }
    Ok(window)
}

#[cfg(target_os = "linux")]
mod linux {
    use std::cell::RefCell;
    use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebView, WebViewExt};

    thread_local! {
        /// The main window's view, on the main thread (GTK objects stay on the thread they live on).
        pub static MAIN_VIEW: RefCell<Option<WebView>> = const { RefCell::new(None) };
    }

    pub fn apply(view: &WebView) {
        if let Some(settings) = WebViewExt::settings(view) {
            // A page served from memory by the app itself: nothing to keep for "back".
            settings.set_enable_page_cache(false);
            settings.set_enable_webgl(false);
            settings.set_enable_webaudio(false);
            settings.set_enable_media(false);
            settings.set_enable_mediasource(false);
            settings.set_enable_media_stream(false);
            settings.set_enable_encrypted_media(false);
            settings.set_enable_dns_prefetching(false);
        }
        // The smallest memory caches: one local document, no pages to go back to.
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }
}
