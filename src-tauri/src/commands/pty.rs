//! The terminal panel: the server's terminals (`/pty`), attached to a window over a channel
//! (`crate::pty`), and the links they print opened in the browser.

use crate::error::{CommandError, ErrorKind};
use crate::pty::{carry, Attachment, AttachmentId, Flow, PtyEvent, PtyOutput};
use crate::state::AppState;
use opencode_client::pty::PtyOptions;
use opencode_client::types::{Pty, PtyCreate, PtyShell, PtySize, PtyUpdate};
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::State;

/// The shells the server can start, the one it would pick first.
#[tauri::command]
#[specta::specta]
pub async fn pty_shells(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<PtyShell>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.pty_shells().await?)
}

/// Every terminal the server runs for the project, those no window shows included (left by a
/// window that crashed or reloaded), so they can be shown again or closed.
#[tauri::command]
#[specta::specta]
pub async fn pty_list(
    state: State<'_, AppState>,
    server_id: String,
) -> Result<Vec<Pty>, CommandError> {
    let client = state.servers.client(&server_id)?;
    Ok(client.ptys().await?)
}

/// Starts a terminal in the project's directory: `shell` (a path from `pty_shells`), or the
/// server's choice; sized at once so the first prompt is drawn at the panel's width.
#[tauri::command]
#[specta::specta]
pub async fn pty_create(
    state: State<'_, AppState>,
    server_id: String,
    shell: Option<String>,
    size: PtySize,
) -> Result<Pty, CommandError> {
    let client = state.servers.client(&server_id)?;
    let input = PtyCreate {
        command: shell.filter(|s| !s.trim().is_empty()),
        cwd: client.directory().map(str::to_owned),
        ..PtyCreate::default()
    };
    let pty = match client.create_pty(&input).await {
        Ok(pty) => pty,
        // 1.18.33 answers a shell it cannot start with a bare 500 ("Unexpected server error").
        Err(opencode_client::Error::Api { status: 500, .. }) => {
            return Err(CommandError::new(
                ErrorKind::InvalidInput,
                format!(
                    "The server could not start {}: check that it exists on the server's machine.",
                    input.command.as_deref().unwrap_or("a shell")
                ),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    if size.rows > 0 && size.cols > 0 {
        let update = PtyUpdate {
            size: Some(size),
            ..PtyUpdate::default()
        };
        return Ok(client.update_pty(&pty.id, &update).await?);
    }
    Ok(pty)
}

/// Streams terminal `pty_id` to the window until `pty_detach`, the terminal ends, or `window`
/// closes: at most once a frame, its output as raw bytes to `on_output` (an `ArrayBuffer`: UTF-8,
/// a character possibly split across two) and what else it said to `on_event`. Output waits once
/// `crate::pty::IN_FLIGHT` bytes of it are unacknowledged (`pty_ack`).
#[tauri::command]
#[specta::specta]
pub async fn pty_attach(
    state: State<'_, AppState>,
    server_id: String,
    pty_id: String,
    window: String,
    on_output: Channel<PtyOutput>,
    on_event: Channel<Vec<PtyEvent>>,
) -> Result<AttachmentId, CommandError> {
    let client = state.servers.client(&server_id)?;
    let source = state.servers.client_source(&server_id)?;
    let directory = client.directory().map(str::to_owned);
    let (input, items) =
        opencode_client::pty::connect(source, directory, pty_id, PtyOptions::default());
    let flow = Arc::new(Flow::default());
    let carrier = tauri::async_runtime::spawn(carry(
        items,
        flow.clone(),
        move |output| on_output.send(output).is_ok(),
        move |events| on_event.send(events).is_ok(),
    ));
    Ok(state.ptys.add(
        window,
        Attachment {
            input,
            flow,
            carrier,
        },
    ))
}

/// Ends an attachment (the terminal goes on running on the server); an id already ended is
/// ignored.
#[tauri::command]
#[specta::specta]
pub fn pty_detach(state: State<'_, AppState>, attachment: AttachmentId) {
    state.ptys.remove(attachment);
}

/// Keystrokes for the terminal, as xterm.js reports them. Typed while the connection is down,
/// they wait and go once it is back.
#[tauri::command]
#[specta::specta]
pub fn pty_write(
    state: State<'_, AppState>,
    attachment: AttachmentId,
    data: String,
) -> Result<(), CommandError> {
    if state
        .ptys
        .with(attachment, |a| a.input.write(data))
        .unwrap_or(false)
    {
        Ok(())
    } else {
        Err(CommandError::new(
            ErrorKind::NotFound,
            "This terminal has ended; open a new one.",
        ))
    }
}

/// The window has written `bytes` of output to the screen.
#[tauri::command]
#[specta::specta]
pub fn pty_ack(state: State<'_, AppState>, attachment: AttachmentId, bytes: u32) {
    state.ptys.with(attachment, |a| a.flow.ack(bytes as usize));
}

#[tauri::command]
#[specta::specta]
pub async fn pty_resize(
    state: State<'_, AppState>,
    server_id: String,
    pty_id: String,
    size: PtySize,
) -> Result<(), CommandError> {
    if size.rows == 0 || size.cols == 0 {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            "A terminal needs at least one row and one column.",
        ));
    }
    let client = state.servers.client(&server_id)?;
    let update = PtyUpdate {
        size: Some(size),
        ..PtyUpdate::default()
    };
    client.update_pty(&pty_id, &update).await?;
    Ok(())
}

/// Ends terminal `pty_id` on the server; its attachments hear `Closed`. One already gone is not
/// an error: closing is what was wanted.
#[tauri::command]
#[specta::specta]
pub async fn pty_close(
    state: State<'_, AppState>,
    server_id: String,
    pty_id: String,
) -> Result<(), CommandError> {
    let client = state.servers.client(&server_id)?;
    match client.remove_pty(&pty_id).await {
        Ok(_) | Err(opencode_client::Error::NotFound { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Opens a web link (one a terminal printed) in the system browser; only http and https, so a
/// page cannot make the app open files or run programs.
#[tauri::command]
#[specta::specta]
pub fn open_link(url: String) -> Result<(), CommandError> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| {
        CommandError::new(ErrorKind::InvalidInput, format!("Not a web address: {e}"))
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            format!(
                "Only http and https links open from here, not {}:",
                parsed.scheme()
            ),
        ));
    }
    tauri_plugin_opener::open_url(parsed.as_str(), None::<&str>).map_err(|e| {
        CommandError::new(ErrorKind::Internal, format!("Could not open the link: {e}"))
    })
}
