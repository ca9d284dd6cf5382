#pragma once
// The storefront's reads: product pages in a currency and locale (rendered once, then served
// from memory with an ETag), filtered and sorted listings, and catalog::Api for other modules.
// What a page or listing shows is computed here; its JSON is shaped in http/storefront_json.
#include "app/listing_index.hpp"
#include "app/product_cache.hpp"
#include "domain/listing.hpp"

#include <agora/catalog/api.hpp>
#include <agora/core/clock.hpp>
#include <agora/fx/api.hpp>

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace agora::catalog {

// A product page as sent: the JSON body and its ETag, good until `expires` (a sale starting or
// ending) unless the product or the exchange rates change first.
struct RenderedPage {
  std::string body;
  std::string etag;
  Timestamp expires;
};

// A variant's price as a shopper sees it in a currency.
struct ShownPrice {
  Money price;
  std::optional<Money> compare_at;
  bool converted = false;  // from the base currency: the variant has no price of its own in this one
  std::optional<Timestamp> sale_ends_at;
};

// What a product page shows in a currency and locale, before it is shaped into a body.
struct ProductPage {
  const Product& product;
  const std::string& locale;       // the locale shown (Product::resolve_locale)
  std::vector<ShownPrice> prices;  // one per variant, in order
  Money price_from;                // the lowest of them
};
// The body of a product page (its ETag is computed from it).
using PageWriter = std::function<std::string(const ProductPage&)>;

struct StorefrontOptions {
  std::string base_currency;
  std::string default_locale;
  std::size_t max_pages = 100000;      // rendered pages kept; more clears them all
  std::chrono::seconds page_ttl{300};  // a bound on any page's age
};

// Categories related to one, from the category tree in memory ([] when the id is unknown).
using CategoryScope = std::function<std::vector<std::string>(const std::string& category_id)>;
struct CategoryPaths {
  CategoryScope below;  // the category and its descendants: what a listing's category filter covers
  CategoryScope above;  // the category and its ancestors, nearest first: what catalog::Api tells a cart
  std::function<std::vector<CategoryNode>()> all;  // the whole tree
};

class Storefront final : public Api {
 public:
  Storefront(ProductCache& products, CategoryPaths categories, fx::Api& fx, const Clock& clock,
             StorefrontOptions options, PageWriter write_page);

  // From memory only: null when the page must be rendered first.
  std::shared_ptr<const RenderedPage> cached_page(std::string_view product_id, std::string_view currency,
                                                  std::string_view locale) const;
  // Renders (converting prices, which may read exchange rates) and keeps the page.
  // Error{not_found} for an unknown or unpublished product.
  std::shared_ptr<const RenderedPage> render_page(std::string_view product_id, std::string_view currency,
                                                  std::string_view locale);
  std::string id_for_slug(std::string_view slug) const;  // "" when unknown or unpublished

  // A page of the listing: products with their lowest price in the query's currency.
  ListingIndex::Page list(const ListingQuery& query);

  // What the read model heard (ProductCache's listeners), and exchange rates changing: drops the
  // pages and listing prices these make stale.
  void refreshed(const std::vector<std::string>& ids, const std::vector<ProductCache::Ptr>& current);
  void reloaded(const std::vector<ProductCache::Ptr>& all);
  void rates_changed();
  void categories_changed();  // the tree in memory was read again

  std::optional<VariantOffer> variant_by_sku(std::string_view sku, std::string_view currency,
                                             std::string_view locale) override;
  std::optional<ProductSummary> product_summary(std::string_view product_id, std::string_view locale) override;
  std::vector<KnownSku> known_skus(const std::vector<std::string>& skus) override;
  std::string base_currency() override { return options_.base_currency; }
  std::vector<ProductDocument> product_documents(const std::vector<std::string>& ids) override;
  std::vector<std::pair<std::string, std::int64_t>> product_revisions() override;
  std::vector<CategoryNode> categories() override;
  std::vector<std::optional<std::int64_t>> listing_prices(const std::vector<std::string>& product_ids,
                                                          std::string_view currency) override;
  void on_change(std::function<void(const CatalogChange&)> listener) override;

 private:
  ShownPrice price_of(const Variant& v, std::string_view currency, Timestamp now);
  // A base-currency amount in `currency`. No rate for `currency` is the caller's choice
  // (Error{validation} naming `currency`); none for the base currency is Agora's (Error{unavailable}).
  Money converted(std::int64_t base_amount, std::string_view currency);
  // The lowest variant price in minor units of `currency` (ListingIndex::Pricer).
  std::int64_t lowest_price(const Product& p, const std::string& currency, Timestamp now, Conversions& memo);
  // The category and its ancestors; a category newer than the tree in memory is itself alone.
  std::vector<std::string> category_path(const std::string& category_id) const;
  void forget_pages(const std::string& product_id);
  void forget_all_pages();
  void tell(const CatalogChange& change) const;

  ProductCache& products_;
  CategoryPaths categories_;
  fx::Api& fx_;
  const Clock& clock_;
  StorefrontOptions options_;
  PageWriter write_page_;
  ListingIndex listings_;
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const noexcept { return std::hash<std::string_view>{}(id); }
  };
  using Variants = std::vector<std::pair<std::string, std::shared_ptr<const RenderedPage>>>;  // "currency|locale"
  mutable std::shared_mutex pages_mutex_;
  std::unordered_map<std::string, Variants, IdHash, std::equal_to<>> pages_;  // by product id
  std::size_t page_count_ = 0;
  std::vector<std::function<void(const CatalogChange&)>> listeners_;  // fixed before the platform starts
};

}  // namespace agora::catalog
