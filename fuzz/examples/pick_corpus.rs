//! `cargo run --manifest-path fuzz/Cargo.toml --example pick_corpus -- CONTROL MAX_FILES
//! MAX_BYTES OUT_DIR`: picks the regression corpus of one target from a libFuzzer merge
//! control file (`-merge=1 -merge_control_file=CONTROL` over the `cargo fuzz cmin` output).
//! Greedy budgeted cover: take the input with the most not-yet-covered features per
//! (size + 4 KiB), until MAX_FILES inputs, MAX_BYTES bytes, or nothing new; so small inputs
//! win ties and one big page cannot crowd out many small ones. Copies the picks into
//! OUT_DIR and prints how much of the cmin coverage they keep.
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

/// Bytes added to each input's size when ranking: a small input is not infinitely better.
const SIZE_BIAS: f64 = 4096.0;

struct Input {
    path: String,
    size: u64,
    features: HashSet<u32>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [control, max_files, max_bytes, out] = args.as_slice() else {
        eprintln!("usage: pick_corpus CONTROL_FILE MAX_FILES MAX_BYTES OUT_DIR");
        return ExitCode::FAILURE;
    };
    match run(control, max_files, max_bytes, Path::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pick_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(control: &str, max_files: &str, max_bytes: &str, out: &Path) -> Result<(), String> {
    let max_files: usize = max_files.parse().map_err(|_| "MAX_FILES is not a number")?;
    let max_bytes: u64 = max_bytes.parse().map_err(|_| "MAX_BYTES is not a number")?;
    let inputs = read_control(control)?;
    let all: HashSet<u32> = inputs
        .iter()
        .flat_map(|i| i.features.iter().copied())
        .collect();
    let (mut covered, mut picked, mut bytes) = (HashSet::new(), Vec::<usize>::new(), 0);
    while picked.len() < max_files {
        let best = inputs
            .iter()
            .enumerate()
            .filter(|(i, input)| !picked.contains(i) && bytes + input.size <= max_bytes)
            .map(|(i, input)| (i, input.features.difference(&covered).count(), input.size))
            .filter(|(_, new, _)| *new > 0)
            .max_by(|a, b| {
                let score =
                    |(_, new, size): &(usize, usize, u64)| *new as f64 / (*size as f64 + SIZE_BIAS);
                score(a).total_cmp(&score(b)).then(b.2.cmp(&a.2))
            });
        let Some((i, _, size)) = best else { break };
        covered.extend(inputs[i].features.iter().copied());
        bytes += size;
        picked.push(i);
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for &i in &picked {
        let from = Path::new(&inputs[i].path);
        let to = out.join(from.file_name().ok_or("an input path has no file name")?);
        std::fs::copy(from, &to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    println!(
        "{} of {} inputs, {bytes} bytes, {} of {} features ({:.0}%)",
        picked.len(),
        inputs.len(),
        covered.len(),
        all.len(),
        100.0 * covered.len() as f64 / all.len().max(1) as f64
    );
    Ok(())
}

/// The control file: the number of inputs, the number in the first (output) corpus, one
/// path per line, then per input `STARTED id size`, `FT id features…`, `COV id edges…`.
fn read_control(control: &str) -> Result<Vec<Input>, String> {
    let text = std::fs::read_to_string(control).map_err(|e| format!("{control}: {e}"))?;
    let mut lines = text.lines();
    let count: usize = lines
        .next()
        .and_then(|l| l.parse().ok())
        .ok_or("not a merge control file")?;
    lines.next();
    let paths: Vec<&str> = lines.by_ref().take(count).collect();
    let mut inputs = Vec::new();
    for line in lines {
        let mut words = line.split_ascii_whitespace();
        if words.next() != Some("FT") {
            continue;
        }
        let id: usize = words
            .next()
            .and_then(|w| w.parse().ok())
            .ok_or("bad FT line")?;
        let path = paths.get(id).ok_or("FT line for an unknown input")?;
        let size = std::fs::metadata(path)
            .map_err(|e| format!("{path}: {e}"))?
            .len();
        inputs.push(Input {
            path: path.to_string(),
            size,
            features: words.filter_map(|w| w.parse().ok()).collect(),
        });
    }
    Ok(inputs)
}
