//! The reader document's tests: blocks, sentences, words, search.

use super::*;

const MD: &str = "# Title\n\nFirst sentence here. Second one follows!\n\n\
                  > A quoted *passage*.\n\n- one\n- two\n\n```\nlet x = 1;\n```";

#[test]
fn markdown_becomes_blocks_of_one_text() {
    let d = Doc::from_markdown(MD);
    let kinds: Vec<Kind> = d.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[0], Kind::Heading(1));
    assert_eq!(kinds[1], Kind::Para);
    assert_eq!(kinds[2], Kind::Quote);
    assert!(matches!(kinds[3], Kind::Item { first: true, .. }));
    assert_eq!(kinds[5], Kind::Code);
    assert_eq!(
        d.text,
        "Title\n\nFirst sentence here. Second one follows!\n\nA quoted passage.\n\none\n\ntwo\n\nlet x = 1;"
    );
    assert_eq!(&d.text[d.blocks[2].range.clone()], "A quoted passage.");
    assert_eq!(d.inline.len(), 1);
}

#[test]
fn sentences_words_and_search() {
    let d = Doc::from_markdown(MD);
    let s = d.sentences();
    assert_eq!(&d.text[s[1].clone()], "First sentence here.");
    assert_eq!(&d.text[s[2].clone()], "Second one follows!");
    let ends = d.ends(Unit::Word, &[]);
    assert_eq!(&d.text[..ends[1]], "Title\n\nFirst");
    let m = d.find("SECOND");
    assert_eq!(m.len(), 1);
    assert_eq!(
        &d.text[d.whole_words(m[0].start + 1..m[0].end - 1)],
        "Second"
    );
    assert_eq!(
        d.locate("quoted passage"),
        d.find("quoted passage").first().cloned()
    );
}
