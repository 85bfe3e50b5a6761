//! `<meta>` tags, keyed by their lower-cased `property`, `name` or `itemprop`.

use super::select;
use dom_query::Document;
use std::collections::HashMap;

pub(crate) struct MetaTags {
    /// Every non-empty value for each key, in document order.
    values: HashMap<String, Vec<String>>,
}

impl MetaTags {
    pub fn collect(doc: &Document) -> MetaTags {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for el in select(doc, "meta") {
            let Some(content) = el.attr("content").or_else(|| el.attr("value")) else {
                continue;
            };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            // `property` may hold several space-separated names ("og:title twitter:title").
            for attr in ["property", "name", "itemprop"] {
                let Some(names) = el.attr(attr) else {
                    continue;
                };
                for key in names.split_whitespace() {
                    values
                        .entry(key.to_ascii_lowercase())
                        .or_default()
                        .push(content.to_string());
                }
            }
        }
        MetaTags { values }
    }

    /// The first value of the first key that has one.
    pub fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.values.get(*k).and_then(|v| v.first()).cloned())
    }

    pub fn all(&self, key: &str) -> &[String] {
        self.values.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
}
