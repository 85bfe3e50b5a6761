use super::*;
use crate::text::words;

const ARTICLE: &str = "Our pager went off at 3 am.\n\nIt was not the database. It was the \
                       retry storm that followed the deploy, and it took the cache with it.\n\n\
                       We rolled back within ten minutes.";

fn anchor_of(passage: &str) -> QuoteAnchor {
    let at = ARTICLE.find(passage).unwrap();
    anchor_passage(ARTICLE, at..at + passage.len()).unwrap()
}

#[test]
fn a_passage_keeps_its_words_and_context() {
    let a = anchor_of("the retry storm that followed the deploy");
    assert_eq!(a.exact, "the retry storm that followed the deploy");
    assert_eq!(a.prefix, "not the database. It was");
    assert_eq!(a.suffix, ", and it took the cache");
    // Context runs across paragraphs, and the break is kept.
    let a = anchor_of("It was not the database.");
    assert_eq!(a.prefix, "went off at 3 am.\n\n");
    assert_eq!(anchor_of("Our pager went").prefix, "");
    let a = anchor_of("with it.\n\nWe rolled");
    assert_eq!(a.exact, "with it.\n\nWe rolled");
    assert_eq!(a.suffix, "back within ten minutes");
    assert_eq!(anchor_passage(ARTICLE, 0..0), None);
    assert_eq!(
        anchor_passage("…  ", 0..3),
        None,
        "a multi-byte boundary is snapped"
    );
}

#[test]
fn an_existing_quote_is_anchored_by_its_words() {
    let a = anchor_quote(ARTICLE, "*retry storm* that followed").unwrap();
    assert_eq!(a.exact, "retry storm that followed");
    assert!(is_quote_of(&a, "Retry   storm — that *followed*"));
    assert!(!is_quote_of(&a, "retry storm"));
    assert_eq!(anchor_quote(ARTICLE, "not on the page"), None);
}

fn page(text: &str) -> Vec<String> {
    words(text)
}

#[test]
fn same_words_are_found_whatever_the_markup() {
    let a = anchor_of("It was the retry storm that followed the deploy");
    let p = page("It was the “Retry” storm — that followed the\u{a0}deploy, and");
    assert_eq!(locate(&a, &p), QuoteStatus::Found);
}

#[test]
fn an_edited_quote_is_changed() {
    let a = anchor_of("the retry storm that followed the deploy");
    // One word edited: a close match.
    let edited = ARTICLE.replace("retry storm", "retry flood");
    assert_eq!(locate(&a, &page(&edited)), QuoteStatus::Changed);
    // Rewritten entirely, but between the same words: the context finds its place.
    let rewritten = ARTICLE.replace(
        "the retry storm that followed the deploy",
        "a cascade of client retries after we shipped",
    );
    assert_eq!(locate(&a, &page(&rewritten)), QuoteStatus::Changed);
}

#[test]
fn a_passage_no_longer_there_is_gone() {
    let a = anchor_of("the retry storm that followed the deploy");
    let other = "Our pager went off at 3 am. We rolled back within ten minutes.";
    assert_eq!(locate(&a, &page(other)), QuoteStatus::Gone);
    assert_eq!(locate(&a, &[]), QuoteStatus::Gone);
    // A quote at the very start has only a suffix: it must be near half the quote's words.
    let a = anchor_of("Our pager went off");
    assert_eq!(
        locate(&a, &page("Our pager went off at 3 am.")),
        QuoteStatus::Found
    );
    assert_eq!(
        locate(&a, &page("Our phone rang at 3 am.")),
        QuoteStatus::Gone
    );
    let edited = "Our pager rang at 3 am.\n\nIt was not the database.";
    assert_eq!(locate(&a, &page(edited)), QuoteStatus::Changed);
}

#[test]
fn links_carry_an_encoded_text_directive() {
    let a = QuoteAnchor {
        exact: "retry storm, the cache & more".into(),
        prefix: "earlier para\n\nIt was".into(),
        suffix: "self-inflicted".into(),
    };
    assert_eq!(
        quote_link("https://ops.example/post#intro", &a).unwrap(),
        "https://ops.example/post#intro:~:text=It%20was-,retry%20storm%2C%20the%20cache%20%26%20more,-self%2Dinflicted"
    );
    // A long or multi-paragraph quote is a range: its first and last words. Its prefix is in
    // the paragraph before, where a browser would not look for it: left out.
    let long =
        anchor_of("It was not the database. It was the retry storm that followed the deploy");
    assert_eq!(
        quote_link("https://ops.example/post", &long).unwrap(),
        "https://ops.example/post#:~:text=It%20was%20not%20the,that%20followed%20the%20deploy,-%2C%20and%20it%20took%20the%20cache"
    );
    let across = anchor_of("with it.\n\nWe rolled");
    assert!(quote_link("https://x.org/", &across).unwrap().ends_with(
        "#:~:text=and%20it%20took%20the%20cache-,with%20it.,We%20rolled,-back%20within%20ten%20minutes"
    ));
    assert_eq!(quote_link("javascript:alert(1)", &a), None);
}
