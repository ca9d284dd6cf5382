#include "app/storefront.hpp"

#include <fmt/format.h>
#include <agora/core/error.hpp>

#include <algorithm>

namespace agora::catalog {
namespace {

// "currency|locale" in a caller's buffer: no allocation on the cached path.
std::string_view variant_key(char (&buf)[64], std::string_view currency, std::string_view locale) {
  const auto n = fmt::format_to_n(buf, sizeof buf, "{}|{}", currency, locale).size;
  return {buf, std::min(n, sizeof buf)};
}

std::string etag_of(std::string_view body) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ULL;
  return fmt::format("\"{:016x}\"", h);
}

}  // namespace

Storefront::Storefront(ProductCache& products, CategoryPaths categories, fx::Api& fx, const Clock& clock,
                       StorefrontOptions options, PageWriter write_page)
    : products_(products),
      categories_(std::move(categories)),
      fx_(fx),
      clock_(clock),
      options_(std::move(options)),
      write_page_(std::move(write_page)),
      listings_([this](const Product& p, const std::string& currency, Timestamp now,
                       Conversions& memo) { return lowest_price(p, currency, now, memo); },
                clock) {}

ShownPrice Storefront::price_of(const Variant& v, std::string_view currency, Timestamp now) {
  if (auto offer = explicit_offer(v, currency, now)) {
    std::optional<Money> was;
    if (offer->compare_at) was = Money(*offer->compare_at, currency);
    return {Money(offer->amount, currency), was, false, offer->ends_at};
  }
  const auto base = explicit_offer(v, options_.base_currency, now);
  if (!base) throw Error(ErrorKind::internal, "variant " + v.sku + " has no price in the base currency");
  std::optional<Money> was;
  if (base->compare_at) was = converted(*base->compare_at, currency);
  return {converted(base->amount, currency), was, true, base->ends_at};
}

Money Storefront::converted(std::int64_t base_amount, std::string_view currency) {
  try {
    return fx_.convert(Money(base_amount, options_.base_currency), currency);
  } catch (const fx::NoRate& e) {
    if (e.currency() != currency)
      throw Error(ErrorKind::unavailable,
                  "prices cannot be converted: no exchange rate is known for the base currency " + e.currency());
    throw Error(ErrorKind::validation, "no exchange rate is known for " + std::string(currency),
                {{"currency", "has no exchange rate; prices are shown in " + options_.base_currency +
                                  " and currencies with a rate"}});
  }
}

std::int64_t Storefront::lowest_price(const Product& p, const std::string& currency, Timestamp now, Conversions& memo) {
  std::optional<std::int64_t> low;
  for (const auto& v : p.variants) {
    std::int64_t amount;
    if (auto offer = explicit_offer(v, currency, now)) {
      amount = offer->amount;
    } else {
      const auto base = explicit_offer(v, options_.base_currency, now);
      if (!base) throw Error(ErrorKind::internal, "variant " + v.sku + " has no price in the base currency");
      auto [it, fresh] = memo.try_emplace(base->amount, 0);
      if (fresh) it->second = converted(base->amount, currency).minor();
      amount = it->second;
    }
    if (!low || amount < *low) low = amount;
  }
  return *low;
}

std::shared_ptr<const RenderedPage> Storefront::cached_page(std::string_view id, std::string_view currency,
                                                            std::string_view locale) const {
  char buf[64];
  const auto key = variant_key(buf, currency, locale);
  std::shared_lock lock(pages_mutex_);
  const auto it = pages_.find(id);
  if (it == pages_.end()) return nullptr;
  for (const auto& [variant, page] : it->second)
    if (variant == key) return page->expires <= clock_.now() ? nullptr : page;
  return nullptr;
}

std::shared_ptr<const RenderedPage> Storefront::render_page(std::string_view id, std::string_view currency,
                                                            std::string_view locale) {
  const auto product = products_.by_id(id);
  if (!product || product->status != kActive)
    throw Error(ErrorKind::not_found, "no product with id " + std::string(id));
  const auto now = clock_.now();
  auto expires = now + options_.page_ttl;
  if (const auto change = next_price_change(*product, now)) expires = std::min(expires, *change);
  std::vector<ShownPrice> prices;
  for (const auto& v : product->variants) prices.push_back(price_of(v, currency, now));
  auto from = std::min_element(prices.begin(), prices.end(), [](const auto& a, const auto& b) {
                return a.price < b.price;
              })->price;
  auto body = write_page_(ProductPage{*product, product->resolve_locale(locale), std::move(prices), std::move(from)});
  auto page = std::make_shared<const RenderedPage>(RenderedPage{body, etag_of(body), expires});
  char buf[64];
  const auto key = variant_key(buf, currency, locale);
  std::unique_lock lock(pages_mutex_);
  if (page_count_ >= options_.max_pages) {
    pages_.clear();
    page_count_ = 0;
  }
  auto& variants = pages_[std::string(id)];
  const auto same = std::find_if(variants.begin(), variants.end(), [&](const auto& v) { return v.first == key; });
  if (same != variants.end()) {
    same->second = page;
  } else {
    variants.emplace_back(std::string(key), page);
    ++page_count_;
  }
  return page;
}

