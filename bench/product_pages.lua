-- wrk script: GET /api/v1/catalog/products/{id} for ids read from the file named by the first
-- argument (one per line), each connection walking the list from its own offset.
local ids = {}
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  n = math.random(#ids)
end

function request()
  n = n % #ids + 1
  return wrk.format("GET", "/api/v1/catalog/products/" .. ids[n])
end
