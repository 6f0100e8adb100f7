-- A person's name as colleagues search for it: lower case, accents and apostrophes gone
-- ("Siân O'Brien" is "sian obrien"), so "Sian" and "obrien" find them. Filled in by the
-- application (server::db::people::fill_search_names), which every start runs for any row
-- still without one.
alter table people add column search_name text;
