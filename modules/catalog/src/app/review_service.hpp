#pragma once
// Reviews of products: customers submit and delete their own, managers moderate, anyone reads
// the approved ones and the rating; completed orders mark reviews as verified purchases.
#include "domain/review.hpp"

#include <agora/catalog/order_events.hpp>
#include <agora/core/clock.hpp>

#include <functional>
#include <string>
#include <vector>

namespace agora {
class Database;
class Tx;
}  // namespace agora

namespace agora::catalog {

struct ReviewPage {
  std::vector<Review> items;
  std::optional<std::string> next_cursor;  // nullopt on the last page
};

class ReviewService {
 public:
  // on_rating_changed(product_id) runs after the commit of every change to a product's rating.
  ReviewService(Database& db, const Clock& clock, std::function<void(const std::string& product_id)> on_rating_changed);

  // Error{not_found} unless the product is active; Error{validation} for bad fields;
  // Error{conflict} when this user already reviewed this product.
  Review submit(const std::string& user_id, const std::string& product_id, const ReviewDraft& draft);
  // Deletes the user's own review; another user's is Error{not_found}.
  void remove(const std::string& user_id, const std::string& review_id);

  // Public reads of an active product (Error{not_found} otherwise).
  ReviewPage approved(const std::string& product_id, const PageRequest& page);
  RatingSummary rating(const std::string& product_id);

  // Moderation. status: pending, approved or rejected (Error{validation} naming status otherwise).
  ReviewPage with_status(const std::string& status, const PageRequest& page);
  // status: approved or rejected (an outcome parse_moderation read).
  Review moderate(const std::string& moderator_id, const std::string& review_id, const std::string& status);

  // Subscription handler for order_events::Completed: records the purchases and marks the buyer's
  // reviews of those products as verified. Safe to redeliver; a user_id that is not a UUID is an
  // UnreadableEvent (dead-lettered at once).
  void on_order_completed(Tx& tx, const order_events::Completed& order, Timestamp completed_at);

 private:
  // Moves the product's aggregate for r going from its status to `to` ("" when deleted) and
  // schedules on_rating_changed when it moved; returns the aggregate after the move.
  RatingSummary apply_to_rating(Tx& tx, const Review& r, std::string_view to);
  Database& db_;
  const Clock& clock_;
  std::function<void(const std::string&)> on_rating_changed_;
};

}  // namespace agora::catalog
