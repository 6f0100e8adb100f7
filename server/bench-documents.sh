#!/usr/bin/env bash
# Part of `make bench`: "Your documents" and a service-charge statement for Tom Bennett (shared
# owner, Alder Court) with 100,000 more documents in the database, every one a letter on another
# household's tenancy, on one engine: `sqlite`, or `postgres` (run it inside
# server/tests/with-postgres.sh, which provides the throwaway cluster). Prints table rows.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
name=documents

# 100,000 letters spread over the Willow Row tenancies, none of them Tom's; the file they name is
# never read by these pages.
seed_sql() {
  local series=$1 text=$2 stamp=$3
  cat <<SQL
insert into documents (reference, submission_token, tenancy_id, category, title, effective_on,
    audience, storage_key, content_type, filename, size_bytes, version, status,
    uploaded_by_account_id, uploaded_at, created_at, updated_at)
select 'DC-B' || $text, 'bench' || $text, t.id, 'letter', 'Letter ' || $text, '2026-01-01',
       'everyone', 'bench' || $text || '.pdf', 'application/pdf', 'letter.pdf', 1000, 1, 'current',
       (select min(id) from accounts), $(printf "$stamp" 0), $(printf "$stamp" 0), $(printf "$stamp" 0)
from $series
join tenancies t on t.id = (select min(id) from tenancies where reference like 'TEN-3%') + (i % 7);
SQL
}

source server/bench-seeded.sh
seed_database

start_server

owner=$(cookie_for tom.bennett@example.org)
statement=$(curl -s -H "Cookie: $owner" -H 'Accept: text/html' "$base/documents" | grep -o '/documents/service-charges/SC-[A-Z0-9]*' | head -n 1)
listed=$(curl -s -H "Cookie: $owner" -H 'Accept: text/html' "$base/documents" | grep -o 'class="document-item"' | wc -l)
measure "\`/documents\` ($engine, $listed of 100,043 documents)" /documents "$owner"
measure "\`/documents/service-charges/SC-…\` ($engine, 8 lines beside last year's)" "$statement" "$owner"
