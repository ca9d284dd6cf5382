#pragma once
// Money as a locale writes it ("$1,234.56", "1.234,56 €"), with ICU.
#include <agora/core/money.hpp>

#include <string>
#include <string_view>

namespace agora::fx {

inline constexpr std::string_view kLocaleHint = "must be a BCP 47 language tag such as en-US or de-CH";

// A BCP 47 tag ("de-CH") of a language ICU has data for.
bool known_locale(std::string_view locale);

// `locale` is a BCP 47 tag ("de-CH") of a language ICU has data for; Error{validation} naming
// "locale" otherwise. The amount keeps exactly the currency's minor units.
std::string format_money(const Money& amount, std::string_view locale);

}  // namespace agora::fx
