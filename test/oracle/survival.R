# Oracle for src/stats: R's survival package computes Kaplan-Meier curves, Greenwood
# standard errors, confidence intervals, median lifetimes, survival at chosen times and
# log-rank tests, and this script writes them as JSON fixtures for test/stats/*.test.ts.
# CI never runs R: the fixtures are committed. Regenerate from the repository root with
#   Rscript test/oracle/survival.R
# (Debian: apt-get install r-base-core r-cran-survival r-cran-jsonlite).
suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), "..", ".."))
out_dir <- file.path(root, "test", "fixtures", "survival")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
telco_csv <- file.path(root, "..", "shared", "datasets", "telco", "Telco-Customer-Churn.csv")

meta <- list(
  r = unbox(R.version.string),
  survival = unbox(as.character(packageVersion("survival"))),
  script = unbox("test/oracle/survival.R")
)
num <- function(x) { x <- as.numeric(x); x[!is.finite(x)] <- NA; x }
sc <- function(x) unbox(if (is.numeric(x) && !is.finite(x)) NA else x)
write_fixture <- function(x, name) {
  write_json(x, file.path(out_dir, name), digits = NA, na = "null", pretty = TRUE)
  cat("wrote", file.path("test/fixtures/survival", name), "\n")
}

# One curve (time, event) under each confidence type: every row (censored times too),
# the median with its interval from quantile() (and print()'s table, which can differ),
# and summary(times =, extend = TRUE).
curve <- function(time, event, times) {
  res <- list(n = sc(length(time)), events = sc(sum(event)))
  for (ct in c("log", "log-log", "plain")) {
    fit <- survfit(Surv(time, event) ~ 1, conf.type = ct)
    s <- summary(fit, censored = TRUE)
    q <- quantile(fit, 0.5)
    tab <- summary(fit)$table
    at <- summary(fit, times = times, extend = TRUE)
    res[[ct]] <- list(
      time = num(fit$time), n_risk = num(fit$n.risk), n_event = num(fit$n.event),
      n_censor = num(fit$n.censor), surv = num(fit$surv),
      std_err = num(s$std.err), lower = num(fit$lower), upper = num(fit$upper),
      median = list(quantile = sc(unname(q$quantile)), lower = sc(unname(q$lower)), upper = sc(unname(q$upper))),
      print_median = list(median = sc(unname(tab["median"])), lower = sc(unname(tab["0.95LCL"])),
                          upper = sc(unname(tab["0.95UCL"]))),
      at = list(time = num(at$time), surv = num(at$surv), std_err = num(at$std.err),
                lower = num(at$lower), upper = num(at$upper), n_risk = num(at$n.risk),
                n_event = num(at$n.event))
    )
  }
  res
}

# A hand-written weighted log-rank (same algebra as survdiff), checked against survdiff
# for rho = 0 and 1 below, then used for the weights survdiff does not offer.
wlr <- function(time, status, group, wfun) {
  G <- nlevels(group); gi <- as.integer(group)
  O <- E <- numeric(G); V <- matrix(0, G, G); km <- 1
  for (t in sort(unique(time[status == 1]))) {
    risk <- time >= t
    n <- as.numeric(sum(risk)); nk <- as.numeric(tabulate(gi[risk], G))
    dk <- as.numeric(tabulate(gi[time == t & status == 1], G)); d <- sum(dk)
    w <- wfun(n, km)
    O <- O + w * dk; E <- E + w * d * nk / n
    if (n > 1) V <- V + w^2 * d * (n - d) / (n - 1) * (diag(nk / n, G) - outer(nk, nk) / n^2)
    km <- km * (n - d) / n
  }
  keep <- E > 0
  chi <- if (sum(keep) < 2) 0 else {
    u <- (O - E)[keep][-1]; vv <- V[keep, keep, drop = FALSE][-1, -1, drop = FALSE]
    sum(solve(vv, u) * u)
  }
  list(obs = O, exp = E, var = V, chisq = chi, df = sum(keep) - 1)
}

