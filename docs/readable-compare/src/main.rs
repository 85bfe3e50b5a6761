//! Each Readability port on every fixture page: token F1 of its text against the page's
//! expected.html, its time, and (for the two that report one) its byline and title against
//! expected-metadata.json.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn f1(got: &[String], want: &[String]) -> f64 {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for w in want {
        *counts.entry(w).or_default() += 1;
    }
    let common = got
        .iter()
        .filter(|w| {
            let c = counts.entry(w.as_str()).or_default();
            *c -= 1;
            *c >= 0
        })
        .count() as f64;
    if common == 0.0 {
        return 0.0;
    }
    let (p, r) = (common / got.len() as f64, common / want.len() as f64);
    2.0 * p * r / (p + r)
}

/// Markdown to its words, image alt texts left out (expected.html has them as attributes).
fn md_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut out, mut img) = (String::new(), 0);
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::Image { .. }) => img += 1,
            Event::End(TagEnd::Image) => img -= 1,
            Event::Text(t) | Event::Code(t) if img == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn norm(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    s.strip_prefix("by ").map(str::to_string).unwrap_or(s)
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pages");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture pages")
        .filter_map(|e| Some(e.ok()?.path()).filter(|p| p.join("expected.html").exists()))
        .collect();
    pages.sort();
    let tools = ["dom_smoothie 0.19 (Markdown)", "readabilityrs 0.1.4", "readability 0.3.0", "llm_readability 0.0.17"];
    let mut scores = vec![Vec::new(); tools.len()];
    let mut times = vec![Vec::new(); tools.len()];
    let (mut bylines, mut ds_by, mut rr_by, mut titles, mut ds_ti, mut rr_ti) = (0, 0, 0, 0, 0, 0);
    let url = "http://fakehost/test/page.html";
    let base = url::Url::parse(url).expect("url");
    for p in &pages {
        let src = String::from_utf8_lossy(&std::fs::read(p.join("source.html")).expect("source")).to_string();
        let want = tokens(&dom_query::Document::from(std::fs::read_to_string(p.join("expected.html")).expect("expected")).root().text());
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p.join("expected-metadata.json")).expect("meta")).expect("json");
        let mut texts = Vec::new();

        let t = Instant::now();
        let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Markdown, ..Default::default() };
        let ds = dom_smoothie::Readability::new(src.as_str(), Some(url), Some(cfg)).ok().and_then(|mut r| r.parse().ok());
        times[0].push(t.elapsed().as_secs_f64() * 1e3);
        texts.push(ds.as_ref().map(|a| md_text(&a.text_content)).unwrap_or_default());

        let t = Instant::now();
        let rr = readabilityrs::Readability::new(&src, Some(url), None).ok().and_then(|r| r.parse());
        times[1].push(t.elapsed().as_secs_f64() * 1e3);
        texts.push(rr.as_ref().and_then(|a| a.text_content.clone()).unwrap_or_default());

        let t = Instant::now();
        let r = readability::extractor::extract(&mut src.as_bytes(), &base);
        times[2].push(t.elapsed().as_secs_f64() * 1e3);
        texts.push(r.map(|p| p.text).unwrap_or_default());

        let t = Instant::now();
        let r = llm_readability::extractor::extract(&mut src.as_bytes(), &base);
        times[3].push(t.elapsed().as_secs_f64() * 1e3);
        texts.push(r.map(|p| p.text).unwrap_or_default());

        let row: Vec<f64> = texts.iter().map(|t| f1(&tokens(t), &want)).collect();
        println!("{:<40} {}", p.file_name().unwrap_or_default().to_string_lossy(), row.iter().map(|f| format!("{f:.3}")).collect::<Vec<_>>().join(" "));
        for (i, f) in row.into_iter().enumerate() {
            scores[i].push(f);
        }
        if let Some(b) = meta["byline"].as_str() {
            bylines += 1;
            ds_by += usize::from(ds.as_ref().and_then(|a| a.byline.as_deref()).map(norm) == Some(norm(b)));
            rr_by += usize::from(rr.as_ref().and_then(|a| a.byline.as_deref()).map(norm) == Some(norm(b)));
        }
        if let Some(ti) = meta["title"].as_str() {
            titles += 1;
            ds_ti += usize::from(ds.as_ref().map(|a| norm(&a.title)) == Some(norm(ti)));
            rr_ti += usize::from(rr.as_ref().and_then(|a| a.title.as_deref()).map(norm) == Some(norm(ti)));
        }
    }
    for (i, tool) in tools.iter().enumerate() {
        let s = &scores[i];
        let mut t = times[i].clone();
        t.sort_by(f64::total_cmp);
        let ok = s.iter().filter(|f| **f >= 0.95).count();
        let mean = s.iter().sum::<f64>() / s.len() as f64;
        println!(
            "{tool:<28} F1 >= 0.95 on {ok}/{}, mean F1 {mean:.3}, time median {:.1} ms, worst {:.1} ms",
            s.len(),
            t[t.len() / 2],
            t[t.len() - 1]
        );
    }
    println!("bylines: dom_smoothie {ds_by}/{bylines}, readabilityrs {rr_by}/{bylines}; titles: dom_smoothie {ds_ti}/{titles}, readabilityrs {rr_ti}/{titles}");
}
