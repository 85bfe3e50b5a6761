//! The JSON exports of bookmarking services: Pinboard (`posts/all`), linkding (its REST API's
//! bookmark list, paged or not), wallabag (its JSON export, with annotations) and Karakeep
//! (its export file). Each is parsed whole with serde, so a cut or mangled file is refused
//! with the line and column where it stops making sense, or the element that is wrong.

use super::saved::{Ctx, Saved, split_tags, time, time_at};
use super::{Format, ImportError, Plan};
use crate::model::QuoteCandidate;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub(crate) fn parse<T: DeserializeOwned>(content: &str, format: Format) -> Result<T, ImportError> {
    let content = content.trim_start_matches('\u{feff}');
    let de = &mut serde_json::Deserializer::from_str(content);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        let (line, column) = (inner.line(), inner.column());
        let path = e.path().to_string();
        let at = if path.is_empty() || path == "." {
            format!("line {line}, column {column}")
        } else {
            format!("{path} (line {line}, column {column})")
        };
        // serde_json ends its message with the position, which `at` already names.
        let message = inner.to_string();
        let reason = message
            .strip_suffix(&format!(" at line {line} column {column}"))
            .unwrap_or(&message)
            .to_string();
        ImportError::Broken { format, at, reason }
    })
}

/// `true`/`false`, `1`/`0`, or `"yes"`/`"no"`: services write flags every way.
#[derive(Debug, Deserialize, Default, Clone, Copy)]
#[serde(untagged)]
enum Flag {
    Bool(bool),
    Int(i64),
    Text(YesNo),
    #[default]
    #[serde(skip)]
    Unset,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum YesNo {
    Yes,
    No,
}

impl Flag {
    fn on(self) -> bool {
        matches!(self, Flag::Bool(true) | Flag::Text(YesNo::Yes))
            || matches!(self, Flag::Int(n) if n != 0)
    }
}

/// A tag as a name or as an object with one (`{"label": …}` in wallabag's API shape,
/// `{"name": …}` in Omnivore's).
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum TagItem {
    Name(String),
    Label { label: String },
    Named { name: String },
}

impl TagItem {
    pub(crate) fn into_name(self) -> String {
        match self {
            TagItem::Name(n) | TagItem::Label { label: n } | TagItem::Named { name: n } => n,
        }
    }
}

#[derive(Deserialize)]
struct PinboardPost {
    href: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    extended: Option<String>,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    toread: Flag,
    #[serde(default)]
    tags: Option<String>,
}

pub(crate) fn plan_pinboard(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::Pinboard;
    let posts: Vec<PinboardPost> = parse(content, format)?;
    let mut plan = Plan::default();
    for (i, p) in posts.into_iter().enumerate() {
        let at = format!("[{i}]");
        plan.push_saved(
            || at.clone(),
            Saved {
                url: p.href,
                title: p.description,
                note: p.extended,
                added_at: time_at(p.time.as_deref().unwrap_or(""), format, &at)?,
                tags: split_tags(p.tags.as_deref().unwrap_or(""), ' '),
                // Pinboard has only "to read"; a bookmark without it counts as read.
                read: Some(!p.toread.on()),
                ..Saved::default()
            },
            ctx,
        );
    }
    Ok(plan)
}

/// A page of linkding's `/api/bookmarks/` (`{"count", "next", "results": […]}`).
#[derive(Deserialize)]
struct LinkdingPage {
    results: Vec<LinkdingBookmark>,
}

#[derive(Deserialize)]
struct LinkdingBookmark {
    url: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    website_title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    website_description: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    is_archived: Flag,
    #[serde(default)]
    unread: Flag,
    #[serde(default)]
    tag_names: Vec<String>,
    #[serde(default)]
    date_added: Option<String>,
}

pub(crate) fn plan_linkding(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::Linkding;
    // A page, or the pages' results saved as one list; parsed as what it looks like, so an
    // error names the element rather than "matched no shape".
    let bookmarks: Vec<LinkdingBookmark> = if content
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        parse::<LinkdingPage>(content, format)?.results
    } else {
        parse(content, format)?
    };
    let mut plan = Plan::default();
    for (i, b) in bookmarks.into_iter().enumerate() {
        let at = format!("[{i}]");
        let read = if b.is_archived.on() {
            Some(true)
        } else if b.unread.on() {
            Some(false)
        } else {
            None
        };
        plan.push_saved(
            || at.clone(),
            Saved {
                url: b.url,
                title: b.title.filter(|t| !t.trim().is_empty()).or(b.website_title),
                description: b
                    .description
                    .filter(|d| !d.trim().is_empty())
                    .or(b.website_description),
                note: b.notes,
                added_at: time_at(b.date_added.as_deref().unwrap_or(""), format, &at)?,
                tags: b.tag_names,
                read,
                ..Saved::default()
            },
            ctx,
        );
    }
    Ok(plan)
}