std::string Storefront::id_for_slug(std::string_view slug) const {
  const auto p = products_.by_slug(slug);
  return p && p->status == kActive ? p->id : std::string();
}

void Storefront::forget_pages(const std::string& product_id) {
  std::unique_lock lock(pages_mutex_);
  const auto it = pages_.find(product_id);
  if (it == pages_.end()) return;
  page_count_ -= it->second.size();
  pages_.erase(it);
}

void Storefront::forget_all_pages() {
  std::unique_lock lock(pages_mutex_);
  pages_.clear();
  page_count_ = 0;
}

void Storefront::refreshed(const std::vector<std::string>& ids, const std::vector<ProductCache::Ptr>& current) {
  listings_.update(ids, current);
  for (const auto& id : ids) forget_pages(id);
  tell({.product_ids = ids});
}

void Storefront::reloaded(const std::vector<ProductCache::Ptr>& all) {
  listings_.reload(all);
  forget_all_pages();
  tell({.all = true});
}

void Storefront::rates_changed() {
  listings_.rates_changed();
  forget_all_pages();
  tell({.all = true});
}

void Storefront::categories_changed() { tell({.categories = true}); }

void Storefront::tell(const CatalogChange& change) const {
  for (const auto& listener : listeners_) listener(change);
}

void Storefront::on_change(std::function<void(const CatalogChange&)> listener) {
  listeners_.push_back(std::move(listener));
}

ListingIndex::Page Storefront::list(const ListingQuery& q) {
  std::optional<ListingIndex::Categories> categories;
  if (q.category_id) {
    categories.emplace();
    for (auto& c : categories_.below(*q.category_id)) categories->insert(std::move(c));
  }
  return listings_.list(q, categories);
}

std::vector<std::string> Storefront::category_path(const std::string& category_id) const {
  if (category_id.empty()) return {};
  auto path = categories_.above(category_id);
  if (path.empty()) path.push_back(category_id);
  return path;
}

std::optional<VariantOffer> Storefront::variant_by_sku(std::string_view sku, std::string_view currency,
                                                       std::string_view locale) {
  if (!find_currency(currency))
    throw Error(ErrorKind::validation, "unknown currency", {{"currency", "must be an ISO 4217 currency code"}});
  const auto p = products_.by_sku(sku);
  if (!p) return std::nullopt;
  for (const auto& v : p->variants) {
    if (v.sku != sku) continue;
    auto shown = price_of(v, currency, clock_.now());
    return VariantOffer{
        p->id,
        v.id,
        v.sku,
        p->text(locale).title,
        p->status,
        shown.price,
        shown.compare_at,
        shown.converted,
        v.dimensions.weight_grams ? std::optional<int>(static_cast<int>(*v.dimensions.weight_grams)) : std::nullopt,
        v.options,
        p->images.empty() ? std::string() : p->images.front().url,
        category_path(p->category_id),
        p->tax_category};
  }
  return std::nullopt;
}

std::optional<ProductSummary> Storefront::product_summary(std::string_view product_id, std::string_view locale) {
  const auto p = products_.by_id(product_id);
  if (!p) return std::nullopt;
  return ProductSummary{
      p->id, p->slug, p->status, p->brand, p->text(locale).title, p->skus(), p->rating.average(), p->rating.count};
}

std::vector<KnownSku> Storefront::known_skus(const std::vector<std::string>& skus) {
  std::vector<KnownSku> out;
  for (const auto& sku : skus) {
    const auto p = products_.by_sku(sku);
    const bool seen = std::any_of(out.begin(), out.end(), [&](const KnownSku& k) { return k.sku == sku; });
    if (p && !seen) out.push_back({sku, p->status == kActive});
  }
  return out;
}

std::vector<ProductDocument> Storefront::product_documents(const std::vector<std::string>& ids) {
  std::vector<ProductDocument> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    const auto p = products_.by_id(id);
    if (!p) continue;
    ProductDocument d{.id = p->id,
                      .slug = p->slug,
                      .status = p->status,
                      .brand = p->brand,
                      .category_id = p->category_id,
                      .default_locale = p->default_locale,
                      .attributes = p->attributes,
                      .skus = p->skus(),
                      .image_url = p->images.empty() ? std::string() : p->images.front().url,
                      .rating_average = p->rating.average(),
                      .rating_count = p->rating.count,
                      .revision = p->revision,
                      .created_at = p->created_at};
    for (const auto& v : p->variants)
      for (const auto& option : v.options)
        if (std::find(d.options.begin(), d.options.end(), option) == d.options.end()) d.options.push_back(option);
    d.texts.reserve(p->texts.size());
    const auto& first = p->texts.at(p->default_locale);
    d.texts.push_back({p->default_locale, first.title, first.description});
    for (const auto& [locale, text] : p->texts)
      if (locale != p->default_locale) d.texts.push_back({locale, text.title, text.description});
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> Storefront::product_revisions() { return products_.revisions(); }

std::vector<CategoryNode> Storefront::categories() { return categories_.all(); }

std::vector<std::optional<std::int64_t>> Storefront::listing_prices(const std::vector<std::string>& product_ids,
                                                                    std::string_view currency) {
  return listings_.prices(product_ids, std::string(currency));
}

}  // namespace agora::catalog
