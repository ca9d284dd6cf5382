#pragma once
// Reviews: what a customer may submit, how moderation moves the rating aggregate, and the
// cursor that pages through a list of reviews.
#include <agora/core/clock.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::catalog {

struct Review {
  std::string id;
  std::string product_id;
  std::string user_id;
  int rating = 0;
  std::string title;
  std::string body;
  std::string status = "pending";  // pending, approved, rejected
  bool verified_purchase = false;
  std::optional<std::string> moderated_by;
  std::optional<Timestamp> moderated_at;
  Timestamp created_at, updated_at;
};

struct ReviewDraft {
  int rating = 0;
  std::string title;
  std::string body;
};

// Throws Error{validation} listing every bad field: rating an integer 1..5 (not "5", not 4.5),
// title at most 200 characters, body at most 5000 (line breaks allowed), no other fields.
ReviewDraft parse_review(const boost::json::value& body);
// {status: approved|rejected}; throws Error{validation} naming status.
std::string parse_moderation(const boost::json::value& body);
bool is_review_status(std::string_view status) noexcept;

// The aggregate of a product's approved reviews.
struct RatingSummary {
  int count = 0;
  long long sum = 0;
  std::array<int, 5> histogram{};  // [0] counts 1-star reviews
  double average() const { return count == 0 ? 0.0 : static_cast<double>(sum) / count; }
};

// How a review's move from one status to another changes the number of approved reviews:
// +1 into approved, -1 out of it, 0 otherwise. Deleting a review is a move to "".
int approved_delta(std::string_view from, std::string_view to) noexcept;


// Lists run newest first; a cursor names the last review of the previous page.
struct ReviewCursor {
  long long created_us = 0;
  std::string id;
};
std::string to_cursor(const Review& last);
// Error{bad_request} naming cursor for anything to_cursor did not make.
ReviewCursor parse_cursor(std::string_view text);

struct PageRequest {
  std::size_t limit = 20;
  std::optional<ReviewCursor> after;
};
// From the query's limit (1..100, default 20) and cursor; Error{bad_request} naming the bad one.
PageRequest parse_page(std::optional<std::string_view> limit, std::optional<std::string_view> cursor);

}  // namespace agora::catalog
