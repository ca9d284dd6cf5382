#include "domain/review.hpp"

#include <agora/core/error.hpp>
#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>

namespace agora::catalog {
namespace {

Error bad_cursor() { return Error(ErrorKind::bad_request, "invalid cursor", {{"cursor", "is not a cursor from this list"}}); }

}  // namespace

ReviewDraft parse_review(const boost::json::value& body) {
  Fields f(body);
  ReviewDraft d;
  // Only a JSON integer: "5" and 4.5 are refused rather than coerced.
  d.rating = static_cast<int>(f.integer("rating", 1, 5, true).value_or(0));
  d.title = f.text("title", 200, false, true).value_or("");
  d.body = f.text("body", 5000, false, true, true).value_or("");
  f.finish({"rating", "title", "body"}, "invalid review");
  return d;
}

bool is_review_status(std::string_view status) noexcept {
  return status == "pending" || status == "approved" || status == "rejected";
}

std::string parse_moderation(const boost::json::value& body) {
  if (!body.is_object()) throw Error(ErrorKind::bad_request, "request body must be a JSON object");
  const auto* v = body.get_object().if_contains("status");
  if (!v || !v->is_string() || (v->get_string() != "approved" && v->get_string() != "rejected"))
    throw Error(ErrorKind::validation, "invalid moderation", {{"status", "must be approved or rejected"}});
  return std::string(v->get_string());
}

int approved_delta(std::string_view from, std::string_view to) noexcept {
  return (to == "approved" ? 1 : 0) - (from == "approved" ? 1 : 0);
}

std::string to_cursor(const Review& last) {
  return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(last.created_at.time_since_epoch()).count()) +
         "." + last.id;
}

ReviewCursor parse_cursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) throw bad_cursor();
  ReviewCursor c;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + dot, c.created_us);
  if (ec != std::errc{} || p != text.data() + dot) throw bad_cursor();
  // Bound to the instants a timestamp may hold: SQL turns it into one.
  using std::chrono::microseconds;
  if (c.created_us < std::chrono::duration_cast<microseconds>(kEarliestTimestamp.time_since_epoch()).count() ||
      c.created_us >= std::chrono::duration_cast<microseconds>(kTimestampsEnd.time_since_epoch()).count())
    throw bad_cursor();
  c.id = std::string(text.substr(dot + 1));
  if (!is_uuid(c.id)) throw bad_cursor();
  return c;
}

PageRequest parse_page(std::optional<std::string_view> limit, std::optional<std::string_view> cursor) {
  PageRequest page;
  if (limit) {
    const auto [p, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), page.limit);
    if (ec != std::errc{} || p != limit->data() + limit->size() || page.limit < 1 || page.limit > 100)
      throw Error(ErrorKind::bad_request, "invalid limit", {{"limit", "must be between 1 and 100"}});
  }
  if (cursor) page.after = parse_cursor(*cursor);
  return page;
}

}  // namespace agora::catalog
