-- Each item's location (the mean of its thresholds) with its standard error from the calibration's
-- covariance matrix, so drift and DIF count the thresholds' correlations. Null for calibrations stored
-- before: their locations take the thresholds' errors as independent, as they did.
alter table item_calibration add column location_standard_error double precision;