test_entry <- function(test, rho, q, r) {
  df <- r$df
  list(test = sc(test), rho = sc(rho), q = sc(q), chisq = sc(r$chisq), df = sc(df),
       p = sc(if (df > 0) pchisq(r$chisq, df, lower.tail = FALSE) else NA),
       log10p = sc(if (df > 0) pchisq(r$chisq, df, lower.tail = FALSE, log.p = TRUE) / log(10) else NA),
       obs = num(r$obs), exp = num(r$exp), var = lapply(seq_len(nrow(r$var)), function(i) num(r$var[i, ])))
}

log_rank <- function(time, event, group) {
  group <- factor(group, levels = sort(unique(as.character(group)), method = "radix"))
  tests <- list()
  for (rho in c(0, 1)) {
    sd <- survdiff(Surv(time, event) ~ group, rho = rho)
    h <- wlr(time, event, group, function(n, km) km^rho)
    stopifnot(abs(h$chisq - sd$chisq) < 1e-8 * max(1, sd$chisq),
              max(abs(h$obs - sd$obs)) < 1e-8 * max(1, abs(sd$obs)),
              max(abs(h$exp - sd$exp)) < 1e-8 * max(1, abs(sd$exp)),
              max(abs(h$var - sd$var)) < 1e-8 * max(1, abs(sd$var)))
    r <- list(obs = sd$obs, exp = sd$exp, var = sd$var, chisq = sd$chisq, df = sum(sd$exp > 0) - 1)
    tests[[length(tests) + 1]] <- test_entry(if (rho == 0) "log-rank" else "peto", rho, 0, r)
  }
  tests[[length(tests) + 1]] <- test_entry("wilcoxon", 0, 0, wlr(time, event, group, function(n, km) n))
  tests[[length(tests) + 1]] <- test_entry("tarone-ware", 0, 0, wlr(time, event, group, function(n, km) sqrt(n)))
  tests[[length(tests) + 1]] <- test_entry("fleming-harrington", 1, 1,
                                           wlr(time, event, group, function(n, km) km * (1 - km)))
  tests[[length(tests) + 1]] <- test_entry("fleming-harrington", 0, 1,
                                           wlr(time, event, group, function(n, km) (1 - km)))
  list(groups = levels(group), n = as.numeric(table(group)), tests = tests)
}

# Curves for the whole data and for each level of each grouping; tests for each grouping.
survival_fixture <- function(source, time, event, groupings, times) {
  curves <- list(list(by = sc("all"), group = sc("all"), curve = curve(time, event, times)))
  tests <- list()
  for (by in names(groupings)) {
    g <- as.character(groupings[[by]])
    for (lev in sort(unique(g), method = "radix")) {
      keep <- g == lev
      curves[[length(curves) + 1]] <- list(by = sc(by), group = sc(lev),
                                           curve = curve(time[keep], event[keep], times))
    }
    tests[[length(tests) + 1]] <- c(list(by = sc(by)), log_rank(time, event, g))
  }
  list(meta = meta, source = sc(source), times = times, curves = curves, log_rank = tests)
}

# ---- (a) Telco: time = tenure (months), event = Churn == "Yes" -------------------------------
if (file.exists(telco_csv)) {
  telco <- read.csv(telco_csv, stringsAsFactors = FALSE)
  tt <- telco$tenure; ee <- as.integer(telco$Churn == "Yes")
  times <- c(0, 1, 6, 12, 24, 36, 48, 60, 71, 72, 80)
  fx <- survival_fixture("Telco-Customer-Churn.csv", tt, ee, list(
    Contract = telco$Contract,
    InternetService = telco$InternetService,
    PaymentMethod = telco$PaymentMethod,
    "Contract x InternetService" = paste(telco$Contract, telco$InternetService, sep = " | ")
  ), times)
  sub <- telco$Contract == "Month-to-month" & telco$InternetService != "No"
  fx$curves[[length(fx$curves) + 1]] <- list(
    by = sc("subset: Contract == Month-to-month & InternetService != No"), group = sc("all"),
    curve = curve(tt[sub], ee[sub], times))
  write_fixture(fx, "telco.json")
} else {
  cat("skipped Telco: no file", telco_csv, "\n")
}

