//! Pull-quotes taken from the reader: the quote goes into the entry's body as a block quote,
//! with its anchor; a link still in the inbox is placed first, the way the inbox places it.

use super::issues::place_link;
use crate::config::Config;
use crate::model::{Entry, IssueStatus, QuoteAnchor, body::quote_block};
use crate::store::{Result, Store, StoreError};

/// Where a quote went.
#[derive(Debug, Clone, PartialEq)]
pub struct Quoted {
    pub entry: Entry,
    /// The link was in the inbox and was placed for the quote.
    pub placed: bool,
    /// "Articles #2": the entry's section and place in it.
    pub place: String,
}

/// `body` with `quote` appended as a block quote, a blank line before it.
pub fn with_quote(body: &str, quote: &str) -> String {
    let block = quote_block(quote);
    let head = body.trim_end();
    if head.is_empty() {
        block
    } else {
        format!("{head}\n\n{block}")
    }
}

/// Appends `anchor.exact` as a pull-quote to entry `entry_id`, or (`None`) to the current
/// draft's entry of `link_id`, placing the link in `section` (`None`: the default section)
/// when it has none. The body and the anchor are written in one transaction.
pub fn take_quote(
    store: &Store,
    config: &Config,
    link_id: i64,
    entry_id: Option<i64>,
    anchor: &QuoteAnchor,
    section: Option<i64>,
) -> Result<Quoted> {
    let found = match entry_id {
        Some(id) => Some(store.entry(id)?),
        None => store.current_draft()?.and_then(|d| {
            d.sections
                .into_iter()
                .flat_map(|s| s.entries)
                .find(|e| e.link_id == link_id)
        }),
    };
    let (entry, placed) = match found {
        Some(e) => (e, false),
        None => (place_link(store, config, link_id, section)?, true),
    };
    let issue = store.issue_of_section(entry.section_id)?;
    if issue.status == IssueStatus::Published {
        return Err(StoreError::Invalid(format!(
            "issue #{} is published: it is read-only",
            issue.number
        )));
    }
    let body = with_quote(&entry.body, &anchor.exact);
    store.write_quote(entry.id, &body, anchor)?;
    let place = issue
        .sections
        .iter()
        .find_map(|s| {
            let at = s.entries.iter().position(|e| e.id == entry.id)?;
            Some(format!("{} #{}", s.heading, at + 1))
        })
        .unwrap_or_else(|| format!("#{}", issue.number));
    let entry = store.entry(entry.id)?;
    Ok(Quoted {
        entry,
        placed,
        place,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkState, NewLink};
    use crate::store::AddOutcome;

    fn anchor(exact: &str) -> QuoteAnchor {
        QuoteAnchor {
            exact: exact.into(),
            prefix: "before".into(),
            suffix: "after".into(),
        }
    }

    #[test]
    fn quotes_follow_the_body_after_a_blank_line() {
        assert_eq!(with_quote("", "A line.\n\nMore."), "> A line.\n>\n> More.");
        assert_eq!(with_quote("Mine.\n\n", "Q."), "Mine.\n\n> Q.");
    }

    #[test]
    fn a_quote_places_an_inbox_link_once_and_refuses_a_published_issue() {
        let store = Store::open_in_memory().unwrap();
        let config = Config::builtin().unwrap();
        let AddOutcome::Added(link) = store
            .add_link(&NewLink {
                url: "https://q.example/a".into(),
                ..NewLink::default()
            })
            .unwrap()
        else {
            panic!("not added")
        };
        let first = take_quote(&store, &config, link, None, &anchor("One."), None).unwrap();
        assert!(first.placed);
        assert_eq!(store.link(link).unwrap().state, LinkState::Used);
        let second = take_quote(&store, &config, link, None, &anchor("Two."), None).unwrap();
        assert!(!second.placed, "the draft's entry is found again");
        assert_eq!(second.entry.id, first.entry.id);
        assert_eq!(second.entry.body, "> One.\n\n> Two.");
        assert_eq!(store.anchors(first.entry.id).unwrap().len(), 2);
        let number = store
            .issue_of_section(first.entry.section_id)
            .unwrap()
            .number;
        crate::compose::publish(&store, number).unwrap();
        let err = take_quote(
            &store,
            &config,
            link,
            Some(first.entry.id),
            &anchor("Three."),
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("is published"), "{err}");
        assert_eq!(
            store.entry(first.entry.id).unwrap().body,
            "> One.\n\n> Two."
        );
        assert_eq!(store.anchors(first.entry.id).unwrap().len(), 2);
    }

    #[test]
    fn a_quote_places_the_link_in_the_section_the_editor_picked() {
        let store = Store::open_in_memory().unwrap();
        let config = Config::builtin().unwrap();
        let issue = crate::compose::new_issue(&store, &config, None).unwrap();
        let last = issue.sections.last().unwrap().id;
        assert_ne!(last, issue.sections[0].id, "the draft has two sections");
        let AddOutcome::Added(link) = store
            .add_link(&NewLink {
                url: "https://q.example/b".into(),
                ..NewLink::default()
            })
            .unwrap()
        else {
            panic!("not added")
        };
        let q = take_quote(&store, &config, link, None, &anchor("One."), Some(last)).unwrap();
        assert!(q.placed);
        assert_eq!(q.entry.section_id, last);
    }
}
