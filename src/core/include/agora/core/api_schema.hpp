#pragma once
// Names, from a route's RouteDoc, a schema declared once with Router::schema.
#include <string>
#include <string_view>

namespace agora::http {

// {"$ref": "#/components/schemas/<name>"}
inline std::string schema_ref(std::string_view name) {
  return R"({"$ref": "#/components/schemas/)" + std::string(name) + "\"}";
}

}  // namespace agora::http
