#pragma once
// Events the catalog publishes on topic product.events, one struct each (see TypedEvent in
// agora/core/events.hpp); publish with tx.publish(events::Created{...}). Key = product id for
// product and review events, category id for category events. A field is only ever added to a
// version; a change of meaning is a new version. The README's event tables are made from this file
// by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::catalog::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "product.events";

// A product was added (by a create or an import).
struct Created {
  static constexpr EventName kName{kTopic, "product.created", 1};
  std::string product_id;
  std::string slug;
  std::string status;  // draft, active, archived
  std::string brand;
  std::string category_id;  // "" when in no category
  std::vector<std::string> skus;
  std::string tax_category;  // standard, reduced, zero
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(Created, (), (product_id, slug, status, brand, category_id, skus, tax_category))

// Texts, attributes, images, variants, brand, category or tax category changed.
struct Updated {
  static constexpr EventName kName{kTopic, "product.updated", 1};
  std::string product_id;
  std::vector<std::string> changed;  // names of the changed fields
  std::vector<std::string> skus;
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(Updated, (), (product_id, changed, skus))

// One price of a variant in one currency, in minor units.
struct VariantPrice {
  std::string currency;
  std::int64_t amount = 0;
  std::optional<std::int64_t> compare_at;
  std::optional<Timestamp> starts_at;  // a sale price's window
  std::optional<Timestamp> ends_at;
};
BOOST_DESCRIBE_STRUCT(VariantPrice, (), (currency, amount, compare_at, starts_at, ends_at))

// A variant's prices were replaced.
struct PriceChanged {
  static constexpr EventName kName{kTopic, "product.price_changed", 1};
  std::string product_id;
  std::string variant_id;
  std::string sku;
  std::vector<VariantPrice> prices;
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(PriceChanged, (), (product_id, variant_id, sku, prices))

// A product moved between draft, active and archived.
struct StatusChanged {
  static constexpr EventName kName{kTopic, "product.status_changed", 1};
  std::string product_id;
  std::string from;
  std::string to;
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(StatusChanged, (), (product_id, from, to))

// A product was deleted with its variants.
struct Deleted {
  static constexpr EventName kName{kTopic, "product.deleted", 1};
  std::string product_id;
  std::vector<std::string> skus;
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(Deleted, (), (product_id, skus))

// A customer reviewed a product; the review waits for moderation.
struct ReviewSubmitted {
  static constexpr EventName kName{kTopic, "review.submitted", 1};
  std::string review_id;
  std::string product_id;
  std::string user_id;
  int rating = 0;      // 1 to 5
  std::string status;  // pending, approved, rejected
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(ReviewSubmitted, (), (review_id, product_id, user_id, rating, status))

// A review was approved or rejected; the product's rating after it.
struct ReviewModerated {
  static constexpr EventName kName{kTopic, "review.moderated", 1};
  std::string review_id;
  std::string product_id;
  std::string user_id;
  int rating = 0;             // 1 to 5
  std::string status;         // pending, approved, rejected
  double rating_average = 0;  // over the product's approved reviews
  int rating_count = 0;
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(ReviewModerated, (),
                      (review_id, product_id, user_id, rating, status, rating_average, rating_count))

// The author deleted a review; the product's rating after it.
struct ReviewDeleted {
  static constexpr EventName kName{kTopic, "review.deleted", 1};
  std::string review_id;
  std::string product_id;
  std::string user_id;
  int rating = 0;             // 1 to 5
  std::string status;         // what it was: pending, approved, rejected
  double rating_average = 0;  // over the product's approved reviews
  int rating_count = 0;
  std::string key() const { return product_id; }
};
BOOST_DESCRIBE_STRUCT(ReviewDeleted, (), (review_id, product_id, user_id, rating, status, rating_average, rating_count))

// A category was created, renamed or moved.
struct CategoryChanged {
  static constexpr EventName kName{kTopic, "category.changed", 1};
  std::string category_id;
  std::optional<std::string> parent_id;  // null for a root
  std::string slug;
  std::string name;
  std::string key() const { return category_id; }
};
BOOST_DESCRIBE_STRUCT(CategoryChanged, (), (category_id, parent_id, slug, name))

// An empty category was deleted.
struct CategoryDeleted {
  static constexpr EventName kName{kTopic, "category.deleted", 1};
  std::string category_id;
  std::string key() const { return category_id; }
};
BOOST_DESCRIBE_STRUCT(CategoryDeleted, (), (category_id))

}  // namespace agora::catalog::events
