#include "app/template_values.hpp"

#include <agora/core/money.hpp>
#include <boost/json/serialize.hpp>

namespace agora::notification {

boost::json::object order_placed_values(const order::events::Placed& e, const std::string& shop) {
  return {{"shop", shop},
          {"number", e.number},
          {"total", Money(e.total, e.currency).to_string()},
          {"has_lines", false},
          {"lines", boost::json::array{}}};
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
      return data(boost::json::serialize(v));
  }
}

}  // namespace agora::notification
