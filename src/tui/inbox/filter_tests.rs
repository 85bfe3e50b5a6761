//! The inbox filter's tests: narrowing, ranking, backspace, path words.

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
fn typing_word_by_word_ranks_like_a_fresh_search() {
    let rows: Vec<InboxRow> = (0..50)
        .map(|i| {
            row(
                i,
                &format!("kafka lag {i} storage latency"),
                if i % 3 == 0 { "Lagoon" } else { "Kafka Weekly" },
            )
        })
        .collect();
    let mut typed = Filter::default();
    let mut vis = Vec::new();
    let q = "kafka la st";
    for end in 1..=q.len() {
        typed.query = q[..end].to_string();
        typed.apply(&rows, |_| true, &mut vis, false);
    }
    let mut fresh = Filter::default();
    let mut expect = Vec::new();
    fresh.query = q.into();
    fresh.apply(&rows, |_| true, &mut expect, true);
    assert_eq!(vis, expect);
    assert_eq!(typed.scored, fresh.scored);
    // Backspace to "kafka" returns the earlier answer.
    let mut back = Filter::default();
    let mut vb = Vec::new();
    back.query = "kafka".into();
    back.apply(&rows, |_| true, &mut vb, true);
    for end in (5..q.len()).rev() {
        typed.query = q[..end].to_string();
        typed.apply(&rows, |_| true, &mut vis, false);
    }
    assert_eq!(typed.query, "kafka");
    assert_eq!(vis, vb);
}

#[test]
fn a_row_no_longer_kept_drops_out_as_the_query_narrows() {
    let rows = vec![
        row(1, "Kafka split-brain", "Honeycomb"),
        row(2, "Kafka lag", "Uber"),
    ];
    let mut f = Filter::default();
    let mut vis = Vec::new();
    f.query = "k".into();
    f.apply(&rows, |_| true, &mut vis, false);
    assert_eq!(vis.len(), 2);
    // Row 1 was discarded meanwhile: the narrowing keystroke asks `keep` again.
    f.query = "ka".into();
    f.apply(&rows, |r| r.id != 1, &mut vis, false);
    assert_eq!(vis, vec![1]);
}

#[test]
fn a_path_word_typed_whole_finds_a_titled_link_below_title_matches() {
    let rows = vec![
        InboxRow::new(
            1,
            "An incident write-up",
            "",
            "",
            "https://s.example/dns-outage-june",
            0,
            LinkState::Inbox,
        ),
        InboxRow::new(
            2,
            "June retrospective",
            "",
            "",
            "https://t.example/x",
            0,
            LinkState::Inbox,
        ),
        InboxRow::new(
            3,
            "Other",
            "",
            "",
            "https://u.example/jxuxnxe",
            0,
            LinkState::Inbox,
        ),
    ];
    let mut f = Filter::default();
    let mut vis = Vec::new();
    for q in ["j", "ju", "jun", "june"] {
        f.query = q.into();
        f.apply(&rows, |_| true, &mut vis, false);
    }
    // Row 3's path spells j…u…n…e but not "june": only whole words count there.
    assert_eq!(vis, vec![1, 0]);
    f.query = "JUNE".into();
    f.apply(&rows, |_| true, &mut vis, true);
    assert!(vis.is_empty(), "a capital asks for that case, as in titles");
    f.query = "outage zzz".into();
    f.apply(&rows, |_| true, &mut vis, true);
    assert!(vis.is_empty(), "every word must match somewhere");
    f.query = "june outage".into();
    f.apply(&rows, |_| true, &mut vis, true);
    assert_eq!(vis, vec![0]);
}

#[test]
fn rank_is_by_score_then_stable() {
    let mut out = Vec::new();
    let mut counts = Vec::new();
    rank(&[(5, 0), (9, 1), (5, 2), (0, 3)], &mut out, &mut counts);
    assert_eq!(out, vec![1, 0, 2, 3]);
}
