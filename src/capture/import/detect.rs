//! Which format a file is, from its content: a CSV export's header names its tool, a JSON
//! export its keys, an HTML file its markup. `--format NAME` overrides this.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Bookmarks,
    Opml,
    Feed,
    Text,
    /// Pocket's CSV export (`title,url,time_added,tags,status`), also zipped as `part_*.csv`.
    PocketCsv,
    /// Pocket's older `ril_export.html` ("Unread" and "Read Archive" lists).
    PocketHtml,
    /// Omnivore's `metadata_*.json` (with `highlights/*.md` in its zip).
    Omnivore,
    Raindrop,
    /// Readwise's highlights CSV (`Highlight,Book Title,…`).
    ReadwiseHighlights,
    /// Readwise Reader's library CSV (`Title,URL,ID,Document tags,…`).
    ReadwiseReader,
    Instapaper,
    Pinboard,
    Linkding,
    Wallabag,
    Karakeep,
}

/// `--format` names, in the order the help lists them.
const NAMES: &[(&str, Format)] = &[
    ("bookmarks", Format::Bookmarks),
    ("opml", Format::Opml),
    ("feed", Format::Feed),
    ("urls", Format::Text),
    ("pocket", Format::PocketCsv),
    ("pocket-html", Format::PocketHtml),
    ("omnivore", Format::Omnivore),
    ("raindrop", Format::Raindrop),
    ("readwise", Format::ReadwiseHighlights),
    ("reader", Format::ReadwiseReader),
    ("instapaper", Format::Instapaper),
    ("pinboard", Format::Pinboard),
    ("linkding", Format::Linkding),
    ("wallabag", Format::Wallabag),
    ("karakeep", Format::Karakeep),
];

impl Format {
    /// What the links it brings are marked as coming from (`links.source`).
    pub fn source(self) -> &'static str {
        match self {
            Format::Bookmarks => "bookmarks",
            Format::Opml => "opml",
            Format::Feed => "feed",
            Format::Text => "urls",
            Format::PocketCsv | Format::PocketHtml => "pocket",
            Format::Omnivore => "omnivore",
            Format::Raindrop => "raindrop",
            Format::ReadwiseHighlights | Format::ReadwiseReader => "readwise",
            Format::Instapaper => "instapaper",
            Format::Pinboard => "pinboard",
            Format::Linkding => "linkding",
            Format::Wallabag => "wallabag",
            Format::Karakeep => "karakeep",
        }
    }

    /// Every `--format` name.
    pub fn names() -> Vec<&'static str> {
        NAMES.iter().map(|(n, _)| *n).collect()
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let want = s.trim().to_ascii_lowercase();
        NAMES
            .iter()
            .find(|(n, _)| *n == want)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                format!(
                    "unknown import format '{s}' (known: {})",
                    Format::names().join(", ")
                )
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Bookmarks => "bookmarks HTML",
            Format::Opml => "OPML",
            Format::Feed => "feed",
            Format::Text => "URL list",
            Format::PocketCsv => "Pocket CSV",
            Format::PocketHtml => "Pocket HTML",
            Format::Omnivore => "Omnivore",
            Format::Raindrop => "Raindrop.io CSV",
            Format::ReadwiseHighlights => "Readwise highlights CSV",
            Format::ReadwiseReader => "Readwise Reader CSV",
            Format::Instapaper => "Instapaper CSV",
            Format::Pinboard => "Pinboard JSON",
            Format::Linkding => "linkding JSON",
            Format::Wallabag => "wallabag JSON",
            Format::Karakeep => "Karakeep JSON",
        })
    }
}

/// Whether `content` is a roundup issue file (a JSON object with a number and sections),
/// which `issue load` takes, not `import`.
pub fn is_issue_file(content: &str) -> bool {
    let head = content.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('{')
        && serde_json::from_str::<serde_json::Value>(head).is_ok_and(|v| {
            v.get("number").is_some_and(serde_json::Value::is_i64)
                && v.get("sections").is_some_and(serde_json::Value::is_array)
        })
}

/// The content after what says nothing about the format: a BOM, white space, comments, an
/// XML declaration and a DOCTYPE other than the bookmark file's (a long licence comment or
/// DTD would otherwise push the markup out of the part that is looked at).
fn past_preamble(content: &str) -> &str {
    let mut rest = content.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let lower: String = rest
            .chars()
            .take(40)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip = if lower.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if lower.starts_with("<?") {
            rest.find("?>").map(|i| i + 2)
        } else if lower.starts_with("<!doctype") && !lower.contains("netscape-bookmark") {
            // A DTD's internal subset ([ … ]) can hold '>' characters.
            let end = rest.find('>').unwrap_or(rest.len());
            match rest[..end].find('[') {
                Some(_) => rest.find("]>").map(|i| i + 2),
                None => Some(end + 1),
            }
        } else {
            None
        };
        match skip {
            Some(n) if n <= rest.len() => rest = &rest[n..],
            _ => return rest,
        }
    }
}

/// Tells the format from the content: the first meaningful characters decide.
pub fn detect(content: &str) -> Format {
    let head: String = past_preamble(content)
        .chars()
        .take(16_384)
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some(f) = head.lines().next().and_then(csv_export) {
        return f;
    }
    if head.starts_with('[') || head.starts_with('{') {
        return json_export(&head).unwrap_or(Format::Feed);
    }
    if head.contains("<!doctype netscape-bookmark-file")
        || (head.contains("<dl") && head.contains("<dt"))
    {
        Format::Bookmarks
    } else if head.contains("<title>pocket export</title>")
        || (head.contains("<ul") && head.contains("time_added="))
    {
        Format::PocketHtml
    } else if head.contains("<opml") {
        Format::Opml
    } else if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
        Format::Feed
    } else {
        Format::Text
    }
}

/// A CSV export from its (lower-cased) header line.
fn csv_export(header: &str) -> Option<Format> {
    let cols: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim().to_string())
        .collect();
    let has = |name: &str| cols.iter().any(|c| c == name);
    if has("url") && has("time_added") && has("status") {
        Some(Format::PocketCsv)
    } else if has("url") && has("selection") && has("folder") && has("timestamp") {
        Some(Format::Instapaper)
    } else if has("url") && has("excerpt") && has("created") {
        Some(Format::Raindrop)
    } else if has("highlight") && has("book title") {
        Some(Format::ReadwiseHighlights)
    } else if has("url") && has("document tags") && has("saved date") {
        Some(Format::ReadwiseReader)
    } else {
        None
    }
}

/// A JSON export from the keys of its first items (`head` is lower-cased).
fn json_export(head: &str) -> Option<Format> {
    let has = |key: &str| head.contains(&format!("\"{key}\""));
    if has("bookmarks") && has("createdat") {
        Some(Format::Karakeep)
    } else if has("href") && (has("toread") || has("extended")) {
        Some(Format::Pinboard)
    } else if has("is_archived") && has("is_starred") {
        Some(Format::Wallabag)
    } else if has("tag_names") || has("website_title") {
        Some(Format::Linkding)
    } else if has("slug") && has("savedat") {
        Some(Format::Omnivore)
    } else {
        None
    }
}
