//! Fuzzy filtering of the inbox with nucleo-matcher. One `Matcher` and one char buffer are
//! reused across keystrokes; when the query only grows (the usual case while typing), only
//! the previous matches are scored again, since a longer fuzzy query can only match less.

use crate::store::InboxRow;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

pub struct Filter {
    pub query: String,
    /// The query the current `matches` answer.
    applied: String,
    matcher: Matcher,
    buf: Vec<char>,
    scored: Vec<(u32, u32)>,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            query: String::new(),
            applied: String::new(),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            scored: Vec::new(),
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
        let pattern = Pattern::parse(&q, CaseMatching::Smart, Normalization::Smart);
        self.scored.clear();
        let mut score = |i: u32, row: &InboxRow, scored: &mut Vec<(u32, u32)>| {
            if let Some(s) = pattern.score(
                Utf32Str::new(row.haystack(), &mut self.buf),
                &mut self.matcher,
            ) {
                scored.push((s, i));
            }
        };
        if narrowing {
            for &i in visible.iter() {
                if let Some(row) = rows.get(i as usize) {
                    score(i, row, &mut self.scored);
                }
            }
        } else {
            for (i, row) in rows.iter().enumerate() {
                if keep(row) {
                    score(i as u32, row, &mut self.scored);
                }
            }
        }
        self.scored
            .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        visible.clear();
        visible.extend(self.scored.iter().map(|(_, i)| *i));
        self.applied = q;
    }
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
}