#[derive(Deserialize)]
struct WallabagEntry {
    url: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    is_archived: Flag,
    #[serde(default)]
    is_starred: Flag,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    tags: Vec<TagItem>,
    #[serde(default)]
    annotations: Vec<WallabagAnnotation>,
}

#[derive(Deserialize)]
struct WallabagAnnotation {
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

pub(crate) fn plan_wallabag(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::Wallabag;
    let entries: Vec<WallabagEntry> = parse(content, format)?;
    let mut plan = Plan::default();
    for (i, e) in entries.into_iter().enumerate() {
        let at = format!("[{i}]");
        let quotes = e
            .annotations
            .into_iter()
            .filter_map(|a| {
                Some(QuoteCandidate {
                    text: a.quote.filter(|q| !q.trim().is_empty())?,
                    note: a.text,
                    highlighted_at: a.created_at.as_deref().and_then(|t| time(t).ok().flatten()),
                })
            })
            .collect();
        plan.push_saved(
            || at.clone(),
            Saved {
                url: e.url,
                title: e.title,
                added_at: time_at(e.created_at.as_deref().unwrap_or(""), format, &at)?,
                tags: e.tags.into_iter().map(TagItem::into_name).collect(),
                quotes,
                read: Some(e.is_archived.on()),
                favorite: e.is_starred.on(),
                ..Saved::default()
            },
            ctx,
        );
    }
    Ok(plan)
}

#[derive(Deserialize)]
struct KarakeepExport {
    bookmarks: Vec<KarakeepBookmark>,
}

#[derive(Deserialize)]
struct KarakeepBookmark {
    #[serde(rename = "createdAt", default)]
    created_at: Option<i64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    content: Option<KarakeepContent>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    archived: Flag,
    #[serde(default)]
    favourited: Flag,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum KarakeepContent {
    Link {
        url: String,
        #[serde(default)]
        description: Option<String>,
        #[serde(default)]
        author: Option<String>,
    },
    /// Notes and uploaded files have no URL: they stay in Karakeep.
    #[serde(other)]
    Other,
}

pub(crate) fn plan_karakeep(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::Karakeep;
    let export: KarakeepExport = parse(content, format)?;
    let mut plan = Plan::default();
    for (i, b) in export.bookmarks.into_iter().enumerate() {
        let Some(KarakeepContent::Link {
            url,
            description,
            author,
        }) = b.content
        else {
            continue;
        };
        let at = format!("bookmarks[{i}]");
        let added_at = match b.created_at {
            Some(secs) => time_at(&secs.to_string(), format, &at)?,
            None => None,
        };
        plan.push_saved(
            || at.clone(),
            Saved {
                url,
                title: b.title,
                note: b.note,
                description,
                authors: author.into_iter().collect(),
                added_at,
                tags: b.tags,
                read: Some(b.archived.on()),
                favorite: b.favourited.on(),
                ..Saved::default()
            },
            ctx,
        );
    }
    Ok(plan)
}
