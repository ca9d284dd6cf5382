#include "domain/review.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>

namespace agora::catalog {
namespace {

// A text field of at most max_chars code points; line breaks and tabs only where they belong
// (a review's body), never other control characters.
std::string read_text(const boost::json::object& o, std::string_view key, std::size_t max_chars, bool multiline,
                      std::vector<FieldError>& errors) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (!v->is_string()) {
    errors.push_back({std::string(key), "must be a string"});
    return "";
  }
  const std::string_view s = v->get_string();
  const auto chars = std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (static_cast<std::size_t>(chars) > max_chars) {
    errors.push_back({std::string(key), "must be at most " + std::to_string(max_chars) + " characters"});
    return "";
  }
  const auto control = [multiline](unsigned char c) {
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) return false;
    return c < 0x20 || c == 0x7F;
  };
  if (std::any_of(s.begin(), s.end(), control)) {
    errors.push_back({std::string(key), "must not contain control characters"});
    return "";
  }
  return std::string(s);
}

Error bad_cursor() { return Error(ErrorKind::bad_request, "invalid cursor", {{"cursor", "is not a cursor from this list"}}); }

}  // namespace

ReviewDraft parse_review(const boost::json::value& body) {
  if (!body.is_object()) throw Error(ErrorKind::bad_request, "request body must be a JSON object");
  const auto& o = body.get_object();
  std::vector<FieldError> errors;
  ReviewDraft d;
  const auto* rating = o.if_contains("rating");
  // Only a JSON integer: "5" and 4.5 are refused rather than coerced.
  if (rating && rating->is_int64() && rating->get_int64() >= 1 && rating->get_int64() <= 5)
    d.rating = static_cast<int>(rating->get_int64());
  else
    errors.push_back({"rating", "must be an integer from 1 to 5"});
  d.title = read_text(o, "title", 200, false, errors);
  d.body = read_text(o, "body", 5000, true, errors);
  for (const auto& [key, _] : o)
    if (key != "rating" && key != "title" && key != "body")
      errors.push_back({std::string(key), "is not a field that can be set here"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid review", std::move(errors));
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

CompletedOrder parse_completed_order(const boost::json::value& payload) {
  const auto malformed = [](std::string why) { return Error(ErrorKind::bad_request, "malformed order.completed: " + why); };
  const auto* o = payload.if_object();
  if (!o) throw malformed("payload is not an object");
  CompletedOrder order;
  const auto* order_id = o->if_contains("order_id");
  if (!order_id || !order_id->is_string() || order_id->get_string().empty()) throw malformed("no order_id");
  order.order_id = std::string(order_id->get_string());
  const auto* user_id = o->if_contains("user_id");
  if (!user_id || !user_id->is_string() || !is_uuid(user_id->get_string())) throw malformed("no user_id");
  order.user_id = std::string(user_id->get_string());
  const auto* lines = o->if_contains("lines");
  if (!lines || !lines->is_array()) throw malformed("no lines");
  for (const auto& line : lines->get_array()) {
    const auto* sku = line.is_object() ? line.get_object().if_contains("sku") : nullptr;
    if (!sku || !sku->is_string()) throw malformed("a line without a sku");
    order.skus.emplace_back(sku->get_string());
  }
  return order;
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
