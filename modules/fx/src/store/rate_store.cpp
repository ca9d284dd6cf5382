#include "store/rate_store.hpp"

#include <agora/core/sql_values.hpp>

#include <agora/core/error.hpp>
#include <soci/soci.h>

namespace agora::fx::rate_store {

int append(soci::session& sql, std::string_view provider, const RateSet& set, Timestamp fetched_at) {
  const std::string name(provider);
  const auto valid_from = micros(set.as_of), fetched = micros(fetched_at);
  int stored = 0;
  for (const auto& [quote, rate] : set.quotes) {
    const auto text = to_string(rate);
    soci::statement st = (sql.prepare << "INSERT INTO fx.rates (provider, base, quote, rate, valid_from, fetched_at)"
                                         " VALUES (:p, :b, :q, CAST(:r AS numeric), " AGORA_TS(":v") ", " AGORA_TS(":f") ")"
                                         " ON CONFLICT (provider, base, quote, valid_from) DO NOTHING",
                          soci::use(name), soci::use(set.base), soci::use(quote), soci::use(text),
                          soci::use(valid_from), soci::use(fetched));
    st.execute(true);
    stored += static_cast<int>(st.get_affected_rows());
  }
  return stored;
}

RateTable table(soci::session& sql, std::optional<Timestamp> at) {
  long long at_us = at ? micros(*at) : 0;
  soci::indicator at_ind = at ? soci::i_ok : soci::i_null;
  soci::rowset<soci::row> rows =
      (sql.prepare << "WITH upto AS (SELECT * FROM fx.rates WHERE CAST(:at AS bigint) IS NULL"
                      "   OR valid_from <= " AGORA_TS(":at2") "),"
                      " newest AS (SELECT base FROM upto ORDER BY valid_from DESC, fetched_at DESC LIMIT 1)"
                      " SELECT DISTINCT ON (quote) base, quote, CAST(rate AS text), " AGORA_US("valid_from") ", provider"
                      " FROM upto WHERE base = (SELECT base FROM newest)"
                      " ORDER BY quote, valid_from DESC, fetched_at DESC",
       soci::use(at_us, at_ind), soci::use(at_us, at_ind));
  RateTable out;
  for (const auto& r : rows) {
    const auto value = parse_decimal(r.get<std::string>(2));
    if (!value) throw Error(ErrorKind::internal, "fx.rates holds a rate that is not a plain decimal");
    out.base = r.get<std::string>(0);
    out.quotes.emplace(r.get<std::string>(1), Rate{*value, from_micros(r.get<long long>(3)), r.get<std::string>(4)});
  }
  return out;
}

namespace {

// One instant aggregated over fx.rates (min or max of a column); nullopt when it holds no rate.
std::optional<Timestamp> instant(soci::session& sql, const std::string& aggregate_sql) {
  long long us = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT " + aggregate_sql + " FROM fx.rates", soci::into(us, ind);
  if (ind == soci::i_null) return std::nullopt;
  return from_micros(us);
}

}  // namespace

std::optional<Timestamp> first_valid_from(soci::session& sql) { return instant(sql, AGORA_US("min(valid_from)")); }

std::optional<Timestamp> last_fetched(soci::session& sql) { return instant(sql, AGORA_US("max(fetched_at)")); }

}  // namespace agora::fx::rate_store
