-- Hazard clocks under the law of the landlord's nation (Awaab's Law in England, the 2026
-- damp and mould regulations in Scotland), not Awaab's Law alone. The kind says what the
-- hazard is (the Scottish Charter's damp and mould indicators count by it). Only added: the
-- column `awaab` keeps its name and now says whether the home's hazard law (whichever it is)
-- runs clocks for the repair, and the clock kinds keep their stored names ("awaab_..."), so
-- the previous release still runs on this schema.

alter table repairs add column hazard_kind text;
-- Until now only damp and mould outcomes were marked as hazards.
update repairs set hazard_kind = 'damp_and_mould' where hazard is not null;
