#pragma once
// A channel's provider as the sender sees it: hands one rendered message to it and says what came of
// the attempt. Implementations live in the channel's folder (email/, sms/, push/).
#include "domain/message.hpp"
#include "domain/template.hpp"

#include <agora/core/clock.hpp>

namespace agora::notification {

class Channel {
 public:
  virtual ~Channel() = default;
  // Called on a sender thread outside any transaction; must not throw for a provider's failure
  // (a thrown exception leaves the message to its lease and the resume job).
  virtual Delivery send(const Message& m, const Rendered& r, Timestamp now) = 0;
};

}  // namespace agora::notification
