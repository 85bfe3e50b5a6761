//! Fuzzy filtering of the inbox with nucleo-matcher. One `Matcher` and one char buffer are
//! reused across keystrokes; when the query only grows (the usual case while typing), only
//! the previous matches are scored again, since a longer fuzzy query can only match less.

use crate::store::InboxRow;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Below this many candidates one thread is quicker than starting others.
const PARALLEL_FROM: usize = 8192;

/// One scoring thread's reusable matcher and buffers.
struct Worker {
    matcher: Matcher,
    buf: Vec<char>,
    out: Vec<(u32, u32)>,
}

impl Worker {
    fn new() -> Worker {
        Worker {
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            out: Vec::new(),
        }
    }

    fn score(&mut self, pattern: &Pattern, rows: &[InboxRow], candidates: &[u32]) {
        self.out.clear();
        'rows: for &i in candidates {
            let Some(row) = rows.get(i as usize) else {
                continue;
            };
            let hay = Utf32Str::new(row.haystack(), &mut self.buf);
            let mut total = 0u32;
            for atom in &pattern.atoms {
                match score_atom(atom, hay, &mut self.matcher) {
                    Some(s) => total += u32::from(s),
                    None => continue 'rows,
                }
            }
            self.out.push((total, i));
        }
    }
}

pub struct Filter {
    pub query: String,
    /// The query the current `visible` answers.
    applied: String,
    workers: Vec<Worker>,
    candidates: Vec<u32>,
    scored: Vec<(u32, u32)>,
    counts: Vec<u32>,
}

impl Default for Filter {
    fn default() -> Self {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        Filter {
            query: String::new(),
            applied: String::new(),
            workers: (0..n).map(|_| Worker::new()).collect(),
            candidates: Vec::new(),
            scored: Vec::new(),
            counts: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filter")
            .field("query", &self.query)
            .finish()
    }
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// Recomputes `visible` (indices into `rows`, best match first, newest first on ties)
    /// among the rows `keep` accepts. `full` forces a rescan of every row (rows changed).
    pub fn apply(
        &mut self,
        rows: &[InboxRow],
        keep: impl Fn(&InboxRow) -> bool,
        visible: &mut Vec<u32>,
        full: bool,
    ) {
        let q = self.query.trim().to_string();
        if q.is_empty() {
            visible.clear();
            visible.extend(
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| keep(r))
                    .map(|(i, _)| i as u32),
            );
            self.applied.clear();
            return;
        }
        // Negation ('!') can widen the result as the query grows: rescan then.
        let narrowing = !full
            && !self.applied.is_empty()
            && q.starts_with(&self.applied)
            && !q.contains('!')
            && !q.contains('\\');
        self.candidates.clear();
        if narrowing {
            // In row order, not rank order: rows are then read front to back in memory.
            self.candidates.extend_from_slice(visible);
            self.candidates.sort_unstable();
        } else {
            self.candidates.extend(
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| keep(r))
                    .map(|(i, _)| i as u32),
            );
        }
        let pattern = Pattern::parse(&q, CaseMatching::Smart, Normalization::Smart);
        let n = if self.candidates.len() >= PARALLEL_FROM {
            self.workers.len()
        } else {
            1
        };
        let chunk = self.candidates.len().div_ceil(n).max(1);
        let (first, others) = self.workers.split_at_mut(1);
        let mut parts = self.candidates.chunks(chunk);
        let head = parts.next().unwrap_or(&[]);
        std::thread::scope(|scope| {
            for (w, part) in others.iter_mut().zip(parts) {
                let pattern = &pattern;
                scope.spawn(move || w.score(pattern, rows, part));
            }
            if let Some(w) = first.first_mut() {
                w.score(&pattern, rows, head);
            }
        });
        self.scored.clear();
        for (k, w) in self.workers.iter_mut().enumerate() {
            if k < n {
                self.scored.append(&mut w.out);
            } else {
                w.out.clear();
            }
        }
        // Workers score in row order (newest first), so a stable sort on the score alone gives
        // best first, newest first among equals. Scores are small integers: counting sort.
        rank(&self.scored, visible, &mut self.counts);
        self.applied = q;
    }
}

/// Writes the row indices of `scored` into `out`, highest score first, stable.
fn rank(scored: &[(u32, u32)], out: &mut Vec<u32>, counts: &mut Vec<u32>) {
    out.clear();
    let Some(max) = scored.iter().map(|(s, _)| *s).max() else {
        return;
    };
    if max as usize > 1 << 16 {
        let mut v = scored.to_vec();
        v.sort_by_key(|x| std::cmp::Reverse(x.0));
        out.extend(v.iter().map(|(_, i)| *i));
        return;
    }
    counts.clear();
    counts.resize(max as usize + 2, 0);
    // Bucket k holds score max - k, so the prefix sums place higher scores first.
    for (s, _) in scored {
        counts[(max - s) as usize + 1] += 1;
    }
    for k in 1..counts.len() {
        counts[k] += counts[k - 1];
    }
    out.resize(scored.len(), 0);
    for (s, i) in scored {
        let slot = &mut counts[(max - s) as usize];
        out[*slot as usize] = *i;
        *slot += 1;
    }
}

/// Plain fuzzy atoms use nucleo's greedy matcher: linear in the haystack instead of the
/// optimal (quadratic) alignment, which keeps a keystroke over 100,000 links within a frame.
/// The ranking differs only in which of several equal-looking alignments scores.
fn score_atom(atom: &Atom, hay: Utf32Str<'_>, matcher: &mut Matcher) -> Option<u16> {
    let needle = atom.needle_text();
    if atom.kind == AtomKind::Fuzzy && !atom.negative && needle.is_ascii() {
        // Smart case as nucleo does it: case matters only when the needle has a capital.
        matcher.config.ignore_case = !needle.chars().any(|c| c.is_ascii_uppercase());
        matcher.config.normalize = false;
        return matcher.fuzzy_match_greedy(hay, needle);
    }
    atom.score(hay, matcher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkState;

    fn row(id: i64, title: &str, publication: &str) -> InboxRow {
        InboxRow::new(
            id,
            title,
            "",
            publication,
            "https://x.example/",
            0,
            LinkState::Inbox,
        )
    }

    #[test]
    fn narrows_as_the_query_grows_and_widens_when_it_shrinks() {
        let rows = vec![
            row(1, "Kafka split-brain", "Honeycomb"),
            row(2, "Tiered storage", "Confluent"),
            row(3, "Kafka lag", "Uber"),
        ];
        let mut f = Filter::default();
        let mut vis = Vec::new();
        for q in ["k", "ka", "kaf", "kafka"] {
            f.query = q.into();
            f.apply(&rows, |_| true, &mut vis, false);
        }
        assert_eq!(vis.len(), 2);
        f.query = "honey".into();
        f.apply(&rows, |_| true, &mut vis, false);
        assert_eq!(vis, vec![0]);
        f.query.clear();
        f.apply(&rows, |_| true, &mut vis, false);
        assert_eq!(vis, vec![0, 1, 2]);
    }

    #[test]
    fn rank_is_by_score_then_stable() {
        let mut out = Vec::new();
        let mut counts = Vec::new();
        rank(&[(5, 0), (9, 1), (5, 2), (0, 3)], &mut out, &mut counts);
        assert_eq!(out, vec![1, 0, 2, 3]);
    }
}
