#include "domain/search_request.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/money.hpp>
#include <agora/core/utf8.hpp>

#include <algorithm>
#include <charconv>

namespace agora::search {
namespace {

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

char tag_of(SearchSort s) {
  switch (s) {
    case SearchSort::relevance:
      return 'r';
    case SearchSort::newest:
      return 'n';
    case SearchSort::price_ascending:
      return 'p';
    case SearchSort::price_descending:
      return 'd';
    case SearchSort::rating:
      return 'g';
  }
  return '?';
}

bool known_facet(std::string_view f) {
  return f == "brand" || f == "category" || f == "price" || f == "attributes" ||
         (f.starts_with("attr.") && f.size() > 5 && f.size() <= 105);
}

// "r.<offset>" or "<tag>.<key>.<id>".
std::optional<Cursor> decode_cursor(std::string_view text, SearchSort sort) {
  // A search with no words to rank by lists the newest first.
  if (sort == SearchSort::relevance && text.starts_with("n.")) sort = SearchSort::newest;
  if (text.size() < 3 || text.size() > 200 || text[0] != tag_of(sort) || text[1] != '.') return std::nullopt;
  Cursor c{.sort = sort};
  const auto rest = text.substr(2);
  if (sort == SearchSort::relevance) {
    const auto offset = to_int(rest);
    if (!offset || *offset < 0 || *offset > 10000) return std::nullopt;
    c.offset = static_cast<std::size_t>(*offset);
    return c;
  }
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto key = to_int(rest.substr(0, dot));
  if (!key || !is_uuid(rest.substr(dot + 1))) return std::nullopt;
  c.key = *key;
  c.id = std::string(rest.substr(dot + 1));
  return c;
}

std::vector<std::string_view> split(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = list.substr(0, comma);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

std::string encode_cursor(const Cursor& c) {
  if (c.sort == SearchSort::relevance) return std::string{tag_of(c.sort), '.'} + std::to_string(c.offset);
  return std::string{tag_of(c.sort), '.'} + std::to_string(c.key) + '.' + c.id;
}

SearchRequest parse_search_request(const std::vector<std::pair<std::string, std::string>>& params,
                                   std::size_t max_query_chars) {
  SearchRequest r;
  std::vector<FieldError> errors;
  std::optional<SearchSort> sort;
  std::optional<std::string> cursor;
  const auto price = [&](const std::string& name, const std::string& value) {
    const auto v = to_int(value);
    if (!v || *v < 0) errors.push_back({name, "must be a non-negative integer amount in minor units"});
    return v;
  };
  for (const auto& [name, value] : params) {
    if (name == "q") {
      if (code_points(value) > max_query_chars)
        errors.push_back({name, "must be at most " + std::to_string(max_query_chars) + " characters"});
      r.q = value;
    } else if (name == "locale") {
      if (value.empty() || value.size() > 35) errors.push_back({name, "must be a locale such as en or de-CH"});
      r.locale = value;
    } else if (name == "currency") {
      if (!find_currency(value)) errors.push_back({name, "must be an ISO 4217 currency code such as USD"});
      r.currency = value;
    } else if (name == "category") {
      if (!is_uuid(value)) errors.push_back({name, "must be a category id"});
      r.category_id = value;
    } else if (name == "brand") {
      if (value.empty() || value.size() > 200) errors.push_back({name, "must be a brand name of 1 to 200 bytes"});
      r.brands.push_back(value);
    } else if (name.starts_with("attr.")) {
      if (name.size() == 5 || name.size() > 105 || value.empty() || value.size() > 200)
        errors.push_back({name, "must be attr.<name>=<value>, each of 1 to 100 and 200 bytes"});
      if (r.attributes.size() == kMaxAttributeFilters)  // named once: the first one too many
        errors.push_back({name, "is one attribute filter too many: at most " + std::to_string(kMaxAttributeFilters)});
      r.attributes.emplace_back(name.substr(5), value);
    } else if (name == "min_price") {
      r.min_price = price(name, value);
    } else if (name == "max_price") {
      r.max_price = price(name, value);
    } else if (name == "in_stock") {
      if (value != "true" && value != "false") errors.push_back({name, "must be true or false"});
      r.in_stock = value == "true";
    } else if (name == "facets") {
      for (const auto f : split(value)) {
        if (!known_facet(f)) {
          errors.push_back({name, "names an unknown facet '" + std::string(f.substr(0, 100)) +
                                      "'; known: brand, category, price, attributes, attr.<name>"});
          break;
        }
        r.facets.emplace_back(f);
      }
    } else if (name == "sort") {
      if (value == "relevance")
        sort = SearchSort::relevance;
      else if (value == "newest")
        sort = SearchSort::newest;
      else if (value == "price")
        sort = SearchSort::price_ascending;
      else if (value == "-price")
        sort = SearchSort::price_descending;
      else if (value == "rating")
        sort = SearchSort::rating;
      else
        errors.push_back({name, "must be relevance, newest, price, -price or rating"});
    } else if (name == "limit") {
      const auto v = to_int(value);
      if (!v || *v < 1 || *v > 100)
        errors.push_back({name, "must be an integer from 1 to 100"});
      else
        r.limit = static_cast<std::size_t>(*v);
    } else if (name == "cursor") {
      cursor = value;
    } else {
      errors.push_back({name.substr(0, 100), "is not a search parameter"});
    }
  }
  if (r.min_price && r.max_price && *r.min_price > *r.max_price)
    errors.push_back({"max_price", "must not be below min_price"});
  const bool has_words = r.q.find_first_not_of(" \t\r\n") != std::string::npos;
  r.sort = sort.value_or(has_words ? SearchSort::relevance : SearchSort::newest);
  if (cursor) {
    r.cursor = decode_cursor(*cursor, r.sort);
    if (!r.cursor) errors.push_back({"cursor", "is not a cursor this search returned for this sort"});
  }
  if (!errors.empty()) throw Error(ErrorKind::validation, "the search parameters are not valid", std::move(errors));
  return r;
}

}  // namespace agora::search
