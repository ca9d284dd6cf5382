-- wrk script: prints the 95th latency percentile as "p95 <ms>ms" (wrk prints 50/75/90/99 only).
function done(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
