#pragma once
// Reviews: what a customer may submit, how moderation moves the rating aggregate, and the
// cursor that pages through a list of reviews.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

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
BOOST_DESCRIBE_STRUCT(Review, (),
                      (id, product_id, user_id, rating, title, body, status, verified_purchase, moderated_by,
                       moderated_at, created_at, updated_at))

// What a customer writes: rating an integer 1..5, title at most 200 characters, body at most 5000
// (line breaks allowed).
inline constexpr int kMinRating = 1;
inline constexpr int kMaxRating = 5;
inline constexpr std::size_t kMaxReviewTitle = 200;
inline constexpr std::size_t kMaxReviewBody = 5000;
struct ReviewDraft {
  int rating = 0;
  std::string title;
  std::string body;
};

bool is_review_status(std::string_view status) noexcept;
// What a moderator may decide: approved or rejected.
bool is_moderation_outcome(std::string_view status) noexcept;

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
  Timestamp created_at;
  std::string id;
};
std::string to_cursor(const Review& last);
// nullopt for anything to_cursor did not make.
std::optional<ReviewCursor> parse_cursor(std::string_view text);

struct PageRequest {
  std::size_t limit = 20;  // 1 to 100
  std::optional<ReviewCursor> after;
};

}  // namespace agora::catalog
