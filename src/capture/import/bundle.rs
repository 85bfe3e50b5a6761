//! Exports that come as several files: a zip (Pocket's `part_*.csv`, Omnivore's metadata and
//! highlights) or the folder it unzips to. Only the files an importer reads are loaded
//! (Omnivore's `content/` of saved pages is skipped), within a size bound, so a zip bomb or a
//! home directory given by mistake cannot exhaust memory.

use super::{
    Format, ImportError, ImportOptions, ImportSummary, Invalid, Plan, context, detect, omnivore,
    plan_one, utf8, write_plan,
};
use crate::store::Store;
use std::io::Read;
use std::path::Path;

/// The most uncompressed bytes read from one zip or folder.
const MAX_TOTAL: u64 = 1 << 30;
/// How deep a folder is walked.
const MAX_DEPTH: usize = 4;

/// A zip or a folder: Omnivore's metadata files with their highlights, or every file roundup
/// can read (Pocket's `part_*.csv`), each located by its name in errors; one transaction.
pub(crate) fn import(
    store: &mut Store,
    files: Vec<File>,
    opts: &ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let ctx = context(store, opts)?;
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|f| {
            Ok((
                f.name.as_str(),
                utf8(&f.bytes).map_err(|e| e.in_file(&f.name))?,
            ))
        })
        .collect::<Result<_, ImportError>>()?;
    let (metadata, rest): (Vec<_>, Vec<_>) = texts
        .into_iter()
        .partition(|(name, _)| omnivore::is_metadata_file(name));
    let forced_omnivore = opts.format == Some(Format::Omnivore);
    if !metadata.is_empty() || forced_omnivore {
        let highlights: Vec<(&str, &str)> = rest
            .into_iter()
            .filter(|(name, _)| omnivore::is_highlights_file(name))
            .collect();
        let plan = omnivore::plan(&metadata, &highlights, &ctx)?;
        let mut summary = write_plan(store, with_source(plan, Format::Omnivore))?;
        summary.format = Some(Format::Omnivore);
        return Ok(summary);
    }
    let mut total = Plan::default();
    let mut first = None;
    for (name, content) in rest.into_iter().filter(|(n, _)| is_data_file(n)) {
        let format = opts.format.unwrap_or_else(|| detect(content));
        first.get_or_insert(format);
        let plan = plan_one(content, format, &ctx).map_err(|e| e.in_file(name))?;
        total.links.extend(plan.links);
        total.feeds.extend(plan.feeds);
        total.by_title.extend(plan.by_title);
        total.skipped_read += plan.skipped_read;
        total
            .invalid
            .extend(plan.invalid.into_iter().map(|i| Invalid {
                at: format!("{name} {}", i.at),
                reason: i.reason,
            }));
    }
    let Some(format) = first else {
        return Err(ImportError::Empty(
            "no export file found (expected part_*.csv, metadata_*.json, or a CSV, JSON, HTML or \
             text file)"
                .into(),
        ));
    };
    let mut summary = write_plan(store, total)?;
    summary.format = Some(format);
    Ok(summary)
}

fn with_source(mut plan: Plan, format: Format) -> Plan {
    for crate::model::PlannedLink { link, .. } in &mut plan.links {
        link.source
            .get_or_insert_with(|| format.source().to_string());
    }
    plan
}

pub(crate) struct File {
    /// Relative to the zip's root or the folder, with `/` separators.
    pub name: String,
    pub bytes: Vec<u8>,
}

pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// A file an importer may read: an export's CSV, JSON, HTML, XML or text, or a highlights
/// Markdown file; never a saved page under `content/`, nor a hidden file.
fn wanted(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let hidden = lower
        .split('/')
        .any(|part| part.starts_with('.') || part == "__macosx");
    let content = lower.starts_with("content/") || lower.contains("/content/");
    !hidden && !content && (is_data_file(&lower) || lower.ends_with(".md"))
}

/// A file that is an export by itself (not an Omnivore highlights file).
pub(crate) fn is_data_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".csv", ".json", ".html", ".htm", ".xml", ".opml", ".txt"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn too_big() -> ImportError {
    ImportError::Empty(format!(
        "the export holds more than {} MB of files roundup reads",
        MAX_TOTAL >> 20
    ))
}

pub(crate) fn from_zip(bytes: &[u8]) -> Result<Vec<File>, ImportError> {
    let broken = |reason: String| ImportError::Broken {
        format: super::Format::Text,
        at: "the zip".into(),
        reason,
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| broken(format!("not a readable zip: {e}")))?;
    let mut files = Vec::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| broken(format!("entry {}: {e}", i + 1)))?;
        let name = entry.name().trim_start_matches("./").to_string();
        if entry.is_dir() || !wanted(&name) {
            continue;
        }
        let mut buf = Vec::new();
        // The declared size can lie: read at most what is left of the budget, plus one byte
        // to notice going over.
        let budget = MAX_TOTAL - total;
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut buf)
            .map_err(|e| broken(format!("{name}: {e}")))?;
        total += buf.len() as u64;
        if total > MAX_TOTAL {
            return Err(too_big());
        }
        files.push(File { name, bytes: buf });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

pub(crate) fn from_dir(root: &Path) -> Result<Vec<File>, ImportError> {
    let mut files = Vec::new();
    let mut total = 0u64;
    walk(root, root, 0, &mut files, &mut total)?;
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

fn walk(
    root: &Path,
    dir: &Path,
    depth: usize,
    files: &mut Vec<File>,
    total: &mut u64,
) -> Result<(), ImportError> {
    let read_err = |path: &Path, source: std::io::Error| ImportError::Read {
        path: path.display().to_string(),
        source,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| read_err(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| read_err(dir, e))?;
        let path = entry.path();
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let kind = entry.file_type().map_err(|e| read_err(&path, e))?;
        if kind.is_dir() {
            if depth < MAX_DEPTH && wanted(&format!("{name}/x.md")) {
                walk(root, &path, depth + 1, files, total)?;
            }
        } else if kind.is_file() && wanted(&name) {
            let bytes = std::fs::read(&path).map_err(|e| read_err(&path, e))?;
            *total += bytes.len() as u64;
            if *total > MAX_TOTAL {
                return Err(too_big());
            }
            files.push(File { name, bytes });
        }
    }
    Ok(())
}
