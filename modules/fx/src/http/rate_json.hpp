#pragma once
// A rate as the fx API answers it.
#include "domain/rate_table.hpp"

#include <boost/json/object.hpp>

namespace agora::fx {

// {"rate": "1.0856", "valid_from": RFC 3339, "provider": "ecb"}
boost::json::object rate_json(const Rate& rate);

}  // namespace agora::fx
