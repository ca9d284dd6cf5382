#include "domain/listing.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/money.hpp>

#include <algorithm>
#include <charconv>
#include <tuple>

namespace agora::catalog {
namespace {

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

char order_tag(SortOrder o) {
  switch (o) {
    case SortOrder::newest:
      return 'n';
    case SortOrder::price_ascending:
      return 'p';
    case SortOrder::price_descending:
      return 'd';
    case SortOrder::rating:
      return 'r';
  }
  return '?';
}

}  // namespace

ListingQuery parse_listing_query(const std::vector<std::pair<std::string, std::string>>& params,
                                 const std::string& base_currency, const std::string& default_locale) {
  ListingQuery q;
  q.currency = base_currency;
  q.locale = default_locale;
  std::vector<FieldError> errors;
  const auto price = [&](const std::string& name, const std::string& value) {
    const auto v = to_int(value);
    if (!v || *v < 0) errors.push_back({name, "must be a non-negative integer amount in minor units"});
    return v;
  };
  for (const auto& [name, value] : params) {
    if (name == "category") {
      if (!is_uuid(value)) errors.push_back({name, "must be a category id"});
      q.category_id = value;
    } else if (name == "brand") {
      q.brands.push_back(value);
    } else if (name.starts_with("attr.") && name.size() > 5) {
      q.attributes.emplace_back(name.substr(5), value);
    } else if (name == "min_price") {
      q.min_price = price(name, value);
    } else if (name == "max_price") {
      q.max_price = price(name, value);
    } else if (name == "sort") {
      if (value == "newest")
        q.sort = SortOrder::newest;
      else if (value == "price")
        q.sort = SortOrder::price_ascending;
      else if (value == "-price")
        q.sort = SortOrder::price_descending;
      else if (value == "rating")
        q.sort = SortOrder::rating;
      else
        errors.push_back({name, "must be newest, price, -price or rating"});
    } else if (name == "limit") {
      const auto v = to_int(value);
      if (!v || *v < 1 || *v > 100)
        errors.push_back({name, "must be an integer from 1 to 100"});
      else
        q.limit = static_cast<std::size_t>(*v);
    } else if (name == "cursor") {
      q.cursor = value;
    } else if (name == "currency") {
      if (!find_currency(value)) errors.push_back({name, "must be an ISO 4217 currency code such as USD"});
      q.currency = value;
    } else if (name == "locale") {
      if (value.empty() || value.size() > 35) errors.push_back({name, "must be a locale such as en or de-CH"});
      q.locale = value;
    } else {
      errors.push_back({name, "is not a listing parameter"});
    }
  }
  if (q.min_price && q.max_price && *q.min_price > *q.max_price)
    errors.push_back({"max_price", "must not be less than min_price"});
  // Read against the sort asked for: a bad sort leaves nothing to read it against.
  const bool sort_ok =
      std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "sort"; });
  if (!q.cursor.empty() && sort_ok && !decode_cursor(q.cursor, q.sort))
    errors.push_back({"cursor", "is not a next_cursor of this listing and sort order"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid listing query", std::move(errors));
  std::sort(q.attributes.begin(), q.attributes.end());
  return q;
}

bool comes_before(const ListingKey& a, const ListingKey& b, SortOrder order) {
  switch (order) {
    case SortOrder::newest:
      return a.id > b.id;
    case SortOrder::price_ascending:
      return std::tie(a.price, a.id) < std::tie(b.price, b.id);
    case SortOrder::price_descending:  // the exact reverse, so one index serves both
      return std::tie(b.price, b.id) < std::tie(a.price, a.id);
    case SortOrder::rating:
      return std::tie(b.rating_milli, b.rating_count, b.id) < std::tie(a.rating_milli, a.rating_count, a.id);
  }
  return false;
}

std::string encode_cursor(const ListingKey& k, SortOrder order) {
  std::string out(1, order_tag(order));
  switch (order) {
    case SortOrder::newest:
      break;
    case SortOrder::price_ascending:
    case SortOrder::price_descending:
      out += std::to_string(k.price) + "_";
      break;
    case SortOrder::rating:
      out += std::to_string(k.rating_milli) + "_" + std::to_string(k.rating_count) + "_";
      break;
  }
  return out.append(k.id);
}

std::optional<ListingKey> decode_cursor(const std::string& cursor, SortOrder order) {
  if (cursor.empty() || cursor[0] != order_tag(order)) return std::nullopt;
  std::vector<std::string_view> parts;
  std::string_view rest(cursor);
  rest.remove_prefix(1);
  for (auto pos = rest.find('_'); pos != std::string_view::npos; pos = rest.find('_')) {
    parts.push_back(rest.substr(0, pos));
    rest.remove_prefix(pos + 1);
  }
  ListingKey k;
  k.id = rest;
  if (!is_uuid(k.id)) return std::nullopt;
  const std::size_t want = order == SortOrder::newest ? 0 : order == SortOrder::rating ? 2 : 1;
  if (parts.size() != want) return std::nullopt;
  std::vector<std::int64_t> numbers;
  for (auto p : parts) {
    const auto v = to_int(p);
    if (!v) return std::nullopt;
    numbers.push_back(*v);
  }
  if (order == SortOrder::rating) {
    k.rating_milli = numbers[0];
    k.rating_count = numbers[1];
  } else if (want == 1) {
    k.price = numbers[0];
  }
  return k;
}

}  // namespace agora::catalog
