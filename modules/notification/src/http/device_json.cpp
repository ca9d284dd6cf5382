#include "http/device_json.hpp"

#include <agora/core/fields.hpp>
#include <boost/json/array.hpp>

namespace agora::notification {

DeviceRequest parse_device(const boost::json::value& body) {
  Fields f(body);
  DeviceRequest d;
  if (auto token = f.text("token", 4096, true)) {
    if (Devices::plausible_token(*token))
      d.token = std::move(*token);
    else
      f.fail("token", std::string(Devices::kTokenProblem));
  }
  if (auto platform = f.text("platform", 16, true)) {
    if (Devices::known_platform(*platform))
      d.platform = std::move(*platform);
    else
      f.fail("platform", std::string(Devices::kPlatformProblem));
  }
  f.finish({"token", "platform"}, "invalid device");
  return d;
}

boost::json::object device_json(const DeviceToken& d) {
  return {{"token", d.token},
          {"platform", d.platform},
          {"created_at", to_rfc3339(d.created_at)},
          {"last_seen_at", to_rfc3339(d.last_seen_at)}};
}

boost::json::object devices_json(const std::vector<DeviceToken>& devices) {
  boost::json::array items;
  for (const auto& d : devices) items.push_back(device_json(d));
  return {{"items", std::move(items)}};
}

}  // namespace agora::notification
