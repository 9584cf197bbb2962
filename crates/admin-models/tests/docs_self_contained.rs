//! Issue 11, item 18: the documentation is self-contained. No doc of the repository points
//! readers to a file outside it (the project's steering notes live in a sibling `shared/`
//! directory that readers of the repository do not have).

use std::fs;
use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every Markdown file under `docs/`, the README, and every Rust source of every crate (crate
/// docs are doc comments).
fn documentation_files() -> Vec<PathBuf> {
    let root = workspace_root();
    let mut files = vec![root.join("README.md")];
    let mut dirs = vec![root.join("docs"), root.join("crates"), root.join("examples")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                if !path.ends_with("target") && !path.ends_with("snapshots") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "md" || ext == "rs") {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn item_18_no_doc_points_outside_the_repository() {
    let this_file = Path::new(file!()).file_name().expect("file name");
    let mut offenders = Vec::new();
    for file in documentation_files() {
        if file.file_name() == Some(this_file) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        for (number, line) in text.lines().enumerate() {
            if line.contains("../shared/") || line.contains("/work/shared") || line.contains("`shared/") {
                offenders.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "docs pointing outside the repository:\n{}", offenders.join("\n"));
}

#[test]
fn item_18_endpoints_doc_names_its_public_sources() {
    let endpoints =
        fs::read_to_string(workspace_root().join("docs/ENDPOINTS.md")).expect("docs/ENDPOINTS.md");
    for source in [
        "https://developer.atlassian.com/cloud/admin/user-management/rest/",
        "https://developer.atlassian.com/cloud/admin/user-provisioning/rest/",
        "https://www.rfc-editor.org/rfc/rfc7643",
        "https://www.rfc-editor.org/rfc/rfc7644",
    ] {
        assert!(endpoints.contains(source), "docs/ENDPOINTS.md does not cite {source}");
    }
}
