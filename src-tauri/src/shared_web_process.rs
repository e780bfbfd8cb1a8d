//! One web process for all the app's windows. WebKitGTK gives each webview a process of its own
//! unless it is made as a *related view* of another; each costs tens of MB before it holds any
//! page (measured: the quick prompt beside the main window, two web processes of 93 and 84 MB PSS;
//! as a related view, one of 128 MB). Windows made after the main one go through [`build`].
//!
//! Measured and not kept: turning off what wry turns on for a browser tab (the page cache,
//! WebGL, Web Audio, media, DNS prefetch) and the "document viewer" cache model made no
//! difference the benchmark could see (web process 149 MB against 144 MB with a 3,000-message
//! session open, within the run-to-run spread).

use tauri::{Runtime, WebviewWindow, WebviewWindowBuilder};

/// Keeps the main window's view as the one later windows share a process with.
pub fn remember_main<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    if let Err(error) = window.with_webview(|webview| {
        let view = webview.inner();
        MAIN_VIEW.with(|main| main.replace(Some(view)));
    }) {
        tracing::warn!(%error, label = window.label(), "could not keep the main view");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Builds a window that shares the main window's web process. Must run on the main thread
/// (where the main view is kept); without a main view it gets a process of its own.
pub fn build<R: Runtime, M: tauri::Manager<R>>(
    builder: WebviewWindowBuilder<'_, R, M>,
) -> tauri::Result<WebviewWindow<R>> {
    #[cfg(target_os = "linux")]
    let builder = match MAIN_VIEW.with(|main| main.borrow().clone()) {
        Some(view) => builder.with_related_view(view),
        None => builder,
    };
    builder.build()
}

#[cfg(target_os = "linux")]
thread_local! {
    /// The main window's view, on the main thread (GTK objects stay on the thread they live on).
    static MAIN_VIEW: std::cell::RefCell<Option<webkit2gtk::WebView>> =
        const { std::cell::RefCell::new(None) };
}
