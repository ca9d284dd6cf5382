#include <agora/core/import_report.hpp>

#include <boost/json/array.hpp>

namespace agora {

boost::json::object to_json(const ImportReport& report) {
  boost::json::array failed;
  for (const auto& [line, error] : report.failed) {
    boost::json::array fields;
    for (const auto& f : error.fields()) fields.push_back({{"field", f.field}, {"message", f.message}});
    failed.push_back(
        {{"line", line}, {"status", http_status(error.kind())}, {"detail", error.what()}, {"errors", fields}});
  }
  return {{"imported", report.imported}, {"failed", std::move(failed)}};
}

}  // namespace agora
