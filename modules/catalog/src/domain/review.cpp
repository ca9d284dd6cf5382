#include "domain/review.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

#include <algorithm>
#include <charconv>

namespace agora::catalog {
namespace {

Error bad_cursor() {
  return Error(ErrorKind::bad_request, "invalid cursor", {{"cursor", "is not a cursor from this list"}});
}

}  // namespace

bool is_review_status(std::string_view status) noexcept {
  return status == "pending" || status == "approved" || status == "rejected";
}

bool is_moderation_outcome(std::string_view status) noexcept { return status == "approved" || status == "rejected"; }

int approved_delta(std::string_view from, std::string_view to) noexcept {
  return (to == "approved" ? 1 : 0) - (from == "approved" ? 1 : 0);
}

std::string to_cursor(const Review& last) {
  return std::to_string(
             std::chrono::duration_cast<std::chrono::microseconds>(last.created_at.time_since_epoch()).count()) +
         "." + last.id;
}

ReviewCursor parse_cursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) throw bad_cursor();
  long long micros = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + dot, micros);
  if (ec != std::errc{} || p != text.data() + dot) throw bad_cursor();
  // Bound (before it becomes a Timestamp, which could overflow) to the instants a timestamp may hold.
  const std::chrono::microseconds since_epoch(micros);
  if (since_epoch < kEarliestTimestamp.time_since_epoch() || since_epoch >= kTimestampsEnd.time_since_epoch())
    throw bad_cursor();
  ReviewCursor c{Timestamp(since_epoch), std::string(text.substr(dot + 1))};
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
