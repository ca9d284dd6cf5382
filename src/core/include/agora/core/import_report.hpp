#pragma once
// What a line-by-line bulk import did: how many lines landed, and why each failed one did not.
#include <agora/core/error.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace agora {

struct ImportReport {
  std::size_t imported = 0;
  std::vector<std::pair<std::size_t, Error>> failed;  // line number (1-based), why
};

// {imported, failed: [{line, status, detail, errors: [{field, message}]}]}
boost::json::object to_json(const ImportReport& report);

}  // namespace agora
