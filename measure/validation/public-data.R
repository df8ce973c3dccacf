# Public data sets shipped in Debian's R packages, for validating rapport-measure against eRm and psychotools.
# Usage: Rscript public-data.R OUT_DIR            writes OUT_DIR/NAME.csv (categories from 0, empty = missing)
#        Rscript public-data.R OUT_DIR compare    fits eRm and psychotools on those files and compares them
#                                                 with OUT_DIR/NAME/items.csv and summary.json (rapport-measure's)
suppressMessages({library(psychotools); library(psych); library(eRm)})
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
sets <- list(
  list(name = "YouthGratitude-GQ6", model = "pcm", data = function() {
    data("YouthGratitude", package = "psychotools", envir = environment())
    # a few answers in the published data are not whole numbers (imputed): those rows are left out
    d <- as.matrix(YouthGratitude[, paste0("gq6_", 1:6)]); d <- d[apply(d == round(d), 1, all), ]; d - 1 }),
  list(name = "YouthGratitude-GQ6-age15", model = "pcm", data = function() {
    # one age group: answer values nobody chose (a gap in the middle of an item's scale) are merged
    data("YouthGratitude", package = "psychotools", envir = environment())
    d <- as.matrix(YouthGratitude[YouthGratitude$agegroup == "15", paste0("gq6_", 1:6)])
    d <- d[apply(d == round(d), 1, all), ]; d - 1 }),
  list(name = "ConspiracistBeliefs2016", model = "pcm", data = function() {
    data("ConspiracistBeliefs2016", package = "psychotools", envir = environment())
    unclass(ConspiracistBeliefs2016$resp) }),
  list(name = "VerbalAggression-resp", model = "pcm", data = function() {
    data("VerbalAggression", package = "psychotools", envir = environment())
    unclass(VerbalAggression$resp) }),
  list(name = "VerbalAggression-resp2", model = "rm", data = function() {
    data("VerbalAggression", package = "psychotools", envir = environment())
    unclass(VerbalAggression$resp2) }),
  list(name = "bfi-agreeableness", model = "pcm", data = function() {
    data("bfi", package = "psych", envir = environment())
    d <- bfi[, paste0("A", 1:5)]; d$A1 <- 7 - d$A1; as.matrix(d) - 1 })
)
centre <- function(x) x - mean(x)
if (length(args) < 2) {
  for (s in sets) {
    m <- s$data(); attr(m, "dimnames") <- list(NULL, colnames(m))
    write.csv(m, file.path(out, paste0(s$name, ".csv")), row.names = FALSE, na = "", quote = FALSE)
    cat(s$name, nrow(m), "persons x", ncol(m), "items,", sum(is.na(m)), "missing\n")
  }
} else {
  cat("data set | model | persons x items | rapport-measure cond. loglik | eRm | psychotools | max |threshold difference| eRm | psychotools\n")
  for (s in sets) {
    m <- as.matrix(read.csv(file.path(out, paste0(s$name, ".csv"))))
    mine <- read.csv(file.path(out, s$name, "items.csv"))
    summary <- readLines(file.path(out, s$name, "summary.json"))
    ll <- as.numeric(sub(".*\"conditional_loglik\"\\s*:\\s*([-0-9.eE]+).*", "\\1", grep("conditional_loglik", summary, value = TRUE)[1]))
    merged <- file.exists(file.path(out, s$name, "categories.csv"))
    if (merged) {
      cats <- read.csv(file.path(out, s$name, "categories.csv"))
      for (j in seq_len(ncol(m))) {
        map <- cats[cats$item == colnames(m)[j], ]
        m[, j] <- map$category[match(m[, j], map$value)]
      }
    }
    erm <- tryCatch({
      fit <- if (s$model == "rm") RM(m) else PCM(m)
      th <- if (s$model == "rm") -fit$betapar else thresholds(fit)$threshpar
      list(ll = fit$loglik, th = centre(th))
    }, error = function(e) list(ll = NA, th = NULL, err = conditionMessage(e)))
    pt <- tryCatch({
      fit <- if (s$model == "rm") raschmodel(m) else pcmodel(m)
      th <- if (s$model == "rm") itempar(fit, ref = NULL, alias = TRUE) else unlist(threshpar(fit, type = "mode", ref = NULL))
      list(ll = as.numeric(logLik(fit)), th = centre(th))
    }, error = function(e) list(ll = NA, th = NULL, err = conditionMessage(e)))
    own <- centre(mine$estimate)
    diff <- function(th) if (is.null(th)) NA else if (length(th) != length(own))
      sprintf("different thresholds (%d against %d)", length(th), length(own)) else max(abs(th - own))
    cat(sprintf("%s%s | %s | %d x %d | %.6f | %s | %s | %s | %s\n", s$name, if (merged) " (merged)" else "", s$model, nrow(m), ncol(m), ll,
                if (is.na(erm$ll)) paste("failed:", erm$err) else sprintf("%.6f", erm$ll),
                if (is.na(pt$ll)) paste("failed:", pt$err) else sprintf("%.6f", pt$ll),
                format(diff(erm$th), digits = 2), format(diff(pt$th), digits = 2)))
  }
}
