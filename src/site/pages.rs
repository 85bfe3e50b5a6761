//! The HTML pages of the site, from the `site/` templates.

use super::archive::{Archive, Person};
use super::{SiteError, SiteFile};
use crate::config::Config;
use crate::export::{environment, template_error};
use minijinja::value::{Serde, Value};
use minijinja::{Environment, context};
use serde::Serialize;

const TEMPLATES: [(&str, &str); 6] = [
    (
        "layout.html.j2",
        include_str!("../../assets/templates/site/layout.html.j2"),
    ),
    (
        "index.html.j2",
        include_str!("../../assets/templates/site/index.html.j2"),
    ),
    (
        "issue.html.j2",
        include_str!("../../assets/templates/site/issue.html.j2"),
    ),
    (
        "person.html.j2",
        include_str!("../../assets/templates/site/person.html.j2"),
    ),
    (
        "people.html.j2",
        include_str!("../../assets/templates/site/people.html.j2"),
    ),
    (
        "sitemap.xml.j2",
        include_str!("../../assets/templates/site/sitemap.xml.j2"),
    ),
];

/// Issues per index page when `[site] per_page` is unset.
const PER_PAGE: usize = 20;

pub fn templates(config: &Config) -> Result<Environment<'static>, SiteError> {
    Ok(environment(config, &TEMPLATES, Some("site"))?)
}

/// Renders `name` with `ctx`; the page at `path` (a directory) becomes `path/index.html`.
fn page(env: &Environment, name: &str, path: &str, ctx: Value) -> Result<SiteFile, SiteError> {
    let html = env
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| template_error(name, &e))?;
    Ok(SiteFile {
        path: format!("{path}index.html"),
        bytes: html.into_bytes(),
    })
}

/// "./" at the root, "../../" two directories down.
fn root_of(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

#[derive(Serialize)]
struct IssueLink<'a> {
    number: i64,
    title: &'a str,
    date: Option<&'a str>,
    path: &'a str,
    entries: usize,
}

#[derive(Serialize)]
struct PersonLink<'a> {
    name: &'a str,
    path: &'a str,
    count: usize,
}

pub fn per_page(config: &Config) -> usize {
    config.site.per_page.filter(|n| *n > 0).unwrap_or(PER_PAGE)
}

/// The path of index page `n` (1-based).
pub fn index_path(n: usize) -> String {
    if n <= 1 {
        String::new()
    } else {
        format!("page/{n}/")
    }
}

pub fn render(archive: &Archive, config: &Config) -> Result<Vec<SiteFile>, SiteError> {
    let env = templates(config)?;
    let newsletter = archive.newsletter.as_str();
    let issue_count = archive.issues.len();
    let mut files = Vec::new();

    let per_page = per_page(config);
    let links: Vec<IssueLink> = archive
        .issues
        .iter()
        .map(|i| IssueLink {
            number: i.number,
            title: &i.title,
            date: i.date.as_deref(),
            path: &i.path,
            entries: i.entries,
        })
        .collect();
    let chunks: Vec<&[IssueLink]> = if links.is_empty() {
        vec![&[]]
    } else {
        links.chunks(per_page).collect()
    };
    let pages = chunks.len();
    for (i, chunk) in chunks.iter().enumerate() {
        let n = i + 1;
        let path = index_path(n);
        let ctx = context! {
            newsletter, issue_count, root => root_of(&path),
            issues => Serde(chunk), page => n, pages,
            newer => (n > 1).then(|| index_path(n - 1)),
            older => (n < pages).then(|| index_path(n + 1)),
        };
        files.push(page(&env, "index.html.j2", &path, ctx)?);
    }

    for (i, issue) in archive.issues.iter().enumerate() {
        // Newest first: the newer issue is the one before.
        let newer = i.checked_sub(1).and_then(|j| links.get(j));
        let older = links.get(i + 1);
        let ctx = context! {
            newsletter, issue_count, root => root_of(&issue.path),
            title => &issue.title, date => &issue.date, number => issue.number,
            content => &issue.content,
            newer => Serde(newer), older => Serde(older),
        };
        files.push(page(&env, "issue.html.j2", &issue.path, ctx)?);
    }

    for (dir, heading, kind, people) in [
        ("authors/", "Authors", "author", &archive.authors),
        (
            "publications/",
            "Publications",
            "publication",
            &archive.publications,
        ),
    ] {
        files.extend(people_pages(&env, archive, dir, heading, kind, people)?);
    }
    Ok(files)
}

fn people_pages(
    env: &Environment,
    archive: &Archive,
    dir: &str,
    heading: &str,
    kind: &str,
    people: &[Person],
) -> Result<Vec<SiteFile>, SiteError> {
    let newsletter = archive.newsletter.as_str();
    let issue_count = archive.issues.len();
    let mut sorted: Vec<&Person> = people.iter().collect();
    sorted.sort_by_key(|p| p.name.to_lowercase());
    let list: Vec<PersonLink> = sorted
        .iter()
        .map(|p| PersonLink {
            name: &p.name,
            path: &p.path,
            count: p.entries.len(),
        })
        .collect();
    let mut files = vec![page(
        env,
        "people.html.j2",
        dir,
        context! { newsletter, issue_count, root => root_of(dir), heading, people => Serde(&list) },
    )?];
    for p in people {
        let ctx = context! {
            newsletter, issue_count, root => root_of(&p.path), kind,
            name => &p.name, entries => Serde(&p.entries),
        };
        files.push(page(env, "person.html.j2", &p.path, ctx)?);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_climb_back_from_each_depth() {
        assert_eq!(root_of(""), "./");
        assert_eq!(root_of("issues/379/"), "../../");
        assert_eq!(index_path(1), "");
        assert_eq!(index_path(3), "page/3/");
    }
}
