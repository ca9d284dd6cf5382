#include "http/refund_json.hpp"

#include "http/payment_json.hpp"

#include <agora/core/fields.hpp>

#include <limits>

namespace agora::payment {

RefundRequest parse_refund(const http::Request& req) {
  const auto body = req.json();
  Fields f(body);
  if (!req.header("idempotency-key"))
    f.fail("Idempotency-Key", "is required: a fresh value (a UUID) per refund, the same on its retries");
  RefundRequest r;
  r.amount = f.integer("amount", 1, std::numeric_limits<std::int64_t>::max(), true).value_or(0);
  r.reason = f.text("reason", 500, false, false, true);
  f.finish({"amount", "reason"}, "invalid refund");
  return r;
}

boost::json::object refund_json(const RefundStarted& started) {
  return {{"refund_id", started.refund_id}, {"payment", payment_json(started.payment)}};
}

}  // namespace agora::payment
