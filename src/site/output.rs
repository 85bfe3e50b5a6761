//! Writing the site: a file is rewritten only when its bytes changed (its SHA-256 differs
//! from the manifest's, or it is missing), files of an earlier build that are no longer
//! part of the site are removed, and nothing that roundup did not write is touched. The
//! manifest (`.roundup-site.json`) lists every file with its hash; delete it to force a
//! full rewrite.

use super::{SiteError, SiteFile, SiteReport};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Component, Path};

pub const MANIFEST: &str = ".roundup-site.json";

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Manifest {
    /// Relative path → hex SHA-256 of its content.
    files: BTreeMap<String, String>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |cause| SiteError::Write {
        path: path.display().to_string(),
        cause,
    }
}

/// Only plain relative paths (no `..`, no root) may be written or removed.
fn is_inside(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

pub fn write(out: &Path, files: &[SiteFile]) -> Result<SiteReport, SiteError> {
    let manifest_path = out.join(MANIFEST);
    let old: Option<Manifest> = std::fs::read(&manifest_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    if old.is_none() && out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(io_err(out))?;
        if entries.next().is_some() {
            return Err(SiteError::NotASite {
                path: out.display().to_string(),
            });
        }
    }
    let old = old.unwrap_or_default();
    let mut report = SiteReport::default();
    let mut new = Manifest::default();
    for f in files {
        if !is_inside(&f.path) {
            continue;
        }
        let hash = hex::encode(Sha256::digest(&f.bytes));
        let target = out.join(&f.path);
        if old.files.get(&f.path) == Some(&hash) && target.is_file() {
            report.unchanged += 1;
        } else {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(io_err(dir))?;
            }
            // Whole or not at all: a full disk leaves the previous page intact.
            crate::atomic::write_atomic(&target, &f.bytes)?;
            report.written += 1;
        }
        new.files.insert(f.path.clone(), hash);
    }
    for stale in old.files.keys().filter(|p| !new.files.contains_key(*p)) {
        if !is_inside(stale) {
            continue;
        }
        let target = out.join(stale);
        if target.is_file() {
            std::fs::remove_file(&target).map_err(io_err(&target))?;
            report.removed += 1;
            // Leave no empty directories behind (issues/12/ of a deleted issue).
            let mut dir = target.parent();
            while let Some(d) = dir.filter(|d| *d != out) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
    }
    report.files = new.files.len();
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let text = serde_json::to_vec_pretty(&new).map_err(|e| SiteError::Write {
        path: manifest_path.display().to_string(),
        cause: std::io::Error::other(e),
    })?;
    crate::atomic::write_atomic(&manifest_path, &text)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SiteFile {
        SiteFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn rewrites_only_what_changed_and_removes_what_went() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let r = write(
            &out,
            &[file("index.html", "a"), file("issues/1/index.html", "b")],
        )
        .unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (2, 0, 0));
        let r = write(&out, &[file("index.html", "a2")]).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (1, 0, 1));
        assert!(!out.join("issues").exists());
        let r = write(&out, &[file("index.html", "a2")]).unwrap();
        assert_eq!((r.written, r.unchanged, r.removed), (0, 1, 0));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "a2"
        );
    }

    #[test]
    fn a_foreign_directory_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = write(dir.path(), &[file("index.html", "a")]).unwrap_err();
        assert!(matches!(err, SiteError::NotASite { .. }));
        assert!(!dir.path().join("index.html").exists());
        assert!(!is_inside("../x") && !is_inside("/etc/x") && is_inside("a/b.html"));
    }
}
