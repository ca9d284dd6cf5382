// Any bytes as a JSON request body: parsed under the server's limits, read as a handler reads
// fields, and every refusal answered as problem+json that must itself be valid JSON.
#include <agora/core/fields.hpp>
#include <agora/core/http.hpp>

#include <boost/json/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check_answer(const agora::Error& error) {
  const auto problem = agora::http::Response::problem(error, "/fuzz");
  boost::json::error_code ec;
  boost::json::parse(problem.body, ec);
  if (ec || problem.body.size() > 64 * 1024) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const agora::http::JsonLimits limits{.max_depth = 32, .max_members = 64, .max_elements = 256};
  try {
    const auto value = agora::http::parse_json_body(body, limits);
    agora::Fields fields(value);
    fields.text("name", 100, true);
    fields.text("note", 1000, false, true, true);
    fields.integer("quantity", 1, 1000);
    fields.boolean("default");
    if (const auto* nested = fields.raw("address"); nested && nested->is_object()) {
      agora::Fields inner(*nested);
      inner.text("city", 100, true);
      fields.add(inner.nested_errors({"city"}, "address."));
    }
    fields.finish({"name", "note", "quantity", "default", "address"});
  } catch (const agora::Error& e) {
    check_answer(e);
  }
  return 0;
}
