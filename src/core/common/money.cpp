#include <agora/core/error.hpp>
#include <agora/core/money.hpp>

#include <fmt/format.h>
#include <boost/json.hpp>

#include <cstdlib>

namespace agora {
namespace {

const Currency& require_currency(std::string_view code, std::string_view field) {
  const Currency* c = find_currency(code);
  if (!c)
    throw Error(ErrorKind::validation, fmt::format("unknown currency '{}'", code),
                {{std::string(field), "must be an ISO 4217 currency code such as USD"}});
  return *c;
}

[[noreturn]] void overflow() { throw Error(ErrorKind::validation, "amount out of range"); }

}  // namespace

Money::Money(std::int64_t minor, std::string_view currency)
    : minor_(minor), currency_(require_currency(currency, "currency").code) {}

int Money::minor_units() const noexcept { return find_currency(currency_)->minor_units; }

Money Money::operator+(const Money& other) const {
  if (other.currency_ != currency_)
    throw Error(ErrorKind::validation, fmt::format("cannot add {} to {}", other.currency_, currency_));
  std::int64_t out;
  if (__builtin_add_overflow(minor_, other.minor_, &out)) overflow();
  return Money(out, currency_);
}

Money Money::operator-(const Money& other) const {
  if (other.currency_ != currency_)
    throw Error(ErrorKind::validation, fmt::format("cannot subtract {} from {}", other.currency_, currency_));
  std::int64_t out;
  if (__builtin_sub_overflow(minor_, other.minor_, &out)) overflow();
  return Money(out, currency_);
}

Money Money::operator*(std::int64_t factor) const {
  std::int64_t out;
  if (__builtin_mul_overflow(minor_, factor, &out)) overflow();
  return Money(out, currency_);
}

std::strong_ordering Money::operator<=>(const Money& other) const {
  if (other.currency_ != currency_)
    throw Error(ErrorKind::validation, fmt::format("cannot compare {} with {}", other.currency_, currency_));
  return minor_ <=> other.minor_;
}

std::string Money::to_string() const {
  const int units = minor_units();
  if (units == 0) return fmt::format("{} {}", minor_, currency_);
  std::int64_t scale = 1;
  for (int i = 0; i < units; ++i) scale *= 10;
  // Work on the unsigned magnitude so INT64_MIN formats too.
  const bool negative = minor_ < 0;
  const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(minor_) : static_cast<std::uint64_t>(minor_);
  const auto uscale = static_cast<std::uint64_t>(scale);
  return fmt::format("{}{}.{:0{}} {}", negative ? "-" : "", magnitude / uscale, magnitude % uscale, units, currency_);
}

boost::json::value Money::to_json() const { return {{"amount", minor_}, {"currency", currency_}}; }

Money Money::from_json(const boost::json::value& v, std::string_view field) {
  const std::string f(field);
  const auto* obj = v.if_object();
  if (!obj) throw Error(ErrorKind::validation, "invalid money", {{f, "must be an object with amount and currency"}});
  std::vector<FieldError> errors;
  const auto* amount = obj->if_contains("amount");
  const auto* currency = obj->if_contains("currency");
  if (!amount || !(amount->is_int64() || amount->is_uint64()))
    errors.push_back({f + ".amount", "must be an integer number of minor units"});
  else if (amount->is_uint64() && amount->as_uint64() > static_cast<std::uint64_t>(INT64_MAX))
    errors.push_back({f + ".amount", "is out of range"});
  if (!currency || !currency->is_string() || !find_currency(currency->as_string()))
    errors.push_back({f + ".currency", "must be an ISO 4217 currency code such as USD"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid money", std::move(errors));
  const auto minor = amount->is_int64() ? amount->as_int64() : static_cast<std::int64_t>(amount->as_uint64());
  return Money(minor, currency->as_string());
}

}  // namespace agora
