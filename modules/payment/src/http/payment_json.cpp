#include "http/payment_json.hpp"

#include <boost/describe/enum_to_string.hpp>
#include <boost/json/array.hpp>

namespace agora::payment {
namespace {

boost::json::object money(std::int64_t amount, const std::string& currency) {
  return {{"amount", amount}, {"currency", currency}};
}

boost::json::value optional_text(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::value(*text);
}

boost::json::value optional_time(const std::optional<Timestamp>& t) {
  if (!t) return nullptr;
  return boost::json::value(to_rfc3339(*t));
}

boost::json::object call_json(const Call& c, const std::string& currency) {
  return {{"id", c.id},
          {"kind", to_text(c.kind)},
          {"amount", money(c.amount, currency)},
          {"status", boost::describe::enum_to_string(c.status, "?")},
          {"attempts", c.attempts},
          {"last_error", optional_text(c.last_error)},
          {"gateway_ref", optional_text(c.gateway_ref)},
          {"created_at", to_rfc3339(c.created_at)},
          {"finished_at", optional_time(c.finished_at)},
          {"reason", optional_text(c.reason)}};
}

}  // namespace

boost::json::object payment_json(const PaymentRecord& record) {
  const auto& p = record.payment;
  boost::json::array calls;
  for (const auto& c : record.calls) calls.push_back(call_json(c, p.currency));
  boost::json::value failure = nullptr;
  if (p.failure_code)
    failure = boost::json::object{{"code", *p.failure_code}, {"message", p.failure_message.value_or("")}};
  return {{"id", p.id},
          {"order_id", p.order_id},
          {"customer_id", optional_text(p.customer_id)},
          {"email", p.email},
          {"gateway", p.gateway},
          {"status", boost::describe::enum_to_string(p.status, "?")},
          {"amount", money(p.amount, p.currency)},
          {"captured", money(p.captured, p.currency)},
          {"refunded", money(p.refunded, p.currency)},
          {"gateway_ref", optional_text(p.gateway_ref)},
          {"action_url", optional_text(p.action_url)},
          {"failure", std::move(failure)},
          {"cancel_requested", p.cancel_requested},
          {"created_at", to_rfc3339(p.created_at)},
          {"updated_at", to_rfc3339(p.updated_at)},
          {"authorized_at", optional_time(p.authorized_at)},
          {"captured_at", optional_time(p.captured_at)},
          {"calls", std::move(calls)}};
}

}  // namespace agora::payment
