#include "domain/delivery_report.hpp"

namespace agora::notification {

std::optional<Message> after_report(Message m, const DeliveryReport& r, Timestamp now) {
  if (m.status != Status::sent) return std::nullopt;
  if (r.outcome == DeliveryReport::Outcome::delivered) {
    m.status = Status::delivered;
    m.delivered_at = now;
  } else {
    m.status = Status::failed;
    m.last_error = r.error;
  }
  return m;
}

}  // namespace agora::notification
