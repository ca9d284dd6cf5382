#include "http/search_json.hpp"

#include "domain/languages.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/money.hpp>
#include <boost/json.hpp>

#include <cmath>

namespace agora::search {
namespace {

boost::json::value money_or_null(const std::optional<std::int64_t>& amount, const std::string& currency) {
  return amount ? Money(*amount, currency).to_json() : boost::json::value();
}

boost::json::object item_json(const SearchItem& item, const SearchResult& r) {
  const auto& p = *item.product;
  return {{"id", p.id},
          {"slug", p.slug},
          {"title", text_in(p, r.locale).title},
          {"brand", p.brand},
          {"image", p.image_url.empty() ? boost::json::value() : boost::json::value(p.image_url)},
          {"price_from", money_or_null(item.price, r.currency)},
          {"rating", {{"average", std::round(p.rating_average * 100) / 100}, {"count", p.rating_count}}},
          {"created_at", to_rfc3339(p.created_at)}};
}

boost::json::array values_json(const std::vector<FacetValue>& values) {
  boost::json::array out;
  for (const auto& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

}  // namespace

std::string search_json(const SearchResult& r, const std::string& query_id) {
  boost::json::array items;
  for (const auto& item : r.items) items.push_back(item_json(item, r));
  boost::json::object facets;
  if (r.brands) facets["brand"] = values_json(*r.brands);
  if (r.categories) {
    boost::json::array categories;
    for (const auto& v : *r.categories)
      categories.push_back({{"id", v.value},
                            {"slug", v.category ? v.category->slug : ""},
                            {"name", v.category ? v.category->name : ""},
                            {"count", v.count}});
    facets["category"] = std::move(categories);
  }
  if (r.prices) {
    boost::json::array buckets;
    for (const auto& b : *r.prices)
      buckets.push_back(
          {{"from", money_or_null(b.from, r.currency)}, {"to", money_or_null(b.to, r.currency)}, {"count", b.count}});
    facets["price"] = std::move(buckets);
  }
  if (r.attributes) {
    boost::json::object attributes;
    for (const auto& a : *r.attributes) attributes[a.name] = values_json(a.values);
    facets["attributes"] = std::move(attributes);
  }
  return json_text::serialize(boost::json::object{
      {"query_id", query_id},
      {"locale", r.locale},
      {"currency", r.currency},
      {"items", std::move(items)},
      {"total", r.total},
      {"next_cursor", r.next_cursor.empty() ? boost::json::value() : boost::json::value(r.next_cursor)},
      {"corrected_query", r.corrected_query ? boost::json::value(*r.corrected_query) : boost::json::value()},
      {"facets", std::move(facets)}});
}

std::string printable(std::string text) {
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

std::string filters_json(const SearchRequest& q) {
  boost::json::object f;
  if (!q.currency.empty()) f["currency"] = q.currency;
  if (q.category_id) f["category"] = *q.category_id;
  if (!q.brands.empty()) {
    boost::json::array brands;
    for (const auto& b : q.brands) brands.emplace_back(printable(b));
    f["brand"] = std::move(brands);
  }
  for (const auto& [name, value] : q.attributes) {
    auto& values = f[printable("attr." + name)];
    if (!values.is_array()) values = boost::json::array();
    values.as_array().push_back(boost::json::value(printable(value)));
  }
  if (q.min_price) f["min_price"] = *q.min_price;
  if (q.max_price) f["max_price"] = *q.max_price;
  if (q.in_stock) f["in_stock"] = true;
  if (!q.facets.empty()) f["facets"] = boost::json::value_from(q.facets);
  static constexpr const char* kSorts[] = {"relevance", "newest", "price", "-price", "rating"};
  f["sort"] = kSorts[static_cast<int>(q.sort)];
  return json_text::serialize(f);
}

boost::json::value suggestions_json(const std::vector<Phrase>& phrases) {
  boost::json::array out;
  for (const auto& p : phrases) {
    boost::json::object s{{"text", p.text}, {"kind", p.kind}};
    if (!p.ref.empty()) s["id"] = p.ref;
    out.push_back(std::move(s));
  }
  return {{"suggestions", std::move(out)}};
}

boost::json::value reports_json(const std::vector<QueryReport>& rows) {
  boost::json::array items;
  for (const auto& r : rows)
    items.push_back(
        {{"query", r.query},
         {"searches", r.searches},
         {"average_results", std::round(r.average_results * 100) / 100},
         {"clicked_searches", r.clicked_searches},
         {"clicks", r.clicks},
         {"click_through", r.searches ? std::round(10000.0 * r.clicked_searches / r.searches) / 10000 : 0.0},
         {"average_click_position", std::round(r.average_position * 100) / 100},
         {"last_searched_at", to_rfc3339(r.last_searched_at)}});
  return {{"items", std::move(items)}};
}

boost::json::value synonyms_json(const SynonymGroups& s) {
  boost::json::array groups;
  for (const auto& g : s.groups) groups.push_back(boost::json::value_from(g));
  return {{"locale", s.locale},
          {"groups", std::move(groups)},
          {"updated_at", s.updated_at ? boost::json::value(to_rfc3339(*s.updated_at)) : boost::json::value()}};
}

Click parse_click(const boost::json::value& body, Timestamp now) {
  Fields f(body);
  Click c{.clicked_at = now};
  for (auto [name, out] : {std::pair{"query_id", &c.query_id}, std::pair{"product_id", &c.product_id}}) {
    const auto* v = f.raw(name);
    if (v && v->is_string() && is_uuid(v->get_string()))
      *out = std::string(v->get_string());
    else
      f.fail(name, "must be the id (a UUID) the search returned");
  }
  c.position = f.integer("position", 1, 10000, true).value_or(0);
  f.finish({"query_id", "product_id", "position"}, "the click is not valid");
  return c;
}

Synonyms parse_synonyms(const boost::json::value& body) {
  Fields f(body);
  Synonyms out;
  const auto* groups = f.raw("groups");
  if (!groups || !groups->is_array()) f.fail("groups", "must be an array of groups, each an array of words or phrases");
  for (std::size_t i = 0; groups && groups->is_array() && i < groups->get_array().size(); ++i) {
    const auto field = "groups[" + std::to_string(i) + "]";
    const auto& group = groups->get_array()[i];
    if (!group.is_array()) {
      f.fail(field, "must be an array of words or phrases");
      continue;
    }
    auto& words = out.emplace_back();
    for (std::size_t j = 0; j < group.get_array().size(); ++j) {
      const auto& w = group.get_array()[j];
      if (w.is_string())
        words.emplace_back(w.get_string());
      else
        f.fail(field + "[" + std::to_string(j) + "]", "must be a word or phrase (a string)");
    }
  }
  f.finish({"groups"}, "the synonyms are not valid");
  return out;
}

}  // namespace agora::search
