#include "http/search_json.hpp"

#include "domain/languages.hpp"

#include <agora/core/error.hpp>
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
  const auto* obj = body.if_object();
  if (!obj) throw Error(ErrorKind::bad_request, "the body must be a JSON object");
  Click c{.clicked_at = now};
  std::vector<FieldError> errors;
  const auto id = [&](const char* name, std::string& out) {
    const auto* v = obj->if_contains(name);
    if (v && v->is_string() && is_uuid(v->get_string()))
      out = std::string(v->get_string());
    else
      errors.push_back({name, "must be the id (a UUID) the search returned"});
  };
  id("query_id", c.query_id);
  id("product_id", c.product_id);
  const auto* position = obj->if_contains("position");
  if (position && position->is_int64() && position->get_int64() >= 1 && position->get_int64() <= 10000)
    c.position = position->get_int64();
  else
    errors.push_back({"position", "must be the result's place in the list, from 1 to 10000"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "the click is not valid", std::move(errors));
  return c;
}

Synonyms parse_synonyms(const boost::json::value& body) {
  const auto* obj = body.if_object();
  if (!obj) throw Error(ErrorKind::bad_request, "the body must be a JSON object");
  const auto* groups = obj->if_contains("groups");
  const auto bad = [] {
    return Error(ErrorKind::validation, "the synonyms are not valid",
                 {{"groups", "must be an array of arrays of words or phrases (strings)"}});
  };
  if (!groups || !groups->is_array()) throw bad();
  Synonyms out;
  for (const auto& g : groups->get_array()) {
    if (!g.is_array()) throw bad();
    auto& words = out.emplace_back();
    for (const auto& w : g.get_array()) {
      if (!w.is_string()) throw bad();
      words.emplace_back(w.get_string());
    }
  }
  return out;
}

}  // namespace agora::search
