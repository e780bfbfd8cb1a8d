//! Starting a terminal OpenCode attached to a server: the user's terminal emulator running
//! `opencode attach <url> --dir <project> [--session <id>]`.
//!
//! The password goes by environment (`OPENCODE_SERVER_PASSWORD`, which `attach` reads), never on
//! a command line another user could read in `/proc`.
//!
//! Which emulator: on Linux `$TERMINAL`, then Debian's `x-terminal-emulator`, then the usual
//! ones, each with its own way of being given a command. macOS and Windows are not supported
//! yet: there the error says which command to run by hand (Terminal.app and Windows Terminal
//! do not pass an environment to what they run through `open` / `wt`, which the password needs).

use crate::credentials::Credentials;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How an emulator is told what to run: `program <before...> opencode attach ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emulator {
    pub program: PathBuf,
    pub before: Vec<&'static str>,
}

/// The emulators tried after `$TERMINAL` and `x-terminal-emulator`, and how each takes a command.
const KNOWN: &[(&str, &[&str])] = &[
    ("gnome-terminal", &["--"]),
    ("konsole", &["-e"]),
    ("xfce4-terminal", &["-x"]),
    ("kitty", &[]),
    ("alacritty", &["-e"]),
    ("wezterm", &["start", "--"]),
    ("foot", &[]),
    ("tilix", &["-e"]),
    ("xterm", &["-e"]),
];

/// The emulators to try, in order: `terminal_env` (`$TERMINAL`, taking `-e` as most do), then
/// those found in `path` (`$PATH`).
pub fn emulators(terminal_env: Option<OsString>, path: Option<OsString>) -> Vec<Emulator> {
    let mut found = Vec::new();
    if let Some(terminal) = terminal_env.filter(|t| !t.is_empty()) {
        let program = PathBuf::from(terminal);
        // `$TERMINAL` may name a program on PATH or a path.
        if let Some(program) = find_program(&program, path.as_ref()) {
            let name = program
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            let before = KNOWN
                .iter()
                .find(|(known, _)| Some(*known) == name.as_deref())
                .map_or(vec!["-e"], |(_, before)| before.to_vec());
            found.push(Emulator { program, before });
        }
    }
    let mut candidates = vec![("x-terminal-emulator", &["-e"][..])];
    candidates.extend(KNOWN.iter().copied());
    for (name, before) in candidates {
        if let Some(program) = find_program(Path::new(name), path.as_ref()) {
            if !found.iter().any(|e: &Emulator| e.program == program) {
                found.push(Emulator {
                    program,
                    before: before.to_vec(),
                });
            }
        }
    }
    found
}

fn find_program(program: &Path, path: Option<&OsString>) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_path_buf());
    }
    std::env::split_paths(path?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// What to run in the terminal, and where.
pub struct AttachCommand<'a> {
    pub opencode: &'a Path,
    pub url: &'a str,
    pub credentials: &'a Credentials,
    pub directory: Option<&'a Path>,
    pub session_id: Option<&'a str>,
}

impl AttachCommand<'_> {
    /// `opencode attach <url> [--dir D] [--session S]`: never a password.
    pub fn args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = vec![self.opencode.into(), "attach".into(), self.url.into()];
        if let Some(dir) = self.directory {
            args.extend(["--dir".into(), dir.into()]);
        }
        if let Some(session) = self.session_id {
            args.extend(["--session".into(), session.into()]);
        }
        args
    }
}

/// Starts the first emulator that starts, running `command`; returns the emulator's path.
/// The emulator is not waited for (a thread reaps it when it ends).
pub fn open_attached(command: &AttachCommand<'_>) -> Result<PathBuf, String> {
    if !cfg!(target_os = "linux") {
        return Err(format!(
            "Opening a terminal is supported on Linux only for now. Run this in a terminal: \
             OPENCODE_SERVER_PASSWORD=… {} attach {}",
            command.opencode.display(),
            command.url
        ));
    }
    let candidates = emulators(std::env::var_os("TERMINAL"), std::env::var_os("PATH"));
    if candidates.is_empty() {
        return Err(
            "No terminal emulator was found: set $TERMINAL to yours (for example \
                    TERMINAL=gnome-terminal), or install one such as xterm."
                .into(),
        );
    }
    let mut failures = Vec::new();
    for emulator in candidates {
        let mut process = Command::new(&emulator.program);
        process
            .args(&emulator.before)
            .args(command.args())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .env("OPENCODE_SERVER_USERNAME", &command.credentials.username)
            .env_remove("OPENCODE_SERVER_PASSWORD");
        if let Some(password) = &command.credentials.password {
            process.env("OPENCODE_SERVER_PASSWORD", password.expose());
        }
        if let Some(dir) = command.directory {
            process.current_dir(dir);
        }
        match process.spawn() {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(emulator.program);
            }
            Err(e) => failures.push(format!("{}: {e}", emulator.program.display())),
        }
    }
    Err(format!(
        "No terminal emulator could be started ({}).",
        failures.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Secret;

    fn bin_dir_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        dir
    }

    #[test]
    fn terminal_env_comes_first_then_debian_then_the_usual_ones() {
        let bin = bin_dir_with(&["xterm", "kitty", "x-terminal-emulator", "mine"]);
        let path = Some(bin.path().as_os_str().to_owned());
        let found = emulators(Some("mine".into()), path.clone());
        let names: Vec<_> = found
            .iter()
            .map(|e| {
                e.program
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["mine", "x-terminal-emulator", "kitty", "xterm"]);
        assert_eq!(found[0].before, ["-e"]);
        assert!(found[2].before.is_empty(), "kitty runs its arguments as is");
        // $TERMINAL naming a known emulator uses that one's convention.
        let gnome = bin_dir_with(&["gnome-terminal"]);
        let found = emulators(
            Some("gnome-terminal".into()),
            Some(gnome.path().as_os_str().to_owned()),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].before, ["--"]);
        assert!(emulators(None, None).is_empty());
    }

    #[test]
    fn the_password_is_never_an_argument() {
        let credentials = Credentials::new(Some(Secret::new("hunter2-secret")));
        let command = AttachCommand {
            opencode: Path::new("/usr/bin/opencode"),
            url: "http://127.0.0.1:4096",
            credentials: &credentials,
            directory: Some(Path::new("/p")),
            session_id: Some("ses_1"),
        };
        let args: Vec<String> = command
            .args()
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            args,
            [
                "/usr/bin/opencode",
                "attach",
                "http://127.0.0.1:4096",
                "--dir",
                "/p",
                "--session",
                "ses_1"
            ]
        );
        assert!(args.iter().all(|a| !a.contains("hunter2")));
    }
}
