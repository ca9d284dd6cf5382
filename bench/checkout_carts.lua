-- wrk script: guest carts ready to check out, appended to a file as "cart_id token" lines.
--   wrk ... -s bench/checkout_carts.lua http://host:port -- OUT_FILE SKUS MAX_LINES
-- Each cart: POST /api/v1/carts, 1 to MAX_LINES lines of distinct SKUs among SKU-0-S ..
-- SKU-(SKUS-1)-S (one unit each), then a shipping address. Steps of different carts interleave over
-- the connections: every answer names its cart (the body starts with its id), whose next step is
-- queued; request() takes a queued step or starts a new cart.
local address = '{"recipient":"Bench Buyer","line1":"1 Main St","city":"Springfield","region":"IL",' ..
  '"postal_code":"62701","country":"US"}'

function init(args)
  out = io.open(args[1], "a")
  skus = tonumber(args[2])
  max_lines = tonumber(args[3])
  carts = {}
  steps = {}
end

function request()
  local id = table.remove(steps, 1)
  if not id then
    return wrk.format("POST", "/api/v1/carts", {["Content-Type"] = "application/json"}, '{"currency":"USD"}')
  end
  local cart = carts[id]
  local headers = {["Content-Type"] = "application/json", ["X-Cart-Token"] = cart.token}
  local sku = table.remove(cart.skus)
  if sku then
    return wrk.format("POST", "/api/v1/carts/" .. id .. "/lines", headers, string.format('{"sku":"%s","quantity":1}', sku))
  end
  cart.addressed = true
  return wrk.format("PUT", "/api/v1/carts/" .. id .. "/shipping-address", headers, address)
end

function response(status, headers, body)
  local id = body:match('^{"id":"([^"]+)"')
  if not id or (status ~= 200 and status ~= 201) then return end
  local cart = carts[id]
  if not cart then
    local token = body:match('"token":"([^"]+)"')
    if not token then return end
    cart = {token = token, skus = {}}
    local first = math.random(0, skus - 1)
    for k = 0, math.random(1, max_lines) - 1 do
      table.insert(cart.skus, string.format("SKU-%d-S", (first + k * 7919) % skus))
    end
    carts[id] = cart
  elseif cart.addressed then
    out:write(id, " ", cart.token, "\n")
    out:flush()
    carts[id] = nil
    return
  end
  table.insert(steps, id)
end
