//! Files of the project: listing, content, git status, and the three searches.

use crate::support::start;
use opencode_client::types::FileNodeKind;

#[tokio::test(flavor = "multi_thread")]
async fn files_are_listed_read_searched_and_their_git_status_seen() {
    let env = start().await;
    let c = &env.client;
    let project = env.server.project_dir();

    let root = c.list_files(".").await.unwrap();
    let readme = root
        .iter()
        .find(|n| n.name == "README.md")
        .expect("README.md listed");
    assert_eq!(readme.kind, FileNodeKind::File);
    assert!(root
        .iter()
        .any(|n| n.name == "src" && n.kind == FileNodeKind::Directory));

    let on_disk = std::fs::read_to_string(project.join("README.md")).unwrap();
    let content = c.file_content("README.md").await.unwrap();
    assert_eq!(content.kind, "text");
    // The server trims trailing whitespace from text files it serves.
    assert_eq!(content.content, on_disk.trim_end());

    std::fs::write(
        project.join("README.md"),
        format!("{on_disk}\nA new line.\n"),
    )
    .unwrap();
    let status = c.file_status().await.unwrap();
    let changed = status
        .iter()
        .find(|f| f.file.ends_with("README.md"))
        .unwrap_or_else(|| panic!("README.md changed: {status:?}"));
    assert_eq!(changed.status, "modified");
    assert!(changed.additions >= 1.0);
    std::fs::write(project.join("notes.txt"), "new file\n").unwrap();
    let status = c.file_status().await.unwrap();
    assert!(
        status
            .iter()
            .any(|f| f.file == "notes.txt" && f.status == "added"),
        "{status:?}"
    );

    let first_word = on_disk
        .split_whitespace()
        .last()
        .expect("README has words")
        .to_string();
    let hits = c.find_text(&first_word).await.unwrap();
    assert!(
        hits.iter().any(|h| h.path.text.ends_with("README.md")),
        "{hits:?}"
    );

    let paths = c.find_files("main", false, Some(10)).await.unwrap();
    assert!(paths.iter().any(|p| p.ends_with("main.rs")), "{paths:?}");

    // No language server runs in the test project; the call must still answer.
    assert!(c.find_symbols("main").await.is_ok());
}
