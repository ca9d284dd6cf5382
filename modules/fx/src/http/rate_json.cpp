#include "http/rate_json.hpp"

#include <boost/json.hpp>

namespace agora::fx {

boost::json::object rate_json(const Rate& rate) {
  boost::json::object out{{"rate", to_string(rate.value)}, {"valid_from", to_rfc3339(rate.valid_from)}};
  if (!rate.provider.empty()) out["provider"] = rate.provider;
  return out;
}

}  // namespace agora::fx
