//! How WebKitGTK draws the window, chosen before the first webview exists.
//!
//! Without a GPU, WebKitGTK's compositing mode renders through software OpenGL (llvmpipe): on
//! the benchmark (scripts/bench-ui.sh, a 3,000-message session under Xvfb) it scrolled at 21 fps,
//! a key press took 59 ms (p95) to paint while a reply streamed, and the web process held
//! 329 MiB. With compositing off the same page scrolled at 61 fps, keys painted in 14 ms and
//! it held 234 MiB. Nor does the window need WebKit's DMA-BUF renderer or GTK's own OpenGL then:
//! without them the app's process held 5.7 MB less (PSS at rest, 85.9 against 91.5 MB, measured
//! twice each). With a GPU, WebKit's and GTK's own choices stand. A user's own setting always wins.

#![cfg_attr(not(target_os = "linux"), allow(dead_code))]

/// WebKitGTK's switch for compositing mode: `1` draws without it.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
/// WebKitGTK's switch for its DMA-BUF renderer: `1` turns it off.
const DISABLE_DMABUF: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
/// GTK 3's OpenGL: `disable` makes none.
const GDK_GL: &str = "GDK_GL";
/// Mesa's switch to force software OpenGL.
const SOFTWARE_GL: &str = "LIBGL_ALWAYS_SOFTWARE";

/// The variables to set when OpenGL would be software (no GPU render node, or software GL
/// forced), each only where the user has not set it.
fn software_rendering(
    var: impl Fn(&str) -> Option<String>,
    has_gpu: bool,
) -> Vec<(&'static str, &'static str)> {
    let software_gl = var(SOFTWARE_GL).is_some_and(|v| !v.is_empty() && v != "0");
    if has_gpu && !software_gl {
        return Vec::new();
    }
    [
        (DISABLE_COMPOSITING, "1"),
        (DISABLE_DMABUF, "1"),
        (GDK_GL, "disable"),
    ]
    .into_iter()
    .filter(|(key, _)| var(key).is_none())
    .collect()
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
    for (key, value) in software_rendering(|k| std::env::var(k).ok(), has_gpu_render_node()) {
        std::env::set_var(key, value);
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

    const ALL: [(&str, &str); 3] = [
        (DISABLE_COMPOSITING, "1"),
        (DISABLE_DMABUF, "1"),
        (GDK_GL, "disable"),
    ];

    #[test]
    fn no_gpu_turns_compositing_dmabuf_and_gtk_gl_off() {
        assert_eq!(software_rendering(vars(&[]), false), ALL);
    }

    #[test]
    fn a_gpu_keeps_webkits_choice() {
        assert!(software_rendering(vars(&[]), true).is_empty());
    }

    #[test]
    fn forced_software_gl_turns_them_off_even_with_a_gpu() {
        assert_eq!(software_rendering(vars(&[(SOFTWARE_GL, "1")]), true), ALL);
        assert!(software_rendering(vars(&[(SOFTWARE_GL, "0")]), true).is_empty());
    }

    #[test]
    fn the_users_own_settings_win() {
        assert_eq!(
            software_rendering(vars(&[(DISABLE_COMPOSITING, "0"), (GDK_GL, "gles")]), false),
            [(DISABLE_DMABUF, "1")]
        );
    }
}
