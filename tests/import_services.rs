//! Imports from read-later tools (issue 14): one fixture per format, written from each
//! format's documentation and real exporters (see tests/fixtures/import/README.md), and their
//! malformed variants, refused whole with the line or element named.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::capture::import::{Format, ImportOptions, detect, import_bytes, import_path};
use roundup::model::{Link, LinkExtras};
use roundup::store::{LinkFilter, Store};
use std::io::Write;
use std::path::PathBuf;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap()
}

fn links(store: &Store) -> Vec<Link> {
    store.links(&LinkFilter::default()).unwrap()
}

fn find(store: &Store, url_part: &str) -> (Link, LinkExtras) {
    let link = links(store)
        .into_iter()
        .find(|l| l.url.contains(url_part))
        .unwrap_or_else(|| panic!("no link with {url_part}"));
    let extras = store.link_extras(link.id).unwrap();
    (link, extras)
}

fn import(store: &mut Store, name: &str) -> roundup::capture::import::ImportSummary {
    import_path(store, &path(name), &ImportOptions::default()).unwrap()
}

fn refused(name: &str, format: Option<Format>, wants: &[&str]) {
    let mut store = Store::open_in_memory().unwrap();
    let opts = ImportOptions {
        format,
        ..Default::default()
    };
    let err = import_path(&mut store, &path(name), &opts)
        .unwrap_err()
        .to_string();
    for w in wants {
        assert!(err.contains(w), "{name}: {err:?} lacks {w:?}");
    }
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!err.contains('\n'), "one line: {err}");
    assert!(
        err.matches("line ").count() <= 1,
        "the position once: {err}"
    );
    assert!(links(&store).is_empty(), "{name} wrote links");
}

#[test]
fn every_format_is_detected_from_its_content() {
    let cases = [
        ("pocket.csv", Format::PocketCsv),
        ("ril_export.html", Format::PocketHtml),
        ("omnivore-export/metadata_0_to_3.json", Format::Omnivore),
        ("raindrop.csv", Format::Raindrop),
        ("readwise-highlights.csv", Format::ReadwiseHighlights),
        ("reader.csv", Format::ReadwiseReader),
        ("instapaper.csv", Format::Instapaper),
        ("instapaper-no-tags.csv", Format::Instapaper),
        ("pinboard.json", Format::Pinboard),
        ("linkding.json", Format::Linkding),
        ("wallabag.json", Format::Wallabag),
        ("karakeep.json", Format::Karakeep),
        ("bookmarks.html", Format::Bookmarks),
        ("feeds.opml", Format::Opml),
        ("feed.xml", Format::Feed),
        ("urls.txt", Format::Text),
    ];
    for (name, want) in cases {
        let text = String::from_utf8(read(name)).unwrap();
        assert_eq!(detect(&text), want, "{name}");
    }
    assert_eq!("pocket".parse::<Format>().unwrap(), Format::PocketCsv);
    assert!(
        "evernote"
            .parse::<Format>()
            .unwrap_err()
            .contains("known: bookmarks")
    );
}

#[test]
fn pocket_csv_keeps_titles_save_times_tags_and_read_state() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "pocket.csv");
    assert_eq!(s.format, Some(Format::PocketCsv));
    assert_eq!((s.added, s.duplicates, s.invalid.len()), (4, 1, 1), "{s}");
    assert_eq!(
        s.invalid[0].at, "line 7",
        "the bookmarklet, after a two-line record"
    );
    let (kafka, extras) = find(&store, "kafka-split-brain");
    assert_eq!(
        kafka.title.as_deref(),
        Some("Kafka split-brain: a dogfood investigation")
    );
    assert_eq!(
        kafka.added_at, "2017-10-22T00:00:00Z",
        "the save time, not now"
    );
    assert_eq!(extras.source.as_deref(), Some("pocket"));
    // The duplicate row later in the file added its tags to the first.
    assert_eq!(extras.tags, ["archived", "kafka", "sre", "unread"]);
    let (tuesday, extras) = find(&store, "long-tuesday");
    assert_eq!(
        tuesday.title.as_deref(),
        Some("Postmortem: the \"long Tuesday\", in detail")
    );
    assert_eq!(extras.tags, ["archived", "postmortem"]);
    let (multi, extras) = find(&store, "multi-line");
    assert_eq!(
        multi.title.as_deref(),
        Some("A title, with a comma and a line break")
    );
    assert_eq!(extras.tags, ["on-call", "sre", "unread"]);
    let (fr, _) = find(&store, "blog.example.fr");
    assert_eq!(
        fr.title.as_deref(),
        Some("Résilience des systèmes : ce que l’on apprend des pannes")
    );

    // Again: nothing new, every row a duplicate.
    let again = import(&mut store, "pocket.csv");
    assert_eq!((again.added, again.duplicates), (0, 5), "{again}");
}

