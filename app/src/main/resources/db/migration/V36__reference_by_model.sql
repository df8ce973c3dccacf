-- Whether a scale's reference mean is the model's level of the reference blocks (parts of a relationship, calibrated
-- from 2026-12-07 on), which the reports then measure groups by; false: the mean of the blocks' WLEs, and groups are
-- measured by averaged WLEs, as when the calibration was made.
alter table scale_calibration add column reference_by_model boolean not null default false;
