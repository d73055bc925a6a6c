// Preloaded with `node --import` when GNU time is absent: report peak RSS (KB) at exit.
process.on('exit', () => { process.stderr.write(`\nkohort-bench-maxrss ${process.resourceUsage().maxRSS}\n`); });
