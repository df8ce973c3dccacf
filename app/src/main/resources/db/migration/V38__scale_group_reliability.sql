-- How much a scale's groups of one kind (schools, classes, teachers, teams) differ in the calibration's reference window:
-- the variance of their true levels (between) and of a member around its group's level (within), in logits, from the
-- one-way analysis of variance of the reference blocks' measures. A group's measure on a part is shown as its own
-- figure only where it tells the group apart from others of its kind: reliability between / (between + within / n) of at
-- least 0.70. No row: fewer than ten groups of that kind (one school alone), and the rule is not applied.
create table scale_group_reliability (
    calibration_id   bigint not null,
    scale            text not null,
    kind             text not null check (kind in ('SCHOOL', 'CLASS', 'TEACHER', 'TEAM')),
    groups           integer not null check (groups >= 10),
    members          integer not null,
    between_variance double precision not null check (between_variance >= 0),
    within_variance  double precision not null check (within_variance >= 0),
    primary key (calibration_id, scale, kind),
    foreign key (calibration_id, scale) references scale_calibration (calibration_id, scale) on delete cascade
);
