#include "app/devices.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>

#include <algorithm>

namespace agora::notification {
namespace {

constexpr std::size_t kMaxTokenLength = 4096;

}  // namespace

bool Devices::known_platform(const std::string& p) { return p == "android" || p == "ios" || p == "web"; }

bool Devices::plausible_token(const std::string& token) {
  return !token.empty() && token.size() <= kMaxTokenLength && std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == ':' || c == '.';
  });
}

device_token_store::Saved Devices::register_device(const std::string& user_id, const std::string& token,
                                                   const std::string& platform) {
  std::vector<FieldError> problems;
  if (!plausible_token(token)) problems.push_back({"token", std::string(kTokenProblem)});
  if (!known_platform(platform)) problems.push_back({"platform", std::string(kPlatformProblem)});
  if (!problems.empty()) throw Error(ErrorKind::validation, "invalid device", std::move(problems));
  return db_.transact([&](Tx& tx) {
    auto saved = device_token_store::save(tx.sql(), token, user_id, platform, clock_.now());
    device_token_store::keep_latest(tx.sql(), user_id, kMaxDevicesPerUser);
    return saved;
  });
}

std::vector<DeviceToken> Devices::list(const std::string& user_id) {
  auto conn = db_.acquire();
  return device_token_store::of_user(*conn, user_id);
}

void Devices::remove(const std::string& user_id, const std::string& token) {
  const auto removed = plausible_token(token) &&
                       db_.transact([&](Tx& tx) { return device_token_store::remove(tx.sql(), user_id, token); });
  if (!removed) throw Error(ErrorKind::not_found, "no device of yours has this token");
}

void Devices::forget(const std::string& token) {
  const auto removed = db_.transact([&](Tx& tx) { return device_token_store::remove_any(tx.sql(), token); });
  if (removed) log::info("notification: a device token FCM no longer takes was removed");
}

}  // namespace agora::notification
