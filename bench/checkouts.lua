-- wrk script: check out each prepared guest cart once, paying with the sandbox gateway.
--   wrk ... -s bench/checkouts.lua http://host:port/api/v1/checkout -- CARTS_FILE
-- CARTS_FILE: "cart_id token" lines (bench/checkout_carts.lua). Past the last cart the script
-- starts over, and those repeats are refused (409: the cart is checked out): prepare enough carts.
function init(args)
  carts = {}
  for line in io.lines(args[1]) do
    local id, token = line:match("(%S+) (%S+)")
    table.insert(carts, {id = id, token = token})
  end
  n = 0
  run = string.format("%d-%d", os.time(), math.random(0, 1000000))
end

function request()
  n = n + 1
  local cart = carts[((n - 1) % #carts) + 1]
  local headers = {["Content-Type"] = "application/json", ["X-Cart-Token"] = cart.token, ["Idempotency-Key"] = run .. "-" .. n}
  return wrk.format("POST", "/api/v1/checkout", headers, string.format(
    '{"cart_id":"%s","email":"bench@example.com","payment":{"gateway":"sandbox","token":"sandbox_ok"}}', cart.id))
end
