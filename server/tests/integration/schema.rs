//! The SQLite and PostgreSQL schemas kept in step: after every migration, both have the same
//! tables, the same columns with mapped types and the same nullability, the same named indexes,
//! unique and check constraints, and the same foreign keys. A column added to one dialect's
//! migration only fails here.

use crate::common::{fresh_database_url, Engine};
use app::server::db::Db;
use std::collections::{BTreeMap, BTreeSet};

/// One engine's schema, in terms both engines share.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// table -> column -> (type as SQLite would store it, not null)
    pub columns: BTreeMap<String, BTreeMap<String, (String, bool)>>,
    /// (table, index or constraint name), for named indexes, unique and check constraints.
    pub named: BTreeSet<(String, String)>,
    /// (table, column, referenced table)
    pub foreign_keys: BTreeSet<(String, String, String)>,
}

/// PostgreSQL's type as SQLite's migrations write it: times and dates are UTC text, booleans
/// and every integer are integers.
fn as_sqlite_type(pg: &str) -> String {
    match pg {
        "bigint" | "integer" | "smallint" | "boolean" => "integer",
        "text" | "character varying" | "timestamp with time zone" | "date" => "text",
        "bytea" => "blob",
        "double precision" | "real" | "numeric" => "real",
        other => other,
    }
    .to_owned()
}

/// Every difference, one line each; empty when the schemas match.
pub fn differences(sqlite: &Schema, pg: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let tables: BTreeSet<&String> = sqlite.columns.keys().chain(pg.columns.keys()).collect();
    for table in tables {
        match (sqlite.columns.get(table), pg.columns.get(table)) {
            (Some(_), None) => out.push(format!("table {table}: SQLite only")),
            (None, Some(_)) => out.push(format!("table {table}: PostgreSQL only")),
            (Some(s), Some(p)) => {
                let names: BTreeSet<&String> = s.keys().chain(p.keys()).collect();
                for column in names {
                    match (s.get(column), p.get(column)) {
                        (Some(_), None) => out.push(format!("{table}.{column}: SQLite only")),
                        (None, Some(_)) => out.push(format!("{table}.{column}: PostgreSQL only")),
                        (Some(a), Some(b)) if a != b => out.push(format!(
                            "{table}.{column}: SQLite {} {}, PostgreSQL {} {}",
                            a.0,
                            if a.1 { "not null" } else { "null" },
                            b.0,
                            if b.1 { "not null" } else { "null" },
                        )),
                        _ => {}
                    }
                }
            }
            (None, None) => {}
        }
    }
    for (which, a, b) in [("SQLite", sqlite, pg), ("PostgreSQL", pg, sqlite)] {
        for (table, name) in a.named.difference(&b.named) {
            out.push(format!("{table}: index or constraint {name}: {which} only"));
        }
        for (table, column, to) in a.foreign_keys.difference(&b.foreign_keys) {
            out.push(format!("{table}.{column} references {to}: {which} only"));
        }
    }
    out
}

/// The names after `constraint` in a table's `create table` text, for unique and check
/// constraints (SQLite keeps no catalogue of them, only the statement).
fn constraint_names(sql: &str) -> Vec<String> {
    let lower = sql.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| {
            w[0] == "constraint" && (w[2].starts_with("unique") || w[2].starts_with("check"))
        })
        .map(|w| w[1].to_owned())
        .collect()
}

async fn sqlite_schema(url: &str) -> Schema {
    let pool = sqlx::SqlitePool::connect(url).await.expect("sqlite");
    let mut schema = Schema::default();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "select name, sql from sqlite_master where type = 'table'
           and name not like 'sqlite_%' and name <> '_sqlx_migrations'",
    )
    .fetch_all(&pool)
    .await
    .expect("tables");
    for (table, sql) in tables {
        let columns: Vec<(i64, String, String, bool, Option<String>, i64)> =
            sqlx::query_as(&format!("pragma table_info('{table}')"))
                .fetch_all(&pool)
                .await
                .expect("columns");
        let mut map = BTreeMap::new();
        for (_, name, kind, not_null, _, pk) in columns {
            map.insert(name, (kind.to_lowercase(), not_null || pk > 0));
        }
        schema.columns.insert(table.clone(), map);
        for name in constraint_names(&sql) {
            schema.named.insert((table.clone(), name));
        }
        let keys: Vec<(i64, i64, String, String)> = sqlx::query_as(&format!(
            "select id, seq, \"table\", \"from\" from pragma_foreign_key_list('{table}')"
        ))
        .fetch_all(&pool)
        .await
        .expect("foreign keys");
        for (_, _, to, from) in keys {
            schema.foreign_keys.insert((table.clone(), from, to));
        }
    }
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "select tbl_name, name from sqlite_master where type = 'index' and sql is not null",
    )
    .fetch_all(&pool)
    .await
    .expect("indexes");
    schema.named.extend(indexes);
    pool.close().await;
    schema
}

