/**
 * Rasch measurement in plain Java, on sufficient statistics: conditional maximum likelihood for the dichotomous,
 * rating scale and partial credit models ({@link org.rapport.measure.CmlEstimator}), Warm's person estimates
 * ({@link org.rapport.measure.PersonEstimator}), item and person fit ({@link org.rapport.measure.Fit}), drift and DIF
 * ({@link org.rapport.measure.ItemDrift}, {@link org.rapport.measure.ItemDif}), and what reports say of groups: their
 * levels from a model of the answers ({@link org.rapport.measure.GroupLevelEstimator}), means of person measures
 * ({@link org.rapport.measure.GroupEstimator}), changes ({@link org.rapport.measure.GroupChange}) and the control of
 * many claims at once ({@link org.rapport.measure.Holm}, {@link org.rapport.measure.BenjaminiHochberg}). A problem,
 * an estimator and a result are separate types; reference data sit beside the tests.
 */
package org.rapport.measure;