# ---- (b) synthetic data: many ties, heavy censoring, tiny groups ------------------------------
set.seed(20240601)
n <- 500
grp <- sample(c("A", "B", "C"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
rate <- c(A = 0.08, B = 0.12, C = 0.05)[grp]
ties <- data.frame(time = pmin(30, floor(rexp(n, rate))), event = rbinom(n, 1, 0.3), group = grp)
write.csv(ties, file.path(out_dir, "synth-ties.csv"), row.names = FALSE, quote = FALSE)
cat("wrote test/fixtures/survival/synth-ties.csv\n")
write_fixture(survival_fixture("synth-ties.csv", ties$time, ties$event, list(group = ties$group),
                               c(0, 0.5, 1, 2, 3, 4.5, 10, 29, 30, 45)), "synth-ties.json")

# Hand-made groups for the edge cases, plus one small random group.
tiny <- rbind(
  data.frame(group = "half-flat", time = c(1, 2, 3, 6), event = c(1, 1, 0, 1)),      # S = 0.5 on [2, 6)
  data.frame(group = "half-last", time = c(1, 2, 3, 4), event = c(1, 1, 0, 0)),      # S = 0.5 to the end
  data.frame(group = "single-event", time = 7, event = 1),
  data.frame(group = "single-censored", time = 7, event = 0),
  data.frame(group = "no-events", time = c(2, 4, 4, 9, 12), event = 0),
  data.frame(group = "one-time", time = c(5, 5, 5), event = 1),
  data.frame(group = "zero-time", time = c(0, 0, 3, 5), event = c(1, 0, 1, 0)),
  data.frame(group = "small-random", time = sample(0:10, 8, replace = TRUE), event = rbinom(8, 1, 0.6))
)
write.csv(tiny, file.path(out_dir, "synth-tiny.csv"), row.names = FALSE, quote = FALSE)
cat("wrote test/fixtures/survival/synth-tiny.csv\n")
fx <- survival_fixture("synth-tiny.csv", tiny$time, tiny$event, list(group = tiny$group),
                       c(0, 0.5, 1, 2, 3, 4.5, 6, 10, 29))
# A test where one group has no one at risk at any event time: survdiff drops it from df.
early <- rbind(tiny[tiny$group %in% c("half-flat", "half-last", "one-time"), ],
               data.frame(group = "censored-early", time = 0.5, event = 0))
fx$log_rank[[length(fx$log_rank) + 1]] <- c(list(by = sc("subset with censored-early")),
                                            log_rank(early$time, early$event, early$group))
write_fixture(fx, "synth-tiny.json")

# ---- chi-square tails, normal quantiles, Wilson / Newcombe ------------------------------------
chi <- expand.grid(x = c(0.5, 3.84, 10, 50, 200, 1000, 1380, 1410, 1450, 1500, 5000, 1e5, 1e6),
                   df = c(1, 2, 3, 4, 7))
chi$p <- pchisq(chi$x, chi$df, lower.tail = FALSE)
chi$log10p <- pchisq(chi$x, chi$df, lower.tail = FALSE, log.p = TRUE) / log(10)
pq <- c(1e-300, 1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.995, 1 - 1e-12)
props <- list(c(56, 70, 48, 80), c(9, 10, 3, 10), c(6, 7, 2, 7), c(5, 56, 0, 29), c(0, 10, 0, 20),
              c(10, 10, 0, 20), c(120, 400, 95, 410), c(3, 3, 1, 1))
newcombe <- lapply(props, function(v) {
  w1 <- suppressWarnings(prop.test(v[1], v[2], correct = FALSE))$conf.int
  w2 <- suppressWarnings(prop.test(v[3], v[4], correct = FALSE))$conf.int
  p1 <- v[1] / v[2]; p2 <- v[3] / v[4]; d <- p1 - p2
  pt <- suppressWarnings(prop.test(v[c(1, 3)], v[c(2, 4)], correct = FALSE)$p.value)
  list(x1 = sc(v[1]), n1 = sc(v[2]), x2 = sc(v[3]), n2 = sc(v[4]), diff = sc(d),
       lower = sc(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)),
       upper = sc(d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)),
       wilson1 = num(w1), wilson2 = num(w2), p = sc(pt))
})
write_fixture(list(meta = meta,
                   chisq = lapply(seq_len(nrow(chi)), function(i) lapply(chi[i, ], sc)),
                   qnorm = lapply(pq, function(p) list(p = sc(p), z = sc(qnorm(p)))),
                   newcombe = newcombe), "distributions.json")
