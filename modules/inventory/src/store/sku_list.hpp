#pragma once
// A list of SKUs bound as one JSON text parameter: "sku IN (SELECT jsonb_array_elements_text(...))".
#include <boost/json.hpp>

#include <string>
#include <vector>

namespace agora::inventory {

inline std::string sku_list(const std::vector<std::string>& skus) {
  return boost::json::serialize(boost::json::array(skus.begin(), skus.end()));
}

#define AGORA_INV_SKUS(param) "(SELECT jsonb_array_elements_text(CAST(" param " AS jsonb)))"

}  // namespace agora::inventory
