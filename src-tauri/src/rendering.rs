//! How WebKitGTK draws the window, chosen before the first webview exists.
//!
//! Without a GPU, WebKitGTK's compositing mode renders through software OpenGL (llvmpipe): on
//! the benchmark (scripts/bench-ui.sh, a 3,000-message session under Xvfb) it scrolled at 21 fps,
//! a key press took 59 ms (p95) to paint while a reply streamed, and the web process held
//! 329 MiB. With compositing off the same page scrolled at 61 fps, keys painted in 14 ms and
//! it held 234 MiB. With a GPU, WebKit's own choice stands. A user's own setting always wins.

#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

/// WebKitGTK's switch for compositing mode: `1` draws without it.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
/// Mesa's switch to force software OpenGL.
const SOFTWARE_GL: &str = "LIBGL_ALWAYS_SOFTWARE";

/// Whether to turn compositing off: only when the user has not chosen, and OpenGL would be
/// software (no GPU render node, or software GL forced).
fn should_disable_compositing(var: impl Fn(&str) -> Option<String>, has_gpu: bool) -> bool {
    if var(DISABLE_COMPOSITING).is_some() {
        return false;
    }
    let software_gl = var(SOFTWARE_GL).is_some_and(|v| !v.is_empty() && v != "0");
    software_gl || !has_gpu
}

/// A DRM render node (`/dev/dri/renderD128`...) is how Mesa reaches a GPU.
#[cfg(target_os = "linux")]
fn has_gpu_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Sets WebKitGTK's rendering up for this machine. Call first thing in `main`, before any thread
/// starts (the environment is process-wide) and before the webview is created.
pub fn configure() {
    #[cfg(target_os = "linux")]
    if should_disable_compositing(|k| std::env::var(k).ok(), has_gpu_render_node()) {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    #[test]
    fn no_gpu_turns_compositing_off() {
        assert!(should_disable_compositing(vars(&[]), false));
    }

    #[test]
    fn a_gpu_keeps_webkits_choice() {
        assert!(!should_disable_compositing(vars(&[]), true));
    }

    #[test]
    fn forced_software_gl_turns_it_off_even_with_a_gpu() {
        assert!(should_disable_compositing(
            vars(&[(SOFTWARE_GL, "1")]),
            true
        ));
        assert!(!should_disable_compositing(
            vars(&[(SOFTWARE_GL, "0")]),
            true
        ));
    }

    #[test]
    fn the_users_own_setting_wins() {
        assert!(!should_disable_compositing(
            vars(&[(DISABLE_COMPOSITING, "0")]),
            false
        ));
    }
}
