-- The language a member of staff chose for Rapport's pages (a language tag such as 'pl'; null: their
-- browser's), and the language a response was given in, which the calibration checks items across
-- (differential item functioning). A response's language is never shown with the response.
alter table staff add column language text;
alter table response add column language text;
