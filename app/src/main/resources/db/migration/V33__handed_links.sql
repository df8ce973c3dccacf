-- An invitation link shown to an admin to pass on (the server sent no e-mail), rather than mailed to its owner:
-- such a link stops working for an account that comes to hold results private to its person (pupils answered
-- about them), since whoever was handed it would read them. Links made before this are counted as handed.
alter table account_token add column handed boolean not null default false;
update account_token set handed = true where purpose = 'INVITE';
