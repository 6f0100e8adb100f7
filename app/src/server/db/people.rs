//! People as colleagues search for them: each person's name folded for searching ("Siân
//! O'Brien" is "sian obrien"), kept in `people.search_name`.

use super::Db;
use crate::db_run;
use crate::error::AppError;

/// Text as searched: lower case, accents taken off (â is a, ŵ is w, ł is l), apostrophes and
/// full stops dropped ("O'Brien" is "obrien"), hyphens and runs of spaces one space.
pub fn search_key(text: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            '\'' | '’' | '‘' | '`' | '.' => {}
            '-' | '‐' | '–' | '_' => folded.push(' '),
            'ł' | 'Ł' => folded.push('l'),
            'ø' | 'Ø' => folded.push('o'),
            'đ' | 'Đ' => folded.push('d'),
            'ß' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            c => folded.extend(c.to_lowercase()),
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives every person without a search name one; returns how many.
pub async fn fill_search_names(db: &Db) -> Result<usize, AppError> {
    let missing: Vec<(i64, String, String)> = db_run!(db, |pool| {
        sqlx::query_as(
            "select id, given_name, family_name from people where search_name is null order by id",
        )
        .fetch_all(pool)
        .await
    })?;
    for (id, given, family) in &missing {
        let key = search_key(&format!("{given} {family}"));
        db_run!(db, |pool| {
            sqlx::query("update people set search_name = $1 where id = $2")
                .bind(&key)
                .bind(id)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
    }
    Ok(missing.len())
}

#[cfg(test)]
mod tests {
    use super::search_key;

    #[test]
    fn names_are_searched_the_way_people_type_them() {
        assert_eq!(search_key("Siân O'Brien"), "sian obrien");
        assert_eq!(search_key("  Zoë   Smith-Jones "), "zoe smith jones");
        assert_eq!(search_key("Łukasz Wójcik"), "lukasz wojcik");
        assert_eq!(search_key("Siobhán Ní Bhriain"), "siobhan ni bhriain");
        assert_eq!(search_key("Dafydd ap Gwŷn"), "dafydd ap gwyn");
        assert_eq!(search_key("O’Neill"), "oneill");
        assert_eq!(search_key("St. John"), "st john");
    }
}
