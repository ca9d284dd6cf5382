#include "app/money_format.hpp"

#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <agora/core/error.hpp>

#include <optional>

namespace agora::fx {
namespace {

bool has_language_data(const icu::Locale& locale) {
  int32_t count = 0;
  const icu::Locale* available = icu::Locale::getAvailableLocales(count);
  for (int32_t i = 0; i < count; ++i)
    if (std::string_view(available[i].getLanguage()) == locale.getLanguage()) return true;
  return false;
}

std::optional<icu::Locale> parse_locale(std::string_view tag) {
  if (tag.empty() || tag.size() > 64) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  auto locale = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), status);
  if (U_FAILURE(status) || locale.isBogus() || !has_language_data(locale)) return std::nullopt;
  return locale;
}

// The amount in major units as exact decimal text ("12.34 USD" without the code), so ICU never
// sees a double.
std::string major_units(const Money& m) {
  const auto text = m.to_string();
  return text.substr(0, text.find(' '));
}

}  // namespace

bool known_locale(std::string_view locale) { return parse_locale(locale).has_value(); }

std::string format_money(const Money& amount, std::string_view locale) {
  const auto loc = parse_locale(locale);
  if (!loc) throw Error(ErrorKind::validation, "unknown locale", {{"locale", std::string(kLocaleHint)}});
  UErrorCode status = U_ZERO_ERROR;
  const icu::CurrencyUnit unit(icu::StringPiece(amount.currency()), status);
  const auto text = icu::number::NumberFormatter::withLocale(*loc)
                        .unit(unit)
                        .precision(icu::number::Precision::fixedFraction(amount.minor_units()))
                        .formatDecimal(major_units(amount), status)
                        .toString(status);
  if (U_FAILURE(status))
    throw Error(ErrorKind::internal, std::string("ICU cannot format money: ") + u_errorName(status));
  std::string out;
  return text.toUTF8String(out);
}

}  // namespace agora::fx
