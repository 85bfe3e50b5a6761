//! Fuzzy filtering of the inbox with nucleo-matcher (the query's `#tag` words are left to
//! `tags.rs`). Matchers and buffers are reused across
//! keystrokes. While the query only grows (the usual case when typing) only the previous
//! matches are scored again, since a longer fuzzy query can only match less; and the words
//! before the one being typed keep their scores, so only the last word is matched again.

use super::tags::text_part;
use crate::store::InboxRow;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Below this many candidates one thread is quicker than starting others.
const PARALLEL_FROM: usize = 8192;

/// A candidate row: its index and the summed score of the query's settled words.
type Cand = (u32, u32);

/// One scoring thread's reusable matcher and buffers.
struct Worker {
    matcher: Matcher,
    buf: Vec<char>,
    /// (total score, row index, settled score).
    out: Vec<(u32, u32, u32)>,
}

impl Worker {
    fn new() -> Worker {
        Worker {
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            out: Vec::new(),
        }
    }

    /// Adds the scores of `settle` to each candidate's settled score, then `last` on top.
    /// `keep`, when given, is asked first: the row is read here anyway, where a separate pass
    /// over the candidates would wait on memory for each of them a second time.
    fn score(
        &mut self,
        settle: &[Atom],
        last: &Atom,
        rows: &[InboxRow],
        cands: &[Cand],
        keep: Option<&(dyn Fn(&InboxRow) -> bool + Sync)>,
    ) {
        self.out.clear();
        'rows: for &(i, base) in cands {
            let Some(row) = rows.get(i as usize) else {
                continue;
            };
            if keep.is_some_and(|keep| !keep(row)) {
                continue;
            }
            let hay = if row.ascii {
                Utf32Str::Ascii(row.haystack().as_bytes())
            } else {
                Utf32Str::new(row.haystack(), &mut self.buf)
            };
            let mut settled = base;
            let path = row.path().as_bytes();
            for atom in settle {
                match score_atom(atom, hay, &mut self.matcher).or_else(|| in_path(atom, path)) {
                    Some(s) => settled += u32::from(s),
                    None => continue 'rows,
                }
            }
            if let Some(s) =
                score_atom(last, hay, &mut self.matcher).or_else(|| in_path(last, path))
            {
                self.out.push((settled + u32::from(s), i, settled));
            }
        }
    }
}

pub struct Filter {
    pub query: String,
    /// The query the current result answers, and its settled words (all but the last).
    applied: String,
    settled: String,
    workers: Vec<Worker>,
    /// The current matches in row order, with their settled scores.
    cands: Vec<Cand>,
    next: Vec<Cand>,
    scored: Vec<(u32, u32)>,
    counts: Vec<u32>,
    /// The atoms `visible` answers: a keystroke that does not change them (a space) is free.
    atoms: Vec<Atom>,
    /// Earlier results of this typing session, shortest query first: Backspace goes back to
    /// one of them instead of scanning every row again.
    history: Vec<Saved>,
}

/// One earlier result of the filter.
struct Saved {
    query: String,
    settled: String,
    atoms: Vec<Atom>,
    cands: Vec<Cand>,
    visible: Vec<u32>,
}

/// How many earlier results Backspace can return to.
const HISTORY: usize = 32;

