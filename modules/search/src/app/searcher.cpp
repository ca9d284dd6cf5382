#include "app/searcher.hpp"

#include "domain/languages.hpp"
#include "domain/text_fold.hpp"

#include <agora/core/error.hpp>

#include <algorithm>
#include <map>

namespace agora::search {
namespace {

constexpr std::size_t kMaxWords = 16;
// Failure bits of a product against the filters: one per filter, so a facet can count the
// products that fail its own filter alone.
constexpr std::uint64_t kBrand = 1, kCategory = 2, kPrice = 4, kStock = 8;
constexpr int kFirstAttribute = 4;
static_assert(kFirstAttribute + kMaxAttributeFilters <= 64, "a failure bit for every attribute filter");

struct AttributeFilter {
  std::uint32_t name = kNoTerm;
  std::vector<std::uint32_t> values;  // term ids, sorted
};

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t v) {
  return std::binary_search(sorted.begin(), sorted.end(), v);
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

// One search against one generation, under the table's read lock.
struct Searcher::Run {
  const SearchRequest& req;
  const ProductTable::Reader& table;
  const CategoryView& categories;
  const std::vector<std::int64_t>& prices;
  std::vector<std::uint32_t> brands;         // sorted term ids; an unknown brand matches nothing
  std::vector<std::uint32_t> in_categories;  // sorted term ids
  std::vector<AttributeFilter> attributes;

  Run(const SearchRequest& r, const ProductTable::Reader& t, const CategoryView& c, const std::vector<std::int64_t>& p)
      : req(r), table(t), categories(c), prices(p) {
    for (const auto& b : req.brands) brands.push_back(table.term(TermKind::brand, b));
    std::sort(brands.begin(), brands.end());
    if (req.category_id)
      for (const auto& id : categories.below(*req.category_id))
        if (const auto t = table.term(TermKind::category, id); t != kNoTerm) in_categories.push_back(t);
    std::sort(in_categories.begin(), in_categories.end());
    std::map<std::string, std::vector<std::uint32_t>> by_name;
    for (const auto& [name, value] : req.attributes) by_name[name].push_back(table.attribute(name, value));
    for (auto& [name, values] : by_name) {
      std::sort(values.begin(), values.end());
      attributes.push_back({table.attribute_name_id(name), std::move(values)});
    }
  }

  std::uint64_t fails(std::uint32_t slot) const {
    const auto& r = table.rows()[slot];
    std::uint64_t m = 0;
    if (!req.brands.empty() && !contains(brands, r.brand)) m |= kBrand;
    if (req.category_id && !contains(in_categories, r.category)) m |= kCategory;
    if (req.min_price || req.max_price) {
      const auto p = prices[slot];
      if (p == kUnpriced || (req.min_price && p < *req.min_price) || (req.max_price && p > *req.max_price)) m |= kPrice;
    }
    if (req.in_stock && !r.in_stock) m |= kStock;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
      bool any = false;
      table.each_attribute(slot, [&](std::uint32_t t) { any = any || contains(attributes[i].values, t); });
      if (!any) m |= std::uint64_t{1} << (kFirstAttribute + i);
    }
    return m;
  }

  bool live(std::uint32_t slot) const { return slot < table.rows().size() && table.rows()[slot].live; }

  // The sort key of a product: smaller comes first.
  std::pair<std::int64_t, std::int64_t> key(std::uint32_t slot, SearchSort sort) const {
    const auto& e = table.entries()[slot];
    switch (sort) {
      case SearchSort::price_ascending:
        return {prices[slot] == kUnpriced ? INT64_MAX : prices[slot], 0};
      case SearchSort::price_descending:
        return {prices[slot] == kUnpriced ? INT64_MAX : -prices[slot], 0};
      case SearchSort::rating:
        return {-e.rating_key, 0};
      default:
        return {-e.created_ms, 0};
    }
  }
  // The value a cursor records for the sort (key() undone to what the client can read back).
  static std::int64_t cursor_key(std::int64_t key, SearchSort sort) {
    return sort == SearchSort::price_ascending ? key : -key;
  }
  static std::int64_t from_cursor(std::int64_t key, SearchSort sort) {
    return sort == SearchSort::price_ascending ? key : -key;
  }
};

SearchResult Searcher::search(const SearchRequest& req) {
  const auto g = indexer_.current();
  if (!g)
    throw Error(ErrorKind::unavailable, "the search index is being built; try again shortly")
        .with_retry_after(std::chrono::seconds(5));
  SearchResult out;
  out.locale = pick_locale(options_.locales, req.locale.empty() ? options_.locales.front() : req.locale);
  out.currency = req.currency.empty() ? catalog_.base_currency() : req.currency;
  indexer_.ensure_prices(*g, out.currency);
  out.category_view = indexer_.categories();
  auto& text = *g->texts.at(out.locale);
  auto words = words_of(fold(req.q));
  if (words.size() > kMaxWords) words.resize(kMaxWords);

  ProductTable::Reader table(g->table);
  const auto* prices = table.prices(out.currency);
  if (!prices) throw Error(ErrorKind::unavailable, "prices in " + out.currency + " are not known yet");
  const Run run(req, table, *out.category_view, *prices);
  const auto& entries = table.entries();
  const auto& rows = table.rows();

  // What the words match, in slot order; live in the table or not (checked below, in the one pass
  // that reads each product's row).
  std::vector<TextMatch> matches;
  const auto match = [&](const std::vector<std::string>& w) {
    matches.clear();
    if (w.empty()) {
      for (std::uint32_t s = 0; s < rows.size(); ++s)
        if (rows[s].live) matches.push_back({s, 0});
    } else {
      text.each_match(w, matches);
    }
  };
  const auto any_live = [&] {
    return std::any_of(matches.begin(), matches.end(), [&](const TextMatch& m) { return run.live(m.slot); });
  };
  match(words);
  if (!words.empty() && !any_live()) {
    auto better = text.corrected(words);
    if (better != words) {
      words = std::move(better);
      out.corrected_query = joined(words);
      match(words);
    }
  }

  // Which facets were asked, and the failure bit each one ignores.
  const auto asked = [&](std::string_view f) {
    return std::find(req.facets.begin(), req.facets.end(), f) != req.facets.end();
  };
  const bool brand_facet = asked("brand"), category_facet = asked("category"), price_facet = asked("price");
  const bool every_attribute = asked("attributes");
  std::vector<char> attribute_facet(table.attribute_name_count(), every_attribute);
  for (const auto& f : req.facets)
    if (f.starts_with("attr."))
      if (const auto n = table.attribute_name_id(std::string_view(f).substr(5)); n != kNoTerm)
        attribute_facet[n] = true;
  const bool any_attribute_facet =
      std::find(attribute_facet.begin(), attribute_facet.end(), 1) != attribute_facet.end();
  std::vector<std::uint64_t> own_bit(table.attribute_name_count(), 0);  // an attribute name's filter bit
  for (std::size_t i = 0; i < run.attributes.size(); ++i)
    if (run.attributes[i].name != kNoTerm) own_bit[run.attributes[i].name] = std::uint64_t{1} << (kFirstAttribute + i);

  std::vector<std::uint32_t> counts(table.term_count(), 0);
  std::vector<std::int64_t> facet_prices;
  std::vector<TextMatch> passing;  // the matches that pass every filter
  passing.reserve(matches.size());
  // The rows are read in slot order but far apart: each would wait on memory in turn, as the loop's
  // body is too long for the processor to reach the next row's load on its own.
  constexpr std::size_t kAhead = 12;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i + kAhead < matches.size())
      if (const auto ahead = matches[i + kAhead].slot; ahead < rows.size()) {
        __builtin_prefetch(&rows[ahead]);
        __builtin_prefetch(&(*prices)[ahead]);
      }
    const auto s = matches[i].slot;
    if (!run.live(s)) continue;
    const auto m = run.fails(s);
    if (m == 0) passing.push_back(matches[i]);
    if ((m & (m - 1)) != 0) continue;  // fails two filters or more: counts in no facet
    const auto& r = rows[s];
    if (brand_facet && (m == 0 || m == kBrand) && r.brand != kNoTerm) ++counts[r.brand];
    if (category_facet && (m == 0 || m == kCategory) && r.category != kNoTerm) ++counts[r.category];
    if (price_facet && (m == 0 || m == kPrice) && (*prices)[s] != kUnpriced) facet_prices.push_back((*prices)[s]);
    if (any_attribute_facet)
      table.each_attribute(s, [&](std::uint32_t t) {
        const auto n = table.attribute_name_of(t);
        if (attribute_facet[n] && (m == 0 || m == own_bit[n])) ++counts[t];
      });
  }
  out.total = passing.size();

  const auto by_count = [](std::vector<FacetValue>& values) {
    std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (values.size() > kMaxFacetValues) values.resize(kMaxFacetValues);
  };
  if (brand_facet || category_facet || any_attribute_facet) {
    std::vector<FacetValue> brands;
    std::map<std::string, std::size_t> category_counts;  // rolled up to every ancestor
    std::map<std::uint32_t, std::vector<FacetValue>> attributes;
    for (std::uint32_t t = 0; t < counts.size(); ++t) {
      if (counts[t] == 0) continue;
      const auto& value = table.term_text(t);
      if (table.kind_of(t) == TermKind::attribute) {
        attributes[table.attribute_name_of(t)].push_back({value, counts[t]});
      } else if (table.kind_of(t) == TermKind::brand) {
        brands.push_back({value, counts[t]});
      } else {
        for (const auto& id : out.category_view->above(value)) category_counts[id] += counts[t];
      }
    }
    if (brand_facet) by_count(*(out.brands = std::move(brands)));
    if (category_facet) {
      out.categories.emplace();
      for (const auto& [id, n] : category_counts) out.categories->push_back({id, n, out.category_view->find(id)});
      by_count(*out.categories);
    }
    if (any_attribute_facet) {
      out.attributes.emplace();
      for (auto& [name, values] : attributes) {
        by_count(values);
        out.attributes->push_back({table.attribute_name(name), std::move(values)});
      }
    }
  }
  if (price_facet) out.prices = price_buckets(facet_prices, options_.price_buckets);

  // The page.
  std::vector<std::uint32_t> page;
  if (req.sort == SearchSort::relevance && !words.empty()) {
    // Most relevant first; ties in slot order.
    const auto offset = std::min<std::size_t>(req.cursor ? req.cursor->offset : 0, passing.size());
    const auto n = std::min(passing.size(), offset + req.limit + 1);
    std::partial_sort(passing.begin(), passing.begin() + static_cast<std::ptrdiff_t>(n), passing.end(),
                      [](const TextMatch& a, const TextMatch& b) {
                        return a.relevance != b.relevance ? a.relevance > b.relevance : a.slot < b.slot;
                      });
    for (auto i = offset; i < n; ++i) page.push_back(passing[i].slot);
    if (page.size() > req.limit) {
      page.resize(req.limit);
      out.next_cursor = encode_cursor({.sort = SearchSort::relevance, .offset = offset + req.limit});
    }
  } else {
    const auto sort = req.sort == SearchSort::relevance ? SearchSort::newest : req.sort;
    const auto& id_of = [&](std::uint32_t s) -> const std::string& { return entries[s].doc->id; };
    // Ties break on the id: newest first, except going up in price (oldest first).
    const bool id_up = sort == SearchSort::price_ascending;
    const auto before = [&](const TextMatch& a, const TextMatch& b) {
      const auto ka = run.key(a.slot, sort), kb = run.key(b.slot, sort);
      if (ka != kb) return ka < kb;
      return id_up ? id_of(a.slot) < id_of(b.slot) : id_of(a.slot) > id_of(b.slot);
    };
    if (req.cursor) {
      const auto key = std::pair(Run::from_cursor(req.cursor->key, sort), std::int64_t{0});
      const auto& id = req.cursor->id;
      std::erase_if(passing, [&](const TextMatch& m) {
        const auto k = run.key(m.slot, sort);
        if (k != key) return k < key;
        return id_up ? id_of(m.slot) <= id : id_of(m.slot) >= id;
      });
    }
    const auto n = std::min(passing.size(), req.limit + 1);
    std::partial_sort(passing.begin(), passing.begin() + static_cast<std::ptrdiff_t>(n), passing.end(), before);
    for (std::size_t i = 0; i < n; ++i) page.push_back(passing[i].slot);
    if (page.size() > req.limit) {
      page.resize(req.limit);
      const auto last = page.back();
      out.next_cursor =
          encode_cursor({.sort = sort, .key = Run::cursor_key(run.key(last, sort).first, sort), .id = id_of(last)});
    }
  }
  out.items.reserve(page.size());
  for (const auto s : page)
    out.items.push_back({entries[s].doc, (*prices)[s] == kUnpriced ? std::nullopt : std::optional((*prices)[s])});
  return out;
}

}  // namespace agora::search
