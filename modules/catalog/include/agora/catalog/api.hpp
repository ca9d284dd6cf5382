#pragma once
// catalog::Api: what other modules may ask the catalog (platform.services.get<catalog::Api>()).
#include <agora/core/clock.hpp>
#include <agora/core/money.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agora::catalog {

// A variant as a cart or order sees it: its price now, in one currency, and what a cart line shows.
struct VariantOffer {
  std::string product_id;
  std::string variant_id;
  std::string sku;
  std::string title;   // the product title in the asked locale, else its language, else the default locale
  std::string status;  // the product's: draft, active, archived
  Money price;
  std::optional<Money> compare_at;
  bool converted = false;  // no explicit price in this currency: converted from the base currency
  std::optional<int> weight_grams;
  std::vector<std::pair<std::string, std::string>> options;  // the variant's, by name: {"size", "M"}
  std::string image_url;                                     // the product's first image; "" when none
  // The product's category, then its parent and so on up to a root (a discount limited to
  // "clothing" applies to a product in "clothing/shirts"); empty when the product is in none.
  std::vector<std::string> category_ids;
  std::string tax_category;  // standard, reduced or zero
};

struct ProductSummary {
  std::string id;
  std::string slug;
  std::string status;
  std::string brand;
  std::string title;  // in the asked locale, else the product's default locale
  std::vector<std::string> skus;
  double rating_average = 0;
  int rating_count = 0;
};

// A product's texts in one locale.
struct LocalizedText {
  std::string locale;
  std::string title;
  std::string description;
};

// A product as a search index reads it: every text, and what filters, facets and sorts read.
struct ProductDocument {
  std::string id;
  std::string slug;
  std::string status;  // draft, active, archived
  std::string brand;
  std::string category_id;  // "" when in no category
  std::string default_locale;
  std::vector<LocalizedText> texts;                             // the default locale's first
  std::vector<std::pair<std::string, std::string>> attributes;  // by name
  std::vector<std::pair<std::string, std::string>> options;     // its variants' (size M, size L, ...), each once
  std::vector<std::string> skus;
  std::string image_url;  // the first image; "" when none
  double rating_average = 0;
  int rating_count = 0;
  std::int64_t revision = 0;  // grows with every change of the product
  Timestamp created_at;
};

// A category as the tree holds it.
struct CategoryNode {
  std::string id;
  std::optional<std::string> parent_id;  // nullopt: a root
  std::string slug;
  std::string name;
};

// What changed in the catalog's memory: these products, the category tree, or everything.
struct CatalogChange {
  std::vector<std::string> product_ids;
  bool categories = false;
  bool all = false;  // reloaded, or exchange rates changed (every price may differ)
};

// A SKU the catalog knows, and whether it is for sale now (its product is active, not a draft or archived).
struct KnownSku {
  std::string sku;
  bool sellable = false;
};

class Api {
 public:
  static constexpr std::string_view kModule = "catalog";  // the module that provides it
  virtual ~Api() = default;
  // nullopt for an unknown SKU; the title in `locale` (none: the default locale). Throws Error{validation} naming
  // `currency` for a currency that is not ISO 4217 or has no exchange rate while the price needs a conversion;
  // Error{unavailable} when no exchange rate is known at all.
  virtual std::optional<VariantOffer> variant_by_sku(std::string_view sku, std::string_view currency,
                                                     std::string_view locale = {}) = 0;
  virtual std::optional<ProductSummary> product_summary(std::string_view product_id, std::string_view locale = {}) = 0;
  // Those of `skus` the catalog knows, in the order asked, once each; from memory (no I/O).
  virtual std::vector<KnownSku> known_skus(const std::vector<std::string>& skus) = 0;

  virtual std::string base_currency() = 0;  // every variant has a regular price in it

  // From memory: the documents of those of `ids` that exist (any status), in no particular order.
  virtual std::vector<ProductDocument> product_documents(const std::vector<std::string>& ids) = 0;
  // Every product's id and revision (a revision grows with every change of its product).
  virtual std::vector<std::pair<std::string, std::int64_t>> product_revisions() = 0;
  virtual std::vector<CategoryNode> categories() = 0;  // the whole tree
  // The lowest price of each of `product_ids` in `currency` as listings show it (nullopt: not
  // listed, e.g. not active). Throws as listings do for a currency without an exchange rate.
  virtual std::vector<std::optional<std::int64_t>> listing_prices(const std::vector<std::string>& product_ids,
                                                                  std::string_view currency) = 0;
  // `listener` hears each change once the catalog's memory (and so every answer above) holds it,
  // on the thread that made it; keep it short. Before the platform starts.
  virtual void on_change(std::function<void(const CatalogChange&)> listener) = 0;
};

}  // namespace agora::catalog
