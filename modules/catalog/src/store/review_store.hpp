#pragma once
// SOCI statements for catalog.reviews, catalog.rating_stats and catalog.purchases.
#include "domain/review.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::catalog::review_store {

// Held by a review submission and by the recording of a purchase of the same user until the
// transaction ends: otherwise a review written while the order completes would see no purchase,
// and the purchase would see no review, and the review would never be marked verified.
void lock_buyer(soci::session& sql, const std::string& user_id);

// The product's status (draft, active, archived), nullopt when there is no such product.
std::optional<std::string> product_status(soci::session& sql, const std::string& product_id);

// Inserts r, marking it a verified purchase when the user bought the product; returns the stored
// review, or nullopt when this user already reviewed this product.
std::optional<Review> insert(soci::session& sql, const Review& r);
std::optional<Review> by_id(soci::session& sql, const std::string& id, bool for_update = false);
void set_status(soci::session& sql, const Review& r);  // status, moderated_by, moderated_at, updated_at
void remove(soci::session& sql, const std::string& id);

// Newest first, after page.after.
std::vector<Review> approved_of_product(soci::session& sql, const std::string& product_id, const PageRequest& page);
std::vector<Review> with_status(soci::session& sql, const std::string& status, const PageRequest& page);

// Adds (delta = 1) or removes (delta = -1) one approved review with this rating to the aggregate.
void count_rating(soci::session& sql, const std::string& product_id, int rating, int delta);
// nullopt when no review of the product was ever approved.
std::optional<RatingSummary> rating(soci::session& sql, const std::string& product_id);

// Records that the user bought the products of these SKUs (unknown SKUs are skipped, known
// purchases kept) and marks the user's reviews of any product they bought as verified.
void record_purchases(soci::session& sql, const std::string& user_id, const std::string& order_id,
                      const std::vector<std::string>& skus, Timestamp bought_at);

}  // namespace agora::catalog::review_store
