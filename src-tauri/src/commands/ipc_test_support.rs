//! Test-only: calling a command the way a webview does, as an IPC request through the mock
//! runtime, so tests exercise argument names, state, ACL and serialization, not just functions.

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

/// The app's own origin, as WebKitGTK reports it on Linux.
pub const APP_ORIGIN: &str = "tauri://localhost";

/// Invokes `cmd` with `args` from `window` as a page at `origin`; the command's value, or the
/// error it (or the ACL) answered with.
pub fn invoke_from(
    window: &WebviewWindow<MockRuntime>,
    origin: &str,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin.parse().expect("url"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request).map(|body| body.deserialize().expect("json"))
}

/// Invokes `cmd` from the app's own origin.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_from(window, APP_ORIGIN, cmd, args)
}
