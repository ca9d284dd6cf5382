#include "app/admin_view.hpp"

namespace agora::catalog {
namespace {

boost::json::object pairs_json(const Pairs& pairs) {
  boost::json::object o;
  for (const auto& [k, v] : pairs) o[k] = v;
  return o;
}

boost::json::object variant_json(const Variant& v) {
  boost::json::object o{{"id", v.id}, {"sku", v.sku}, {"options", pairs_json(v.options)}};
  const auto& d = v.dimensions;
  if (d.weight_grams) o["weight_grams"] = *d.weight_grams;
  if (d.length_mm || d.width_mm || d.height_mm) {
    boost::json::object dims;
    if (d.length_mm) dims["length_mm"] = *d.length_mm;
    if (d.width_mm) dims["width_mm"] = *d.width_mm;
    if (d.height_mm) dims["height_mm"] = *d.height_mm;
    o["dimensions"] = std::move(dims);
  }
  boost::json::array prices;
  for (const auto& p : v.prices) prices.push_back(price_view(p));
  o["prices"] = std::move(prices);
  return o;
}

}  // namespace

boost::json::object price_view(const Price& p) {
  boost::json::object o{{"currency", p.currency}, {"amount", p.amount}};
  if (p.compare_at) o["compare_at"] = *p.compare_at;
  if (p.starts_at) o["starts_at"] = to_rfc3339(*p.starts_at);
  if (p.ends_at) o["ends_at"] = to_rfc3339(*p.ends_at);
  return o;
}

boost::json::object admin_view(const Product& p) {
  boost::json::object texts;
  for (const auto& [locale, t] : p.texts) texts[locale] = {{"title", t.title}, {"description", t.description}};
  boost::json::array images, variants;
  for (const auto& i : p.images) images.push_back({{"url", i.url}, {"alt", i.alt}});
  for (const auto& v : p.variants) variants.push_back(variant_json(v));
  return {{"id", p.id},
          {"slug", p.slug},
          {"status", p.status},
          {"brand", p.brand},
          {"category_id", p.category_id.empty() ? boost::json::value() : boost::json::value(p.category_id)},
          {"attributes", pairs_json(p.attributes)},
          {"images", std::move(images)},
          {"default_locale", p.default_locale},
          {"texts", std::move(texts)},
          {"variants", std::move(variants)},
          {"revision", p.revision},
          {"created_at", to_rfc3339(p.created_at)},
          {"updated_at", to_rfc3339(p.updated_at)}};
}

}  // namespace agora::catalog
