-- wrk script: POST /api/v1/auth/token with the password grant for one account.
--   wrk ... -s bench/login.lua http://host:port -- EMAIL PASSWORD
-- init runs before wrk builds its request, so every request carries this body.
function init(args)
  wrk.method = "POST"
  wrk.path = "/api/v1/auth/token"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = string.format('{"grant_type":"password","email":"%s","password":"%s"}', args[1], args[2])
end
