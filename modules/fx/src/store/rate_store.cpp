#include "store/rate_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/prepared.hpp>

#include <vector>

namespace agora::fx::rate_store {
namespace {

// An instant read over fx.rates (min or max of a column, as `at`); nullopt when it holds no rate.
std::optional<Timestamp> instant(soci::session& sql, std::string_view statement) {
  return prepared::run(sql, statement).get<std::optional<Timestamp>>(0, "at");
}

}  // namespace

int append(soci::session& sql, std::string_view provider, const RateSet& set, Timestamp fetched_at) {
  std::vector<std::string> quotes;
  std::vector<std::string> rates;
  for (const auto& [quote, rate] : set.quotes) {
    quotes.push_back(quote);
    rates.push_back(to_string(rate));
  }
  const auto stored = prepared::run(
      sql,
      "INSERT INTO fx.rates (provider, base, quote, rate, valid_from, fetched_at)"
      " SELECT $1, $2, x.quote, x.rate::numeric, $5, $6 FROM unnest($3::text[], $4::text[]) AS x(quote, rate)"
      " ON CONFLICT (provider, base, quote, valid_from) DO NOTHING",
      {provider, set.base, quotes, rates, set.as_of, fetched_at});
  return static_cast<int>(stored.affected());
}

RateTable table(soci::session& sql, std::optional<Timestamp> at) {
  const auto rows =
      prepared::run(sql,
                    "WITH upto AS (SELECT * FROM fx.rates WHERE $1::timestamptz IS NULL OR valid_from <= $1),"
                    " newest AS (SELECT base FROM upto ORDER BY provider = 'fixed', valid_from DESC, fetched_at DESC"
                    " LIMIT 1)"
                    " SELECT DISTINCT ON (quote) base, quote, rate, valid_from, provider"
                    " FROM upto WHERE base = (SELECT base FROM newest)"
                    " ORDER BY quote, provider = 'fixed', valid_from DESC, fetched_at DESC",
                    {at});
  RateTable out;
  for (int i = 0; i < rows.size(); ++i) {
    const auto value = parse_decimal(rows.get<std::string>(i, "rate"));
    if (!value) throw Error(ErrorKind::internal, "fx.rates holds a rate that is not a plain decimal");
    out.base = rows.get<std::string>(i, "base");
    out.quotes.emplace(rows.get<std::string>(i, "quote"),
                       Rate{*value, rows.get<Timestamp>(i, "valid_from"), rows.get<std::string>(i, "provider")});
  }
  return out;
}

std::optional<Timestamp> first_valid_from(soci::session& sql) {
  return instant(sql, "SELECT min(valid_from) AS at FROM fx.rates");
}

std::optional<Timestamp> last_fetched(soci::session& sql) {
  return instant(sql, "SELECT max(fetched_at) AS at FROM fx.rates");
}

}  // namespace agora::fx::rate_store