#[test]
fn unread_only_leaves_out_what_was_read() {
    let mut store = Store::open_in_memory().unwrap();
    let opts = ImportOptions {
        unread_only: true,
        ..Default::default()
    };
    let s = import_path(&mut store, &path("pocket.csv"), &opts).unwrap();
    assert_eq!((s.added, s.skipped_read), (3, 2), "{s}");
    assert!(s.to_string().contains("2 read items skipped"), "{s}");
    assert!(
        links(&store)
            .iter()
            .all(|l| !l.url.contains("long-tuesday"))
    );
}

#[test]
fn pocket_zip_and_folder_of_parts() {
    let folder = path("pocket-export");
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "pocket-export");
    assert_eq!(
        (s.format, s.added, s.duplicates),
        (Some(Format::PocketCsv), 3, 1),
        "{s}"
    );
    let (_, shared) = find(&store, "/shared");
    assert_eq!(shared.tags, ["unread", "x", "y"], "both parts' tags");

    // The same parts zipped, as Pocket mailed them.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for part in ["part_000000.csv", "part_000001.csv"] {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(part, opts).unwrap();
        zip.write_all(&std::fs::read(folder.join(part)).unwrap())
            .unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let mut store = Store::open_in_memory().unwrap();
    let s = import_bytes(&mut store, &bytes, &ImportOptions::default()).unwrap();
    assert_eq!((s.added, s.duplicates), (3, 1), "{s}");

    // A cut zip is refused whole.
    let mut store = Store::open_in_memory().unwrap();
    let err = import_bytes(
        &mut store,
        &bytes[..bytes.len() / 2],
        &ImportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("zip"), "{err}");
    assert!(links(&store).is_empty());
}

#[test]
fn pocket_html_lists_are_read_state() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "ril_export.html");
    assert_eq!((s.format, s.added), (Some(Format::PocketHtml), 3), "{s}");
    let (kafka, extras) = find(&store, "kafka");
    assert_eq!(kafka.added_at, "2017-10-22T00:00:00Z");
    assert_eq!(extras.tags, ["kafka", "sre", "unread"]);
    let (deja, _) = find(&store, "jvns");
    assert_eq!(deja.title.as_deref(), Some("Déjà vu & debugging"));
    let (_, pager) = find(&store, "pager");
    assert_eq!(pager.tags, ["archived", "on-call"]);
}

#[test]
fn omnivore_folder_and_zip_bring_highlights() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "omnivore-export");
    assert_eq!(
        (s.format, s.added, s.quotes_added),
        (Some(Format::Omnivore), 3, 2),
        "{s}"
    );
    let (kafka, extras) = find(&store, "kafka");
    assert_eq!(kafka.added_at, "2024-10-30T12:39:28Z");
    assert_eq!(kafka.authors, ["Fred Hebert"]);
    assert_eq!(extras.source.as_deref(), Some("omnivore"));
    assert_eq!(extras.tags, ["archived", "Kafka", "sre"]);
    let q = &extras.quote_candidates;
    assert_eq!(
        q[0].text,
        "We were running a split brain for weeks before anyone noticed."
    );
    assert_eq!(q[0].note.as_deref(), Some("The opening line: use it."));
    assert_eq!(
        q[1].text,
        "Monitoring said everything was fine.\n\nIt wasn't."
    );
    let (fr, _) = find(&store, "incident-mardi");
    assert_eq!(
        fr.title.as_deref(),
        Some("L’incident de mardi — « retour d’expérience »")
    );

    // Zipped (with its content/ folder, which is not read).
    let root = path("omnivore-export");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for name in [
        "metadata_0_to_3.json",
        "highlights/kafka-split-brain-18f2c.md",
        "content/kafka-split-brain-18f2c.html",
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&std::fs::read(root.join(name)).unwrap())
            .unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let mut store = Store::open_in_memory().unwrap();
    let s = import_bytes(&mut store, &bytes, &ImportOptions::default()).unwrap();
    assert_eq!((s.added, s.quotes_added), (3, 2), "{s}");
}

