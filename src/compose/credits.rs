//! Credit lines as the real issues print them: "Fred Hebert — Honeycomb",
//! "Shahar and Tal — Keep (via HackerNews)", "A, B, C, and D — Netflix".

use crate::model::Credit;

/// Names joined the English way, with the Oxford comma from three names on.
pub fn join_names(names: &[String]) -> String {
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// The credit line; empty when the credit is empty.
pub fn credit_line(credit: &Credit) -> String {
    let authors = join_names(&credit.authors);
    let publication = credit.publication.as_deref().map(str::trim).unwrap_or("");
    // A personal blog's publication is often its author's name: say it once.
    let same = credit.authors.len() == 1 && authors.eq_ignore_ascii_case(publication);
    let mut line = match (authors.is_empty(), publication.is_empty()) {
        (false, false) if same => authors,
        (false, false) => format!("{authors} — {publication}"),
        (false, true) => authors,
        (true, false) => publication.to_string(),
        (true, true) => String::new(),
    };
    if let Some(via) = credit
        .via
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        if line.is_empty() {
            line = format!("via {via}");
        } else {
            line.push_str(&format!(" (via {via})"));
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(authors: &[&str], publication: Option<&str>, via: Option<&str>) -> Credit {
        Credit {
            authors: authors.iter().map(|s| s.to_string()).collect(),
            publication: publication.map(str::to_string),
            via: via.map(str::to_string),
        }
    }

    #[test]
    fn credit_lines_match_the_real_issues() {
        assert_eq!(
            credit_line(&credit(&["Fred Hebert"], Some("Honeycomb"), None)),
            "Fred Hebert — Honeycomb"
        );
        assert_eq!(
            credit_line(&credit(
                &["Shahar", "Tal"],
                Some("Keep"),
                Some("HackerNews")
            )),
            "Shahar and Tal — Keep (via HackerNews)"
        );
        assert_eq!(
            credit_line(&credit(
                &[
                    "Shyam Gala",
                    "Javier Fernandez-Ivern",
                    "Anup Rokkam Pratap",
                    "Devang Shah"
                ],
                Some("Netflix"),
                None
            )),
            "Shyam Gala, Javier Fernandez-Ivern, Anup Rokkam Pratap, and Devang Shah — Netflix"
        );
        assert_eq!(
            credit_line(&credit(&["Julia Evans"], None, None)),
            "Julia Evans"
        );
        assert_eq!(
            credit_line(&credit(&[], Some("incident.io"), None)),
            "incident.io"
        );
        assert_eq!(
            credit_line(&credit(&[], None, Some("Lobsters"))),
            "via Lobsters"
        );
        assert_eq!(credit_line(&credit(&[" "], Some(""), None)), "");
        assert_eq!(
            credit_line(&credit(&["Julia Evans"], Some("julia evans"), None)),
            "Julia Evans"
        );
    }
}
