#include "http/page_query.hpp"

#include <agora/core/ids.hpp>

namespace agora::notification {

PageQuery page_query(const http::Request& req, std::vector<FieldError>& errors) {
  PageQuery q;
  q.limit = req.page_limit(errors);
  q.cursor = std::string(req.query_param("cursor").value_or(""));
  if (!q.cursor.empty() && !is_uuid(q.cursor)) errors.push_back({"cursor", "is not a cursor this list gave"});
  return q;
}

}  // namespace agora::notification
