-- wrk script: GET the request paths read from the file named by the first argument (one per line,
-- bench/search_queries.sh writes them), each connection walking the list from its own offset; a
-- second argument makes each connection wait that many milliseconds between requests (a light,
-- steady load instead of as many as the server takes). Prints one line:
--   latency <p50> <p95> <p99> (ms) requests <n> errors <non-2xx> <socket errors>
--   wrk ... -s bench/search.lua http://host:port/ -- PATHS_FILE [DELAY_MS]
local paths = {}
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  n = math.random(#paths)
  local pause = tonumber(args[2] or "0")
  -- wrk schedules requests through delay() only when the script defines it.
  if pause > 0 then delay = function() return pause end end
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("latency %.2f %.2f %.2f requests %d errors %d %d\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
