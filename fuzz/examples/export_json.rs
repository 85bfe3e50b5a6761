//! `cargo run --manifest-path fuzz/Cargo.toml --example export_json -- OUT_DIR FILE...`:
//! decodes each `export` corpus file into the issue the fuzz target renders and writes it to
//! `OUT_DIR/<file name>.json`, the form `tests/fuzz_regressions.rs` replays on stable (the
//! raw bytes only decode inside this crate). A file that decodes to nothing is reported and
//! skipped.
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(out_dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: export_json OUT_DIR FILE...");
        return ExitCode::FAILURE;
    };
    let mut failed = false;
    for file in args.map(PathBuf::from) {
        if let Err(e) = convert(&file, &out_dir) {
            eprintln!("{}: {e}", file.display());
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn convert(file: &Path, out_dir: &Path) -> Result<(), String> {
    let data = std::fs::read(file).map_err(|e| e.to_string())?;
    let Some(issue) = roundup_fuzz::issue_from_bytes(&data) else {
        eprintln!("{}: decodes to no issue, skipped", file.display());
        return Ok(());
    };
    let name = file.file_name().ok_or("not a file name")?.to_string_lossy();
    let json = serde_json::to_string_pretty(&issue).map_err(|e| e.to_string())?;
    let out = out_dir.join(format!("{name}.json"));
    std::fs::write(&out, json + "\n").map_err(|e| format!("{}: {e}", out.display()))
}
