#pragma once
// Devices as the API reads and writes them.
#include "app/devices.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace agora::notification {

struct DeviceRequest {
  std::string token;
  std::string platform;
};

// {token, platform}; Error{validation} listing every bad field.
DeviceRequest parse_device(const boost::json::value& body);
// {token, platform, created_at, last_seen_at}
boost::json::object device_json(const DeviceToken& d);
// {items: [...]}
boost::json::object devices_json(const std::vector<DeviceToken>& devices);

}  // namespace agora::notification