#[test]
fn raindrop_notes_folders_highlights_and_favorites() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "raindrop.csv");
    assert_eq!((s.added, s.invalid.len(), s.quotes_added), (3, 1, 3), "{s}");
    assert_eq!(s.invalid[0].at, "line 8");
    let (t, extras) = find(&store, "long-tuesday");
    assert_eq!(
        t.title.as_deref(),
        Some("Incident review: the \"long Tuesday\", part 1")
    );
    assert_eq!(
        t.note.as_deref(),
        Some("Good for the intro.\nMention the pager fatigue angle.")
    );
    assert_eq!(
        t.description.as_deref(),
        Some("What went wrong on the long Tuesday.")
    );
    assert_eq!(t.added_at, "2024-01-02T03:04:05Z");
    assert_eq!(
        extras.tags,
        ["favorite", "on-call", "postmortem", "SRE/Incidents"]
    );
    assert_eq!(
        extras.quote_candidates[0].text,
        "The pager went off at 03:12."
    );
    assert_eq!(
        extras.quote_candidates[0].note.as_deref(),
        Some("Open with this")
    );
    let (jp, extras) = find(&store, "latency.example.jp");
    assert_eq!(jp.title.as_deref(), Some("Ünïcödé and latency"));
    assert!(
        extras.tags.is_empty(),
        "Unsorted is no folder: {:?}",
        extras.tags
    );
    let (untitled, _) = find(&store, "untitled");
    assert_eq!(untitled.added_at, "2024-01-02T03:04:05Z");
}

#[test]
fn readwise_highlights_attach_to_the_stored_article_by_title() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "reader.csv");
    let s = import(&mut store, "readwise-highlights.csv");
    assert_eq!(s.format, Some(Format::ReadwiseHighlights));
    assert_eq!(
        (s.added, s.quotes_added, s.quotes_unmatched),
        (0, 2, 1),
        "{s}"
    );
    let (_, extras) = find(&store, "kafka");
    let q = &extras.quote_candidates;
    assert_eq!(q.len(), 2, "the .discard highlight is left out");
    assert_eq!(q[0].note.as_deref(), Some("Lead with this"));
    assert_eq!(q[0].highlighted_at.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(
        q[1].text,
        "She said \"hello\",\nand then the pager went off."
    );
    // Importing the highlights again adds nothing.
    let again = import(&mut store, "readwise-highlights.csv");
    assert_eq!(again.quotes_added, 0, "{again}");
}

#[test]
fn reader_csv_locations_become_state_and_tags() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "reader.csv");
    assert_eq!(
        (s.format, s.added),
        (Some(Format::ReadwiseReader), 4),
        "{s}"
    );
    let (k, extras) = find(&store, "kafka");
    assert_eq!(k.added_at, "2022-11-06T04:33:50Z");
    assert_eq!(extras.source.as_deref(), Some("readwise"));
    assert_eq!(extras.tags, ["kafka", "sre", "unread"]);
    assert_eq!(find(&store, "increment").1.tags, ["archived"]);
    assert_eq!(find(&store, "astreinte").1.tags, ["later", "unread"]);
    assert_eq!(find(&store, "feeds.example").1.tags, ["feed"]);
}

#[test]
fn instapaper_folders_selection_and_tags_with_or_without_the_tags_column() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "instapaper.csv");
    assert_eq!((s.added, s.quotes_added), (4, 1), "{s}");
    let (k, extras) = find(&store, "kafka");
    assert_eq!(k.added_at, "2023-11-14T22:13:20Z");
    assert_eq!(extras.tags, ["kafka", "sre", "unread"]);
    assert_eq!(
        extras.quote_candidates[0].text,
        "We were running a split brain for weeks, and nobody noticed."
    );
    assert_eq!(find(&store, "increment").1.tags, ["archived"]);
    assert_eq!(find(&store, "pessoa").1.tags, ["favorite"]);
    assert_eq!(find(&store, "slos").1.tags, ["Reading list", "slo"]);

    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "instapaper-no-tags.csv");
    assert_eq!((s.format, s.added), (Some(Format::Instapaper), 2), "{s}");
}