impl Default for Filter {
    fn default() -> Self {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        Filter {
            query: String::new(),
            applied: String::new(),
            settled: String::new(),
            workers: (0..n).map(|_| Worker::new()).collect(),
            cands: Vec::new(),
            next: Vec::new(),
            scored: Vec::new(),
            counts: Vec::new(),
            atoms: Vec::new(),
            history: Vec::new(),
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
        keep: impl Fn(&InboxRow) -> bool + Sync,
        visible: &mut Vec<u32>,
        full: bool,
    ) {
        let q = text_part(&self.query);
        let all = || {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| keep(r))
                .map(|(i, _)| i as u32)
        };
        if full {
            self.history.clear();
        }
        let pattern = Pattern::parse(&q, CaseMatching::Smart, Normalization::Smart);
        let Some((last, settle)) = pattern.atoms.split_last() else {
            visible.clear();
            visible.extend(all());
            self.applied.clear();
            self.settled.clear();
            self.cands.clear();
            self.atoms.clear();
            self.history.clear();
            return;
        };
        if !full && pattern.atoms == self.atoms {
            self.applied = q;
            return;
        }
        // Backspace: an earlier result of the same session answers a shorter query.
        if !full && !q.starts_with(&self.applied) {
            while let Some(saved) = self.history.pop() {
                if saved.query == q || saved.atoms == pattern.atoms {
                    visible.clear();
                    visible.extend(
                        saved
                            .visible
                            .iter()
                            .filter(|i| rows.get(**i as usize).is_some_and(&keep)),
                    );
                    self.cands = saved.cands;
                    self.settled = saved.settled;
                    self.atoms = saved.atoms;
                    self.applied = q;
                    return;
                }
            }
        }
        // The words before the last one, as typed ("kafka" in "kafka la"): their scores are
        // kept with each match. When words and atoms disagree, nothing is reused.
        let words: Vec<&str> = q.split_whitespace().collect();
        let settled = if words.len() == pattern.atoms.len() {
            words[..settle.len()].join(" ")
        } else {
            "\u{0}".to_string()
        };
        // Negation ('!') and escapes can widen the result as the query grows: rescan then.
        let narrowing = !full
            && !self.applied.is_empty()
            && q.starts_with(&self.applied)
            && !q.contains('!')
            && !q.contains('\\');
        let reuse = narrowing
            && settled == self.settled
            && settle.len() == settled.split_whitespace().count();
        if narrowing {
            if self.history.len() == HISTORY {
                self.history.remove(0);
            }
            self.history.push(Saved {
                query: self.applied.clone(),
                settled: self.settled.clone(),
                atoms: self.atoms.clone(),
                cands: self.cands.clone(),
                visible: visible.clone(),
            });
        } else {
            self.history.clear();
        }
        let mut cands = std::mem::take(&mut self.next);
        cands.clear();
        if narrowing {
            // Row order, not rank order: rows are then read front to back in memory. A row
            // whose state changed since is dropped by `keep` in the workers.
            let base = |b: u32| if reuse { b } else { 0 };
            cands.extend(self.cands.iter().map(|&(i, b)| (i, base(b))));
        } else {
            cands.extend(all().map(|i| (i, 0)));
        }
        let keep: Option<&(dyn Fn(&InboxRow) -> bool + Sync)> =
            if narrowing { Some(&keep) } else { None };
        let settle: &[Atom] = if reuse { &[] } else { settle };
        let n = if cands.len() >= PARALLEL_FROM {
            self.workers.len()
        } else {
            1
        };
        let chunk = cands.len().div_ceil(n).max(1);
        let (first, others) = self.workers.split_at_mut(1);
        let mut parts = cands.chunks(chunk);
        let head = parts.next().unwrap_or(&[]);
        std::thread::scope(|scope| {
            for (w, part) in others.iter_mut().zip(parts) {
                scope.spawn(move || w.score(settle, last, rows, part, keep));
            }
            if let Some(w) = first.first_mut() {
                w.score(settle, last, rows, head, keep);
            }
        });
        self.scored.clear();
        self.cands.clear();
        for (k, w) in self.workers.iter_mut().enumerate() {
            if k < n {
                self.scored.extend(w.out.iter().map(|&(t, i, _)| (t, i)));
                self.cands.extend(w.out.iter().map(|&(_, i, b)| (i, b)));
            }
            w.out.clear();
        }
        self.next = cands;
        // Workers score in row order (newest first), so a stable sort on the score alone gives
        // best first, newest first among equals. Scores are small integers: counting sort.
        rank(&self.scored, visible, &mut self.counts);
        self.applied = q;
        self.settled = settled;
        self.atoms = pattern.atoms.clone();
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

/// A titled link's URL path is matched only by a word typed whole ("june" finds
/// `…/dns-outage-june`), and scores as little as a match can: fuzzy matching spelled words
/// across slugs (25,980 of 100,000 rows matched "kafka" through their paths, 15,486 without)
/// and scanned the longest part of every row on every keystroke. From the first letter on:
/// a shorter word must match at least what a longer one does, or narrowing as the query
/// grows would lose rows.
fn in_path(atom: &Atom, path: &[u8]) -> Option<u16> {
    // nucleo keeps an ASCII needle as its bytes: no copy per row.
    let Utf32Str::Ascii(needle) = atom.needle_text() else {
        return None;
    };
    if path.is_empty() || needle.is_empty() || atom.kind != AtomKind::Fuzzy || atom.negative {
        return None;
    }
    let found = if needle.iter().any(u8::is_ascii_uppercase) {
        memchr::memmem::find(path, needle).is_some()
    } else {
        contains_ignore_ascii_case(path, needle)
    };
    found.then(|| u16::try_from(needle.len()).unwrap_or(u16::MAX))
}

/// `needle` (lower case) in `hay`, ASCII case ignored.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + i;
        if hay
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
