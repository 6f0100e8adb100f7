//! Sending a person back where they were going after they sign in, without letting a crafted
//! link send them to another site.

/// The path to return to after signing in, if `next` is a path on this site that makes sense to
/// return to; otherwise `None`.
pub fn safe_return_path(next: &str) -> Option<&str> {
    let useful = !next.starts_with("/api/") && !next.starts_with("/sign-in") && next != "/";
    local_path(next).filter(|_| useful && next.len() <= 512)
}

/// `path` if it is a path on this site that can go into a Location header as it is: it starts
/// with one `/` and holds visible ASCII only (what a browser sends: it percent-encodes the
/// rest). A control character or a line break, typed into a form, would otherwise split or
/// break the header.
pub fn local_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\");
    let plain = path.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    (local && plain && path.len() <= 2048).then_some(path)
}

/// `/sign-in`, carrying the page to return to.
pub fn sign_in_returning_to(path_and_query: &str) -> String {
    match safe_return_path(path_and_query) {
        Some(next) => format!("/sign-in?next={}", encode_query_value(next)),
        None => "/sign-in".to_owned(),
    }
}

/// Percent-encodes everything but unreserved characters, so the value survives as one query
/// parameter (and as a header value).
pub fn encode_query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_target_is_a_local_path_of_visible_characters() {
        assert_eq!(
            local_path("/staff/contact-tasks"),
            Some("/staff/contact-tasks")
        );
        assert_eq!(local_path("/"), Some("/"));
        for bad in [
            "/staff/\r\nX: y",
            "/staff/\u{1}",
            "/staff/a b",
            "/staff/é",
            "//evil.example/",
            "/\\evil.example",
            "https://evil.example/",
            "staff",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(3000))), None);
    }

    #[test]
    fn only_paths_on_this_site_are_returned_to() {
        assert_eq!(safe_return_path("/account"), Some("/account"));
        assert_eq!(
            safe_return_path("/admin/audit?page=2"),
            Some("/admin/audit?page=2")
        );
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/a\\b",
            "/x\r\nSet-Cookie: a=b",
            "/caf\u{e9}",
            "/a b",
            "/api/account/claim",
            "/sign-in?next=/account",
            "/",
            "",
            "account",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad:?}");
        }
        assert_eq!(safe_return_path(&format!("/{}", "a".repeat(600))), None);
    }

    #[test]
    fn the_sign_in_link_carries_the_page_encoded() {
        assert_eq!(
            sign_in_returning_to("/your-home"),
            "/sign-in?next=%2Fyour-home"
        );
        assert_eq!(
            sign_in_returning_to("/admin/audit?page=2&x=y"),
            "/sign-in?next=%2Fadmin%2Faudit%3Fpage%3D2%26x%3Dy"
        );
        assert_eq!(sign_in_returning_to("//evil.example"), "/sign-in");
    }
}
