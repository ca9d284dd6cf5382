#include "http/device_routes.hpp"

#include "http/device_json.hpp"

namespace agora::notification {

void add_device_routes(http::Router& router, Devices& devices) {
  using http::Method;
  using http::Request;
  using http::Response;
  // Apps register their token at every start: the same token again is no error, and a token another
  // user held (a device signed in to another account) moves to the caller.
  router.add(Method::post, "/api/v1/notifications/devices",
             [&devices](const Request& req) {
               const auto d = parse_device(req.json());
               const auto saved = devices.register_device(req.user().user_id, d.token, d.platform);
               return Response::json(device_json(saved.device), saved.inserted ? 201 : 200);
             },
             {.auth = true});
  router.add(Method::get, "/api/v1/notifications/devices",
             [&devices](const Request& req) { return Response::json(devices_json(devices.list(req.user().user_id))); },
             {.auth = true});
  router.add(Method::del, "/api/v1/notifications/devices/{token}",
             [&devices](const Request& req) {
               devices.remove(req.user().user_id, std::string(req.param("token")));
               return Response::empty();
             },
             {.auth = true});
}

}  // namespace agora::notification
