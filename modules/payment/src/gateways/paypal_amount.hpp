#pragma once
// Amounts as PayPal's API writes them: {"currency_code": "USD", "value": "19.99"}, the value a decimal
// string with as many decimals as the currency has minor units (ISO 4217: JPY none, KWD three), but
// none for the currencies PayPal takes in whole units only (HUF, TWD).
#include <agora/core/money.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agora::payment {

// The value of `minor` units of the currency: 1999 USD "19.99", 500 JPY "500", 1500 KWD "1.500";
// nullopt for an amount PayPal cannot be sent (negative, or 12345 HUF, which has fils PayPal does not take).
std::optional<std::string> paypal_value(std::int64_t minor, const Currency& currency);

// {"currency_code", "value"}; nullopt as paypal_value, or for a currency that is not ISO 4217.
std::optional<boost::json::object> paypal_amount(std::int64_t minor, std::string_view currency);

// A value read back in minor units: "19.99" USD 1999, "19.9" 1990, "123" HUF 12300; nullopt for
// anything but digits with at most the currency's minor units of decimals.
std::optional<std::int64_t> minor_units_of(std::string_view value, const Currency& currency);

// An amount object read back in minor units of its currency_code; nullopt when it is not one.
std::optional<std::int64_t> read_paypal_amount(const boost::json::value* amount);

}  // namespace agora::payment
