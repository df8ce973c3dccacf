-- How many families of a class read another language best, as the school's information system knows
-- it ('pl:3 ar:2'; null: none known), so that family letters print in their language. No family is named.
alter table class_group add column family_languages text;
