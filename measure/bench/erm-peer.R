# The peer measured beside rapport-measure: eRm's CML partial credit model and its fit statistics,
# on the same CSV. Usage: Rscript measure/bench/erm-peer.R data.csv [repetitions]
suppressPackageStartupMessages(library(eRm))
args <- commandArgs(trailingOnly = TRUE)
reps <- if (length(args) > 1) as.integer(args[2]) else 3
X <- as.matrix(read.csv(args[1]))
cat(sprintf("eRm %s, R %s, data %d x %d\n", packageVersion("eRm"), getRversion(), nrow(X), ncol(X)))
calib <- numeric(reps); fit <- numeric(reps)
for (r in seq_len(reps)) {
  calib[r] <- system.time(m <- PCM(X, se = TRUE))[["elapsed"]]
  fit[r] <- system.time({ pp <- person.parameter(m); itemfit(pp); personfit(pp) })[["elapsed"]]
}
cat(sprintf("eRm PCM calibration: median %.2f s (runs: %s)\n", median(calib), paste(sprintf("%.2f", calib), collapse = " ")))
cat(sprintf("eRm person parameters + item and person fit: median %.2f s (runs: %s)\n", median(fit), paste(sprintf("%.2f", fit), collapse = " ")))
cat(sprintf("eRm conditional log-likelihood: %.6f\n", m$loglik))
