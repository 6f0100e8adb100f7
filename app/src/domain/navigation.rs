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

/// A queue's pages: which one is shown and how many there are. The store counts rows only up
/// to a limit (`counted_to`); beyond it, a full page means there may be another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    pub page: i64,
    pub pages: i64,
    /// More rows than were counted.
    pub more: bool,
    /// How many rows, up to the counting limit.
    pub total: i64,
}

impl Paging {
    /// The pages for `page` (1 or more) when the store counted `counted` rows (stopping at
    /// `limit`) and returned `shown` rows on this page of `per_page`.
    pub fn of(page: i64, counted: i64, limit: i64, shown: usize, per_page: i64) -> Paging {
        let more = counted >= limit;
        let total = counted.min(limit - 1);
        let pages = if more && shown as i64 == per_page {
            page + 1
        } else {
            ((total + per_page - 1) / per_page).max(page).max(1)
        };
        Paging {
            page,
            pages,
            more,
            total,
        }
    }
}

/// `key=value&...` for the filters that are set, each value percent-encoded, for links that
/// keep a queue's filters.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_has_as_many_pages_as_its_rows_need_and_one_more_past_the_count() {
        // 120 rows, 50 a page: 3 pages.
        assert_eq!(Paging::of(1, 120, 10_000, 50, 50).pages, 3);
        // None: still one page.
        assert_eq!(Paging::of(1, 0, 10_000, 0, 50).pages, 1);
        // Past the counting limit with a full page: at least the next one.
        let past = Paging::of(300, 10_000, 10_000, 50, 50);
        assert!(past.more);
        assert_eq!((past.pages, past.total), (301, 9_999));
        // A page asked for beyond the last stays reachable.
        assert_eq!(Paging::of(7, 120, 10_000, 0, 50).pages, 7);
    }

    #[test]
    fn a_query_string_keeps_only_the_filters_set_and_encodes_them() {
        assert_eq!(
            query_string(&[("status", "open"), ("owner", ""), ("q", "a&b c")]),
            "status=open&q=a%26b%20c"
        );
    }

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
