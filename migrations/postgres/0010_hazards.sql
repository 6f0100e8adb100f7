-- Hazard clocks under the law of the landlord's nation (Awaab's Law in England, the 2026
-- damp and mould regulations in Scotland), not Awaab's Law alone: the flag says whether the
-- home's hazard law runs clocks for this repair, the kind says what the hazard is (the
-- Scottish Charter's damp and mould indicators count by it), and the clock kinds lose the
-- "awaab_" prefix for a neutral "hazard_" one.

alter table repairs rename column awaab to hazard_clocks;
alter table repairs add column hazard_kind text;
-- Until now only damp and mould outcomes were marked as hazards.
update repairs set hazard_kind = 'damp_and_mould' where hazard is not null;
update repair_clocks set kind = 'hazard_' || substr(kind, 7) where kind like 'awaab%';