#[test]
fn pinboard_linkding_wallabag_karakeep() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "pinboard.json");
    assert_eq!((s.format, s.added), (Some(Format::Pinboard), 2), "{s}");
    let (k, extras) = find(&store, "kafka");
    assert_eq!(
        k.note.as_deref(),
        Some("Use for the Kafka section.\nFred's writing is always good.")
    );
    assert_eq!(k.added_at, "2017-10-31T15:57:56Z");
    assert_eq!(extras.tags, ["kafka", "sre", "unread"]);
    assert_eq!(
        find(&store, "varnish").1.tags,
        ["archived", "caching", "varnish"]
    );

    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "linkding.json");
    assert_eq!((s.format, s.added), (Some(Format::Linkding), 3), "{s}");
    let (k, extras) = find(&store, "kafka");
    assert_eq!(
        k.title.as_deref(),
        Some("Kafka split-brain: a dogfood investigation")
    );
    assert_eq!(k.note.as_deref(), Some("**Lead item** for next week."));
    assert_eq!(k.added_at, "2024-03-01T10:20:30Z");
    assert_eq!(extras.tags, ["kafka", "sre", "unread"]);
    assert_eq!(find(&store, "increment").1.tags, ["archived"]);
    let (fr, extras) = find(&store, "sre.example.com");
    assert_eq!(fr.added_at, "2024-01-15T11:00:00Z");
    assert_eq!(extras.tags, ["français"]);

    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "wallabag.json");
    assert_eq!(
        (s.format, s.added, s.quotes_added),
        (Some(Format::Wallabag), 2, 2),
        "{s}"
    );
    let (k, extras) = find(&store, "kafka");
    assert_eq!(k.added_at, "2024-01-01T09:00:00Z");
    assert_eq!(extras.tags, ["favorite", "kafka", "sre", "unread"]);
    assert_eq!(
        extras.quote_candidates[0].note.as_deref(),
        Some("the opening line")
    );
    assert_eq!(extras.quote_candidates[1].text, "no text at all");
    assert_eq!(find(&store, "tails").1.tags, ["archived"]);

    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, "karakeep.json");
    assert_eq!(
        (s.format, s.added),
        (Some(Format::Karakeep), 2),
        "the text note has no URL: {s}"
    );
    let (k, extras) = find(&store, "kafka");
    assert_eq!(
        k.note.as_deref(),
        Some("Lead item.\nPair it with the Increment piece.")
    );
    assert_eq!(k.authors, ["Fred Hebert"]);
    assert_eq!(k.added_at, "2024-05-09T10:20:00Z");
    assert_eq!(extras.tags, ["favorite", "kafka", "sre", "unread"]);
    assert_eq!(find(&store, "sans-douleur").1.tags, ["archived"]);
}

#[test]
fn malformed_variants_are_refused_whole_naming_the_line_or_element() {
    refused(
        "pocket-cut.csv",
        None,
        &["Pocket CSV", "line 3", "3 fields where the header has 5"],
    );
    refused("pocket-bad-time.csv", None, &["line 3", "last tuesday"]);
    refused(
        "ril_export-cut.html",
        None,
        &["Pocket HTML", "line 8", "cut short"],
    );
    refused("omnivore-metadata-cut.json", None, &["Omnivore", "line 17"]);
    refused(
        "raindrop-bad-date.csv",
        None,
        &["Raindrop", "line 3", "02/30/2024 soon"],
    );
    refused(
        "readwise-highlights-bad-date.csv",
        None,
        &["line 2", "sometime in May"],
    );
    refused(
        "instapaper-no-url-column.csv",
        Some(Format::Instapaper),
        &["line 1", "no 'url' column"],
    );
    refused("pinboard-cut.json", None, &["Pinboard", "line 12"]);
    refused(
        "linkding-bad.json",
        None,
        &["linkding", "results[0].tag_names"],
    );
    refused(
        "wallabag-bad-date.json",
        None,
        &["wallabag", "[1]", "the first of January"],
    );
    refused(
        "karakeep-bad.json",
        None,
        &["Karakeep", "bookmarks[1].createdAt"],
    );
}

#[test]
fn tags_filter_links() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "pocket.csv");
    let tagged = store
        .links(&LinkFilter {
            tag: Some("#SRE".into()),
            ..Default::default()
        })
        .unwrap();
    let mut urls: Vec<&str> = tagged.iter().map(|l| l.url.as_str()).collect();
    urls.sort();
    assert_eq!(
        urls,
        [
            "https://example.org/multi-line",
            // Stored without its tracking parameter.
            "https://www.honeycomb.io/blog/kafka-split-brain"
        ]
    );
    let counts = store.tag_counts().unwrap();
    assert_eq!(counts[0], ("unread".to_string(), 3));
}

#[test]
fn a_saved_note_starts_the_body_when_the_link_is_placed() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "raindrop.csv");
    let config = roundup::config::Config::builtin().unwrap();
    let issue = roundup::compose::new_issue(&store, &config, None).unwrap();
    let section = issue.sections[0].id;
    let (noted, _) = find(&store, "long-tuesday");
    let entry = roundup::compose::place_link(&store, &config, noted.id, Some(section)).unwrap();
    assert_eq!(
        entry.body,
        "Good for the intro.\nMention the pager fatigue angle."
    );
    let (plain, _) = find(&store, "latency.example.jp");
    let entry = roundup::compose::place_link(&store, &config, plain.id, Some(section)).unwrap();
    assert_eq!(entry.body, "");
}
