//! Case references people read out on the phone: a prefix and six characters from an alphabet
//! without look-alikes (no 0/O, 1/I/L), so "CM-7K4QXP" survives being spoken and retyped.

pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const LENGTH: usize = 6;

/// Builds a reference from random bytes (the caller supplies the randomness, keeping this pure).
pub fn make_reference(prefix: &str, random: [u8; LENGTH]) -> String {
    let body: String = random
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{prefix}-{body}")
}

/// Accepts a reference as a person might type it (lower case, spaces) and returns it in the
/// canonical form, or `None` when it cannot be one of ours.
pub fn normalise_reference(prefix: &str, typed: &str) -> Option<String> {
    let cleaned: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let body = cleaned.strip_prefix(prefix)?.strip_prefix('-')?;
    (body.len() == LENGTH && body.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| format!("{prefix}-{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_use_the_prefix_and_only_unambiguous_characters() {
        let r = make_reference("CM", [0, 1, 2, 30, 31, 255]);
        assert!(r.starts_with("CM-"));
        assert_eq!(r.len(), 3 + LENGTH);
        assert!(r[3..].bytes().all(|b| ALPHABET.contains(&b)));
    }

    #[test]
    fn typed_references_are_normalised_or_refused() {
        assert_eq!(
            normalise_reference("CM", " cm-7k4qxp "),
            Some("CM-7K4QXP".into())
        );
        assert_eq!(normalise_reference("CM", "CM-7K4QX0"), None);
        assert_eq!(normalise_reference("CM", "RP-7K4QXP"), None);
        assert_eq!(normalise_reference("CM", "CM-7K4"), None);
    }
}
