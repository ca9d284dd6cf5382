#pragma once
// Events the catalog publishes on topic product.events. Key = product id for product and review
// events, category id for category events. Every product payload carries "product_id"; version 1
// of each; a field is only ever added, a change of meaning bumps the version.
#include <string_view>

namespace agora::catalog::events {

inline constexpr std::string_view kTopic = "product.events";
inline constexpr int kVersion = 1;

// {product_id, slug, status, brand, category_id, skus: [..]}
inline constexpr std::string_view kCreated = "product.created";
// {product_id, changed: [field names], skus: [..]}: texts, attributes, images, variants, brand, category
inline constexpr std::string_view kUpdated = "product.updated";
// {product_id, variant_id, sku, prices: [{currency, amount, compare_at, starts_at, ends_at}]}
inline constexpr std::string_view kPriceChanged = "product.price_changed";
// {product_id, from, to}: draft, active, archived
inline constexpr std::string_view kStatusChanged = "product.status_changed";
// {product_id, skus: [..]}
inline constexpr std::string_view kDeleted = "product.deleted";
// {review_id, product_id, user_id, rating, status}
inline constexpr std::string_view kReviewSubmitted = "review.submitted";
// {review_id, product_id, user_id, rating, status, rating_average, rating_count}
inline constexpr std::string_view kReviewModerated = "review.moderated";
// {review_id, product_id, user_id, rating, status, rating_average, rating_count}: the author deleted it
inline constexpr std::string_view kReviewDeleted = "review.deleted";
// {category_id, parent_id, slug, name}; deleted carries {category_id}
inline constexpr std::string_view kCategoryChanged = "category.changed";
inline constexpr std::string_view kCategoryDeleted = "category.deleted";

}  // namespace agora::catalog::events

// What the catalog expects of order events (topic order.events) to mark verified purchases:
// type "order.completed", payload {order_id, user_id, lines: [{sku, quantity}]}.
namespace agora::catalog::order_events {
inline constexpr std::string_view kTopic = "order.events";
inline constexpr std::string_view kCompleted = "order.completed";
}  // namespace agora::catalog::order_events
