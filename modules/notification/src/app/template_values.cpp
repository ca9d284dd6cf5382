#include "app/template_values.hpp"

#include <agora/core/json_text.hpp>
#include <agora/core/money.hpp>

namespace agora::notification {

boost::json::object order_placed_values(const order::events::Placed& e, const std::string& shop) {
  return {{"shop", shop},
          {"number", e.number},
          {"total", Money(e.total, e.currency).to_string()},
          {"has_lines", false},
          {"lines", boost::json::array{}}};
}

boost::json::object order_shipped_values(const std::string& number, const order::events::FulfillmentCreated& e,
                                         const std::string& shop) {
  return {{"shop", shop},
          {"number", number},
          {"carrier", e.carrier},
          {"tracking_number", e.tracking_number},
          {"complete", e.complete}};
}

boost::json::object payment_values(const std::string& number, std::int64_t amount, const std::string& currency,
                                   const std::string& shop) {
  return {{"shop", shop}, {"number", number}, {"amount", Money(amount, currency).to_string()}};
}

boost::json::object payment_failed_values(const std::string& number, const std::string& reason,
                                          const std::string& shop) {
  return {{"shop", shop}, {"number", number}, {"reason", reason}};
}

boost::json::object account_link_values(const std::string& name, const std::string& link, Timestamp expires_at,
                                        const std::string& shop) {
  // 2026-12-04T15:00:00Z reads as 2026-12-04 15:00 UTC.
  const auto t = to_rfc3339(std::chrono::floor<std::chrono::seconds>(expires_at));
  return {
      {"shop", shop}, {"name", name}, {"link", link}, {"expires_at", t.substr(0, 10) + " " + t.substr(11, 5) + " UTC"}};
}

boost::json::object low_stock_values(const std::string& sku, const std::optional<std::string>& warehouse_id,
                                     std::int64_t available, std::int64_t threshold, const std::string& shop) {
  return {{"shop", shop},
          {"sku", sku},
          {"available", available},
          {"threshold", threshold},
          {"warehouse", warehouse_id.value_or("all warehouses")}};
}

kainjow::mustache::data mustache_data(const boost::json::value& v) {
  using kainjow::mustache::data;
  switch (v.kind()) {
    case boost::json::kind::object: {
      data d;
      for (const auto& [k, member] : v.get_object()) d.set(std::string(k), mustache_data(member));
      return d;
    }
    case boost::json::kind::array: {
      data d(data::type::list);
      for (const auto& item : v.get_array()) d.push_back(mustache_data(item));
      return d;
    }
    case boost::json::kind::string:
      return data(std::string(v.get_string()));
    case boost::json::kind::bool_:
      return data(v.get_bool());
    case boost::json::kind::null:
      return data(false);
    default:
      return data(json_text::serialize(v));
  }
}

}  // namespace agora::notification