async fn postgres_schema(url: &str) -> Schema {
    let pool = sqlx::PgPool::connect(url).await.expect("postgres");
    let mut schema = Schema::default();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text, is_nullable::text
         from information_schema.columns
         where table_schema = current_schema() and table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&pool)
    .await
    .expect("columns");
    for (table, column, kind, nullable) in columns {
        schema
            .columns
            .entry(table)
            .or_default()
            .insert(column, (as_sqlite_type(&kind), nullable == "NO"));
    }
    // Named indexes (not those PostgreSQL makes for primary keys and unique constraints,
    // which the constraints below stand for), and unique and check constraints.
    let named: Vec<(String, String)> = sqlx::query_as(
        "select c.relname::text, i.relname::text
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
         join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relname <> '_sqlx_migrations'
           and not x.indisprimary
           and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
         union
         select c.relname::text, k.conname::text
         from pg_constraint k join pg_class c on c.oid = k.conrelid
         join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and k.contype in ('u', 'c')
           and c.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&pool)
    .await
    .expect("indexes");
    schema.named.extend(named);
    let keys: Vec<(String, String, String)> = sqlx::query_as(
        "select c.relname::text, a.attname::text, r.relname::text
         from pg_constraint k
         join pg_class c on c.oid = k.conrelid
         join pg_class r on r.oid = k.confrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
         where n.nspname = current_schema() and k.contype = 'f'",
    )
    .fetch_all(&pool)
    .await
    .expect("foreign keys");
    schema.foreign_keys.extend(keys);
    pool.close().await;
    schema
}

async fn migrated(engine: Engine) -> String {
    let url = fresh_database_url(engine).await.expect("database");
    let db = Db::connect(&url).await.expect("connect");
    db.migrate().await.expect("migrate");
    url
}

#[tokio::test]
// Runs in `make test` (with-postgres.sh, --include-ignored); ignored only by a plain cargo test.
#[ignore = "needs PostgreSQL: run through server/tests/with-postgres.sh with --include-ignored (make integration)"]
async fn the_two_dialects_migrate_to_the_same_schema() {
    let sqlite = sqlite_schema(&migrated(Engine::Sqlite).await).await;
    let pg = postgres_schema(&migrated(Engine::Postgres).await).await;
    assert!(
        sqlite.columns.len() > 30,
        "{} tables read",
        sqlite.columns.len()
    );
    assert!(
        sqlite.named.len() > 40,
        "{} named indexes and constraints read",
        sqlite.named.len()
    );
    assert!(
        sqlite.foreign_keys.len() > 40,
        "{} foreign keys read",
        sqlite.foreign_keys.len()
    );
    let found = differences(&sqlite, &pg);
    assert!(
        found.is_empty(),
        "the schemas differ:\n{}",
        found.join("\n")
    );

    // The comparison itself: a column, an index or a foreign key on one side only is found.
    let mut one_sided = sqlite.clone();
    one_sided
        .columns
        .get_mut("repairs")
        .expect("repairs")
        .insert("added_here_only".into(), ("text".into(), false));
    one_sided
        .named
        .insert(("repairs".into(), "repairs_new_idx".into()));
    one_sided
        .foreign_keys
        .insert(("repairs".into(), "added_here_only".into(), "people".into()));
    let found = differences(&one_sided, &pg);
    assert_eq!(
        found,
        [
            "repairs.added_here_only: SQLite only",
            "repairs: index or constraint repairs_new_idx: SQLite only",
            "repairs.added_here_only references people: SQLite only",
        ]
    );
}

#[tokio::test]
async fn the_sqlite_schema_is_read_whole() {
    // Without PostgreSQL, the SQLite side of the comparison still reads every table, and its
    // constraint names from the statements.
    let sqlite = sqlite_schema(&migrated(Engine::Sqlite).await).await;
    let repairs = sqlite.columns.get("repairs").expect("repairs");
    assert_eq!(repairs.get("reference"), Some(&("text".to_owned(), true)));
    assert_eq!(
        repairs.get("hazard_kind"),
        Some(&("text".to_owned(), false))
    );
    assert!(sqlite
        .named
        .contains(&("repairs".into(), "repairs_reference_unique".into())));
    assert!(sqlite
        .named
        .contains(&("repairs".into(), "repairs_home_idx".into())));
    assert!(sqlite
        .foreign_keys
        .contains(&("repairs".into(), "home_id".into(), "homes".into())));
}
