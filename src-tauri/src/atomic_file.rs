//! Replacing a file whole: the new bytes go to a temporary file beside it (same file system),
//! are synced, take the old file's permissions, and are renamed over it; then the directory is
//! synced so the rename itself lasts. A crash leaves the old file or the new one, never half of
//! one. Every store of the app writes through here (settings, model preferences, the project's
//! OpenCode config), and a file that cannot be used is moved aside under one naming rule.

use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes`, creating its directory when missing.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    // A temporary file is created 0600: the user's own choice for the file stays.
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(dir) {
        // Best effort: the new file is complete either way.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Where an unusable file is moved aside, kept for the user: `<name>.bad-<unix time>`, with a
/// counter if that name is taken.
pub fn aside_path(path: &Path) -> std::path::PathBuf {
    use std::path::PathBuf;
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let base = format!("{}.bad-{secs}", path.display());
    (1..)
        .map(|n| match n {
            1 => PathBuf::from(&base),
            n => PathBuf::from(format!("{base}-{n}")),
        })
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| PathBuf::from(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_keeps_permissions_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/settings.json");
        replace(&path, b"one").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            replace(&path, b"two").unwrap();
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["settings.json"]);
    }
}
