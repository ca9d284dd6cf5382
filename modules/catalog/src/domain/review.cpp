#include "domain/review.hpp"

#include <agora/core/ids.hpp>

#include <algorithm>
#include <charconv>

namespace agora::catalog {

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

std::optional<ReviewCursor> parse_cursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  long long micros = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + dot, micros);
  if (ec != std::errc{} || p != text.data() + dot) return std::nullopt;
  // Bound (before it becomes a Timestamp, which could overflow) to the instants a timestamp may hold.
  const std::chrono::microseconds since_epoch(micros);
  if (since_epoch < kEarliestTimestamp.time_since_epoch() || since_epoch >= kTimestampsEnd.time_since_epoch())
    return std::nullopt;
  ReviewCursor c{Timestamp(since_epoch), std::string(text.substr(dot + 1))};
  if (!is_uuid(c.id)) return std::nullopt;
  return c;
}

}  // namespace agora::catalog
