//! `<meta>` tags, keyed by their lower-cased `property`, `name` or `itemprop`.

use super::select;
use scraper::Html;
use std::collections::HashMap;

pub(crate) struct MetaTags {
    /// Every non-empty value for each key, in document order.
    values: HashMap<String, Vec<String>>,
}

impl MetaTags {
    pub fn collect(doc: &Html) -> MetaTags {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for el in select(doc, "meta") {
            let Some(content) = el
                .attr("content")
                .or_else(|| el.attr("value"))
                .map(str::trim)
                .filter(|c| !c.is_empty())
            else {
                continue;
            };
            // `property` may hold several space-separated names ("og:title twitter:title").
            let keys = ["property", "name", "itemprop"]
                .iter()
                .filter_map(|a| el.attr(a))
                .flat_map(|v| v.split_whitespace())
                .map(|k| k.to_ascii_lowercase());
            for key in keys {
                values.entry(key).or_default().push(content.to_string());
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
