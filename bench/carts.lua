-- wrk script: add-to-cart or GET cart, round robin over signed-in customers' carts.
--   wrk ... -s bench/carts.lua http://host:port/api/v1/carts -- CARTS_FILE add|get
-- CARTS_FILE: one "token cart_id sku sku sku" per line (the cart's three lines). "add" adds one
-- unit of one of its SKUs (POST /api/v1/carts/{id}/lines); "get" reads the cart.
function init(args)
  carts = {}
  for line in io.lines(args[1]) do
    local token, id, a, b, c = line:match("(%S+) (%S+) (%S+) (%S+) (%S+)")
    table.insert(carts, {
      id = id,
      skus = {a, b, c},
      headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"},
    })
  end
  op = args[2]
  n = 0
end

function request()
  n = n + 1
  local cart = carts[(n % #carts) + 1]
  if op == "get" then
    return wrk.format("GET", "/api/v1/carts/" .. cart.id, cart.headers)
  end
  local sku = cart.skus[(math.floor(n / #carts) % 3) + 1]
  return wrk.format("POST", "/api/v1/carts/" .. cart.id .. "/lines", cart.headers,
    string.format('{"sku":"%s","quantity":1}', sku))
end
