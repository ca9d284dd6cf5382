#include "http/device_routes.hpp"

#include "http/device_json.hpp"

namespace agora::notification {
namespace {

// What the device routes read and answer, as JSON Schema for the API document.
constexpr std::string_view kDevice = R"json({
  "type": "object",
  "description": "A device the user gets push messages on.",
  "required": ["token", "platform", "created_at", "last_seen_at"],
  "properties": {
    "token": {"type": "string", "description": "Its FCM registration token"},
    "platform": {"enum": ["android", "ios", "web"]},
    "created_at": {"type": "string", "format": "date-time"},
    "last_seen_at": {"type": "string", "format": "date-time", "description": "When it was last registered"}
  }
})json";

constexpr std::string_view kNewDevice = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["token", "platform"],
  "properties": {
    "token": {"type": "string", "minLength": 1, "maxLength": 4096, "pattern": "^[A-Za-z0-9_:.-]+$",
              "description": "The device's FCM registration token"},
    "platform": {"enum": ["android", "ios", "web"]}
  }
})json";

constexpr std::string_view kDevices = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/NotificationDevice"}}}
})json";

}  // namespace

void add_device_routes(http::Router& router, Devices& devices) {
  using http::Method;
  using http::Request;
  using http::Response;
  router.schema("NotificationDevice", kDevice);
  // Apps register their token at every start: the same token again is no error, and a token another
  // user held (a device signed in to another account) moves to the caller.
  router.add(Method::post, "/api/v1/notifications/devices",
             [&devices](const Request& req) {
               const auto d = parse_device(req.json());
               const auto saved = devices.register_device(req.user().user_id, d.token, d.platform);
               return Response::json(device_json(saved.device), saved.inserted ? 201 : 200);
             },
             {.auth = true,
              .doc = {.summary = "Registers the device for push messages: 201 when new, 200 when it was already",
                      .request = std::string(kNewDevice),
                      .response = R"({"$ref": "#/components/schemas/NotificationDevice"})",
                      .status = 201}});
  router.add(Method::get, "/api/v1/notifications/devices",
             [&devices](const Request& req) { return Response::json(devices_json(devices.list(req.user().user_id))); },
             {.auth = true, .doc = {.summary = "The signed-in user's devices", .response = std::string(kDevices)}});
  router.add(Method::del, "/api/v1/notifications/devices/{token}",
             [&devices](const Request& req) {
               devices.remove(req.user().user_id, std::string(req.param("token")));
               return Response::empty();
             },
             {.auth = true, .doc = {.summary = "Removes one of the user's devices: it gets no more push messages"}});
}

}  // namespace agora::notification
