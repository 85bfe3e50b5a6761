//! Turning fetched bytes into text (charset from the header, a BOM or `<meta charset>`), and
//! titles for responses that are not HTML.

use crate::model::canonical::tidy_host;
use encoding_rs::{Encoding, UTF_8};

/// How far into a page a `<meta charset>` is looked for (the HTML spec says 1024 bytes;
/// real pages put it later, behind long comments and scripts).
const SNIFF_BYTES: usize = 8192;

/// The `charset=` parameter of a Content-Type value.
pub fn charset_of_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// The charset a page declares in its first bytes (`<meta charset>` or http-equiv).
pub fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("charset") {
        let after = rest[at + "charset".len()..].trim_start();
        rest = &rest[at + "charset".len()..];
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let label: String = value
            .trim_start()
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if let Some(enc) = Encoding::for_label(label.as_bytes()) {
            return Some(enc);
        }
    }
    None
}

/// Decodes a page: a BOM wins, then the header's charset, then the page's own declaration,
/// then UTF-8. Bytes that do not decode become U+FFFD rather than an error: a page with a
/// wrong charset still has a usable title.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let declared = content_type
        .and_then(charset_of_content_type)
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let encoding = declared
        .or_else(|| sniff_meta_charset(bytes))
        .unwrap_or(UTF_8);
    // `decode` sniffs a BOM first, as browsers do.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// A title for a PDF, image or JSON response: the Content-Disposition file name, else the
/// URL's last path segment, else the host.
pub fn non_html_title(url: &str, content_disposition: Option<&str>) -> Option<String> {
    if let Some(name) = content_disposition.and_then(disposition_filename) {
        return Some(name);
    }
    let parsed = url::Url::parse(url).ok()?;
    let segment = parsed
        .path_segments()
        .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_string));
    match segment {
        Some(seg) => Some(percent_decode(&seg)),
        None => tidy_host(url),
    }
}

fn disposition_filename(value: &str) -> Option<String> {
    let mut plain = None;
    for param in value.split(';').skip(1) {
        let Some((k, v)) = param.split_once('=') else {
            continue;
        };
        let k = k.trim().to_ascii_lowercase();
        let v = v.trim().trim_matches('"');
        if k == "filename*" {
            // RFC 5987: charset'lang'percent-encoded
            let encoded = v.rsplit('\'').next().unwrap_or(v);
            let name = percent_decode(encoded);
            if !name.trim().is_empty() {
                return Some(name);
            }
        } else if k == "filename" && !v.trim().is_empty() {
            plain = Some(v.to_string());
        }
    }
    plain
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_sources() {
        assert_eq!(
            charset_of_content_type("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        let latin1 = b"<meta charset='windows-1252'><title>caf\xe9</title>";
        assert!(decode_html(latin1, None).contains("café"));
        let http_equiv =
            b"<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\">\xe9";
        assert!(decode_html(http_equiv, Some("text/html")).ends_with('é'));
    }

    #[test]
    fn non_html_titles() {
        assert_eq!(
            non_html_title("https://x.org/papers/SRE%20book.pdf", None).as_deref(),
            Some("SRE book.pdf")
        );
        assert_eq!(
            non_html_title(
                "https://x.org/dl?id=3",
                Some("attachment; filename=\"report.pdf\"")
            )
            .as_deref(),
            Some("report.pdf")
        );
        assert_eq!(
            non_html_title("https://www.x.org/", None).as_deref(),
            Some("x.org")
        );
    }
}
