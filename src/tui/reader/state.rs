//! The reader's state: which link it shows and where it returns, the article as a `Doc` laid
//! out for the screen's width, how far it is scrolled, the search and the selection. Its keys
//! are in `keys.rs`.

use super::doc::Doc;
use super::layout::{Line, line_of};
use crate::model::QuoteCandidate;
use crate::store::ArticleText;
use crate::tui::state::Screen;
use std::ops::Range;

/// What the reader shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The store read is on its way.
    Loading,
    Article(Doc),
    /// No text: why, in one line.
    Missing(String),
}

/// A link and its article as the store has them (the answer to `ReaderFx::Load`).
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub link_id: i64,
    pub title: String,
    pub byline: String,
    pub url: String,
    pub text: ArticleText,
    pub candidates: Vec<QuoteCandidate>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    pub query: String,
    /// Typing the query.
    pub typing: bool,
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the one shown.
    pub current: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReaderState {
    pub link_id: i64,
    /// The entry a quote goes into; `None` while the link is still in the inbox (taking a
    /// quote places it first).
    pub entry_id: Option<i64>,
    /// Where Esc returns: the inbox, the issue or the editor.
    pub origin: Screen,
    pub title: String,
    pub byline: String,
    pub url: String,
    pub words: Option<u32>,
    pub body: Body,
    /// First line shown.
    pub scroll: usize,
    /// The width `lines` were laid out for.
    pub width: usize,
    pub lines: Vec<Line>,
    pub search: Search,
    /// Byte range of the selected passage in the article's text.
    pub selection: Option<Range<usize>>,
    /// Imported highlights found in the text, and how many there are in all.
    pub candidates: Vec<Range<usize>>,
    pub candidate_count: usize,
    /// A passage taken while the link is in no section yet: it waits for the section picker.
    pub pending_quote: Option<crate::model::QuoteAnchor>,
}

/// "7 min" as `list --json` counts it (`model::reading_minutes`), never under a minute.
pub fn minutes(words: u32) -> u32 {
    crate::model::reading_minutes(words).max(1)
}

/// Columns of text inside the reader's frame for a terminal `cols` wide.
pub fn text_width(cols: u16) -> usize {
    usize::from(cols.saturating_sub(4)).max(10)
}

/// Lines of text shown for a terminal `rows` high (header, frame and status bar taken off).
pub fn page_height(rows: u16) -> usize {
    usize::from(rows.saturating_sub(4)).max(1)
}

impl ReaderState {
    pub fn new(link_id: i64, entry_id: Option<i64>, origin: Screen, title: &str) -> Self {
        ReaderState {
            link_id,
            entry_id,
            origin,
            title: title.to_string(),
            byline: String::new(),
            url: String::new(),
            words: None,
            body: Body::Loading,
            scroll: 0,
            width: 0,
            lines: Vec::new(),
            search: Search::default(),
            selection: None,
            candidates: Vec::new(),
            candidate_count: 0,
            pending_quote: None,
        }
    }

    pub fn doc(&self) -> Option<&Doc> {
        match &self.body {
            Body::Article(d) => Some(d),
            _ => None,
        }
    }

    /// The article arrived: lay it out and mark the highlights found in it.
    pub fn set_article(&mut self, a: Article, cols: u16) {
        self.title = a.title;
        self.byline = a.byline;
        self.url = a.url;
        self.candidate_count = a.candidates.len();
        self.body = match a.text {
            ArticleText::Article { markdown, words } => {
                self.words = Some(words);
                let doc = Doc::from_markdown(&markdown);
                self.candidates = a
                    .candidates
                    .iter()
                    .filter_map(|c| doc.locate(&c.text))
                    .collect();
                Body::Article(doc)
            }
            other => Body::Missing(why(&other)),
        };
        self.width = 0;
        self.relayout(cols);
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(1));
    }

    /// Lays the text out again when the terminal's width changed.
    pub fn relayout(&mut self, cols: u16) {
        let width = text_width(cols);
        if width == self.width {
            return;
        }
        // Keep the line at the top of the screen in view across the change.
        let top = self.lines.get(self.scroll).map(|l| l.range.start);
        self.width = width;
        self.lines = self.doc().map(|d| d.layout(width)).unwrap_or_default();
        if let Some(pos) = top {
            self.scroll = line_of(&self.lines, pos);
        }
    }

    pub fn last_scroll(&self, page: usize) -> usize {
        self.lines.len().saturating_sub(page)
    }

    /// Scrolls so that byte `pos` is on screen, a few lines below the top.
    pub fn show(&mut self, pos: usize, page: usize) {
        let line = line_of(&self.lines, pos);
        if line < self.scroll || line >= self.scroll + page {
            self.scroll = line.saturating_sub(2).min(self.last_scroll(page));
        }
    }

    /// The selected text, as the anchor and the quote take it.
    pub fn selected_text(&self) -> Option<&str> {
        let d = self.doc()?;
        d.text.get(self.selection.clone()?)
    }
}

/// Why there is no text to read, in the reader's words.
pub fn why(text: &ArticleText) -> String {
    match text {
        ArticleText::Article { .. } => String::new(),
        ArticleText::NeverFetched => "This link was never fetched.".into(),
        ArticleText::FetchFailed { reason } => format!("The fetch failed: {reason}."),
        ArticleText::NotArticle => "The page has no article text in it.".into(),
        ArticleText::NotHtml { content_type } => {
            format!("Not a web page ({content_type}): there is no text to read.")
        }
        ArticleText::NotExtracted => {
            "Fetched before roundup kept article text: fetch it again to read it.".into()
        }
    }
}
