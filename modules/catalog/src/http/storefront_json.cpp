#include "http/storefront_json.hpp"

#include "http/product_json.hpp"
#include "http/review_json.hpp"

#include <agora/core/json_text.hpp>
#include <boost/json/monotonic_resource.hpp>

#include <cmath>

namespace agora::catalog {
namespace {

boost::json::value money_or_null(const std::optional<Money>& m) { return m ? m->to_json() : boost::json::value(); }
boost::json::value time_or_null(const std::optional<Timestamp>& t) {
  return t ? boost::json::value(to_rfc3339(*t)) : boost::json::value();
}
boost::json::value int_or_null(const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : nullptr; }

// Shoppers see the average to two decimals.
double rounded_average(const RatingSummary& r) { return std::round(r.average() * 100) / 100; }

boost::json::object variant_json(const Variant& v, const ShownPrice& shown) {
  boost::json::value dims;
  if (v.dimensions.length_mm || v.dimensions.width_mm || v.dimensions.height_mm)
    dims = {{"length_mm", int_or_null(v.dimensions.length_mm)},
            {"width_mm", int_or_null(v.dimensions.width_mm)},
            {"height_mm", int_or_null(v.dimensions.height_mm)}};
  return {{"id", v.id},
          {"sku", v.sku},
          {"options", pairs_json(v.options)},
          {"weight_grams", int_or_null(v.dimensions.weight_grams)},
          {"dimensions", std::move(dims)},
          {"price", shown.price.to_json()},
          {"compare_at", money_or_null(shown.compare_at)},
          {"converted", shown.converted},
          {"sale_ends_at", time_or_null(shown.sale_ends_at)}};
}

boost::json::object list_item(const Product& p, const Money& from, std::string_view locale,
                              boost::json::storage_ptr sp) {
  boost::json::object item(sp);
  item.reserve(8);
  item.emplace("id", p.id);
  item.emplace("slug", p.slug);
  item.emplace("title", p.text(locale).title);
  item.emplace("brand", p.brand);
  item.emplace("image", p.images.empty() ? boost::json::value(sp) : boost::json::value(p.images.front().url, sp));
  item.emplace("price_from", boost::json::value(from.to_json(), sp));
  item.emplace("rating", boost::json::object({{"average", rounded_average(p.rating)}, {"count", p.rating.count}}, sp));
  item.emplace("created_at", to_rfc3339(p.created_at));
  return item;
}

}  // namespace

std::string product_page_json(const ProductPage& page) {
  const auto& p = page.product;
  const auto& text = p.texts.at(page.locale);
  boost::json::array variants, locales;
  for (std::size_t i = 0; i < p.variants.size(); ++i) variants.push_back(variant_json(p.variants[i], page.prices[i]));
  for (const auto& [l, _] : p.texts) locales.emplace_back(l);
  auto rating = rating_json(p.rating);
  rating["average"] = rounded_average(p.rating);
  return json_text::serialize(boost::json::object{
      {"id", p.id},
      {"slug", p.slug},
      {"status", p.status},
      {"brand", p.brand},
      {"category_id", p.category_id.empty() ? boost::json::value() : boost::json::value(p.category_id)},
      {"locale", page.locale},
      {"locales", std::move(locales)},
      {"title", text.title},
      {"description", text.description},
      {"attributes", pairs_json(p.attributes)},
      {"images", images_json(p.images)},
      {"price_from", page.price_from.to_json()},
      {"variants", std::move(variants)},
      {"rating", std::move(rating)},
      {"created_at", to_rfc3339(p.created_at)},
      {"updated_at", to_rfc3339(p.updated_at)}});
}

std::string listing_json(const ListingIndex::Page& page, const ListingQuery& q) {
  // The page is built in a buffer on the stack and serialized: a listing is a few hundred small values.
  unsigned char stack[32 * 1024];
  boost::json::monotonic_resource buffer(stack, sizeof stack);
  boost::json::storage_ptr sp(&buffer);
  boost::json::array items(sp);
  items.reserve(page.items.size());
  for (const auto& [product, price] : page.items)
    items.push_back(list_item(*product, Money(price, q.currency), q.locale, sp));
  boost::json::object body(sp);
  body.emplace("items", std::move(items));
  body.emplace("next_cursor",
               page.next_cursor.empty() ? boost::json::value(sp) : boost::json::value(page.next_cursor, sp));
  return json_text::serialize(body);
}

}  // namespace agora::catalog
