#pragma once
// ?limit=&cursor= of a list, their problems collected with the list's other query parameters' so that
// one 422 names them all.
#include <agora/core/error.hpp>
#include <agora/core/http.hpp>

#include <string>
#include <vector>

namespace agora::notification {

struct PageQuery {
  int limit = 20;
  std::string cursor;  // "" for the first page
};

// limit: an integer from 1 to 100 (20 without one); cursor: a next_cursor, an id. Each problem is
// added to `errors`, named "limit" or "cursor".
PageQuery page_query(const http::Request& req, std::vector<FieldError>& errors);

}  // namespace agora::notification
