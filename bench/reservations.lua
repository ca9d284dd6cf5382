-- wrk script: reserve one unit of a SKU, then release that reservation, over and over.
--   wrk ... -s bench/reservations.lua http://host:port -- TOKEN SKUS
-- SKUS = 1: every reservation takes SKU-0-S (one hot row); SKUS = n: a random one of
-- SKU-0-S .. SKU-(n-1)-S. done() prints "reserved R failed F seconds S".
-- Counters are globals so that done() can read them from each thread (thread:get).
local threads = {}
pending = {}
reserved = 0
failed = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  headers = {["Authorization"] = "Bearer " .. args[1], ["Content-Type"] = "application/json"}
  skus = tonumber(args[2])
end

function request()
  local id = table.remove(pending)
  if id then
    return wrk.format("POST", "/api/v1/inventory/reservations/" .. id .. "/release", headers, "")
  end
  local sku = string.format("SKU-%d-S", math.random(0, skus - 1))
  return wrk.format("POST", "/api/v1/inventory/reservations", headers,
    string.format('{"lines":[{"sku":"%s","quantity":1}]}', sku))
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([^"]+)"')
    if id then
      table.insert(pending, id)
      reserved = reserved + 1
    end
  elseif status ~= 200 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local r, f = 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("reserved")
    f = f + t:get("failed")
  end
  io.write(string.format("reserved %d failed %d seconds %.3f\n", r, f, summary.duration / 1e6))
end
