#include "app/fx_service.hpp"

#include <agora/core/error.hpp>

namespace agora::fx {

const Currency& require_currency(std::string_view code, std::string_view field) {
  const auto* c = find_currency(code);
  if (!c)
    throw Error(ErrorKind::validation, "unknown currency '" + std::string(code) + "'",
                {{std::string(field), "must be an ISO 4217 currency code such as USD"}});
  return *c;
}

RateTable FxService::table_at(Timestamp at) {
  auto table = book_.at(at);
  if (!table.base.empty()) return table;
  const auto first = book_.first_known();
  if (!first) throw Error(ErrorKind::unavailable, "no exchange rate is known yet");
  throw Error(ErrorKind::validation, "no exchange rate is known before " + to_rfc3339(*first),
              {{"at", "is before the first known exchange rate, valid from " + to_rfc3339(*first)}});
}

Money FxService::convert(const Money& amount, std::string_view to, std::optional<Timestamp> at) {
  return conversion(amount, to, at).amount;
}

Conversion FxService::conversion(const Money& amount, std::string_view to, std::optional<Timestamp> at) {
  const auto& target = require_currency(to, "to");
  if (amount.currency() == target.code) return {amount, {Decimal{1, 0}, at.value_or(clock_.now()), ""}};
  if (at) return fx::convert(table_at(*at), amount, target);
  const auto latest = book_.latest();
  return fx::convert(*latest, amount, target);
}

RateTable FxService::rates(std::optional<std::string_view> base) {
  if (base) require_currency(*base, "base");
  auto latest = book_.latest();
  if (latest->base.empty()) throw Error(ErrorKind::unavailable, "no exchange rate is known yet");
  if (!base || *base == latest->base) return *latest;
  return rebased(*latest, *base);
}

Rate FxService::rate(std::string_view base, std::string_view quote, std::optional<Timestamp> at) {
  require_currency(base, "base");
  require_currency(quote, "quote");
  if (base == quote) return {Decimal{1, 0}, at.value_or(clock_.now()), ""};
  if (at) return cross_rate(table_at(*at), base, quote);
  const auto latest = book_.latest();
  return cross_rate(*latest, base, quote);
}

}  // namespace agora::fx
