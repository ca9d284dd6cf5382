#pragma once
// Push as a channel: a push message's recipient is a user, and it goes to each of the user's devices
// through FCM. Sent when at least one device took it (its provider id: the FCM message names);
// failed for good when no usable device is left (FCM's unregistered and malformed tokens are
// removed); otherwise a temporary failure, tried again by the sender.
#include "app/channel.hpp"
#include "app/devices.hpp"
#include "push/access_token_source.hpp"
#include "push/fcm_client.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace agora::notification {

struct PushOptions {
  std::string service_account;  // the key's JSON or its path; "": push is off
  std::string api_base_url = "https://fcm.googleapis.com";
  std::chrono::milliseconds timeout{10000};
};

// The provider id of a message several devices took: the first name whole, then the others' ids.
std::string provider_id_of(const std::vector<std::string>& names);

class PushChannel final : public Channel {
 public:
  // `oauth`: the service account's token_uri; `fcm`: the FCM API. Throws ConfigError for a bad key.
  PushChannel(const PushOptions& options, Devices& devices, outbound::Destination& oauth, outbound::Destination& fcm,
              const Clock& clock);
  Delivery send(const Message& m, const Rendered& r, Timestamp now) override;

 private:
  Devices& devices_;
  const ServiceAccount account_;
  AccessTokenSource tokens_;
  FcmClient fcm_;
};

}  // namespace agora::notification
