#include "app/money_format.hpp"
#include "http/fields.hpp"
#include "http/rate_json.hpp"
#include "http/routes.hpp"

#include <agora/core/fields.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace agora::fx {
namespace {

using http::Method;
using http::Request;
using http::Response;

// What the fx routes answer and take, as JSON Schema for the API document (GET /api/v1/openapi.json).
constexpr std::string_view kFxDecimal = R"json({
  "type": "string",
  "pattern": "^[0-9]+(\\.[0-9]+)?$",
  "description": "An exact decimal number of units of the quote per 1 unit of the base",
  "examples": ["1.0856"]
})json";

constexpr std::string_view kCurrencyList = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {
    "items": {
      "type": "array",
      "description": "Every ISO 4217 currency",
      "items": {
        "type": "object",
        "required": ["code", "name", "minor_units"],
        "properties": {
          "code": {"type": "string", "examples": ["USD"]},
          "name": {"type": "string"},
          "minor_units": {"type": "integer", "description": "Digits after the point: 2 for USD, 0 for JPY"}
        }
      }
    }
  }
})json";

constexpr std::string_view kRateTable = R"json({
  "type": "object",
  "required": ["base", "as_of", "rates"],
  "properties": {
    "base": {"type": "string"},
    "as_of": {"type": ["string", "null"], "format": "date-time", "description": "When the newest of the rates became valid"},
    "rates": {"type": "object", "description": "By quote currency", "additionalProperties": {"$ref": "#/components/schemas/FxDecimal"}}
  }
})json";

constexpr std::string_view kRate = R"json({
  "type": "object",
  "required": ["base", "quote", "rate", "valid_from"],
  "properties": {
    "base": {"type": "string"},
    "quote": {"type": "string"},
    "rate": {"$ref": "#/components/schemas/FxDecimal"},
    "valid_from": {"type": "string", "format": "date-time"},
    "provider": {"type": "string", "description": "Where the rate came from; absent for a currency against itself"}
  }
})json";

constexpr std::string_view kConvertRequest = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["amount", "to"],
  "properties": {
    "amount": {"$ref": "#/components/schemas/Money"},
    "to": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217"},
    "at": {"type": ["string", "null"], "format": "date-time", "description": "Convert at the rates in force then (default: the newest)"}
  }
})json";

constexpr std::string_view kConversion = R"json({
  "type": "object",
  "required": ["amount", "rate", "rate_time"],
  "properties": {
    "amount": {"$ref": "#/components/schemas/Money", "description": "Rounded half to even to the minor units of the currency"},
    "rate": {"$ref": "#/components/schemas/FxDecimal"},
    "rate_time": {"type": "string", "format": "date-time", "description": "When the rate used became valid"}
  }
})json";

constexpr std::string_view kFormatted = R"json({
  "type": "object",
  "required": ["formatted", "amount", "locale"],
  "properties": {
    "formatted": {"type": "string", "examples": ["1.234,56 €"]},
    "amount": {"$ref": "#/components/schemas/Money"},
    "locale": {"type": "string"}
  }
})json";

constexpr std::string_view kRatesQuery = R"json([
  {"name": "base", "in": "query", "description": "Priced against this currency (default: the provider's base)",
   "schema": {"type": "string", "pattern": "^[A-Z]{3}$"}}
])json";

constexpr std::string_view kAtQuery = R"json([
  {"name": "at", "in": "query", "description": "The rate in force then, from 1970 to 2199 (default: the newest)",
   "schema": {"type": "string", "format": "date-time"}}
])json";

constexpr std::string_view kFormatQuery = R"json([
  {"name": "amount", "in": "query", "required": true, "description": "In minor units", "schema": {"type": "integer"}},
  {"name": "currency", "in": "query", "required": true, "schema": {"type": "string", "pattern": "^[A-Z]{3}$"}},
  {"name": "locale", "in": "query", "required": true, "description": "A BCP 47 language tag",
   "schema": {"type": "string", "maxLength": 64, "examples": ["de-CH"]}}
])json";

std::optional<Timestamp> optional_instant(const Request& req, std::vector<FieldError>& errors) {
  const auto at = req.query_param("at");
  return at ? instant_field(*at, "at", errors) : std::nullopt;
}

// {amount: {amount, currency}, to, at?}
struct ConvertRequest {
  std::optional<Money> amount;
  std::optional<std::string_view> to;
  std::optional<Timestamp> at;
};

ConvertRequest parse_convert(const boost::json::value& body) {
  Fields f(body);
  ConvertRequest r;
  std::vector<FieldError> errors;
  if (const auto* amount = f.raw("amount"); !amount || amount->is_null()) {
    errors.push_back({"amount", "is required"});
  } else {
    try {
      r.amount = Money::from_json(*amount, "amount");
    } catch (const Error& e) {
      errors.insert(errors.end(), e.fields().begin(), e.fields().end());
    }
  }
  const auto* to = f.raw("to");
  if (to && to->is_string())
    r.to = currency_field(to->get_string(), "to", errors);
  else
    errors.push_back({"to", "must be an ISO 4217 currency code such as USD"});
  if (const auto* at = f.raw("at"); at && !at->is_null()) {
    if (at->is_string())
      r.at = instant_field(at->get_string(), "at", errors);
    else
      errors.push_back({"at", std::string(kRfc3339Expected)});
  }
  f.add(std::move(errors));
  f.finish({"amount", "to", "at"}, "invalid conversion");
  return r;
}

// The pair in the path names the resource: a currency there that is no ISO 4217 code or has no
// rate (which the service refuses naming "base" or "quote") is no such rate.
Rate rate_of_pair(FxService& fx, std::string_view base, std::string_view quote, std::optional<Timestamp> at) {
  try {
    return fx.rate(base, quote, at);
  } catch (const Error& e) {
    const auto names_pair = std::any_of(e.fields().begin(), e.fields().end(),
                                        [](const FieldError& f) { return f.field == "base" || f.field == "quote"; });
    if (e.kind() != ErrorKind::validation || !names_pair) throw;
    throw Error(ErrorKind::not_found, e.what());
  }
}

}  // namespace

void add_public_routes(http::Router& router, FxService& fx) {
  router.schema("FxDecimal", kFxDecimal);
  // The currency list and formatting do no I/O: they answer on the io thread (run_inline).
  router.add(
      Method::get, "/api/v1/fx/currencies",
      [](const Request&) {
        boost::json::array items;
        for (const auto& c : all_currencies())
          items.push_back({{"code", c.code}, {"name", c.name}, {"minor_units", c.minor_units}});
        return Response::json({{"items", std::move(items)}});
      },
      {.run_inline = true,
       .doc = {.summary = "Every ISO 4217 currency with its minor units", .response = std::string(kCurrencyList)}});

  router.add(Method::get, "/api/v1/fx/rates",
             [&fx](const Request& req) {
               std::vector<FieldError> errors;
               const auto base_param = req.query_param("base");
               const auto base = base_param ? currency_field(*base_param, "base", errors) : std::nullopt;
               reject_bad_fields(std::move(errors));
               const auto table = fx.rates(base);
               boost::json::object rates;
               for (const auto& [currency, rate] : table.quotes) rates[currency] = to_string(rate.value);
               const auto as_of = table.as_of();
               return Response::json({{"base", table.base},
                                      {"as_of", as_of ? boost::json::value(to_rfc3339(*as_of)) : nullptr},
                                      {"rates", std::move(rates)}});
             },
             {.doc = {.summary = "The newest rate of every currency against one base",
                      .response = std::string(kRateTable),
                      .parameters = std::string(kRatesQuery)}});

  router.add(Method::get, "/api/v1/fx/rates/{base}/{quote}",
             [&fx](const Request& req) {
               std::vector<FieldError> errors;
               const auto at = optional_instant(req, errors);
               reject_bad_fields(std::move(errors));
               const auto& base = req.param("base");
               const auto& quote = req.param("quote");
               auto view = rate_json(rate_of_pair(fx, base, quote, at));
               view["base"] = base;
               view["quote"] = quote;
               return Response::json(view);
             },
             {.doc = {.summary = "Units of quote per 1 base, now or at an instant (404 for a currency without a rate)",
                      .response = std::string(kRate),
                      .parameters = std::string(kAtQuery)}});

  router.add(Method::post, "/api/v1/fx/convert",
             [&fx](const Request& req) {
               const auto r = parse_convert(req.json());
               const auto c = fx.conversion(*r.amount, *r.to, r.at);
               return Response::json({{"amount", c.amount.to_json()},
                                      {"rate", to_string(c.rate.value)},
                                      {"rate_time", to_rfc3339(c.rate.valid_from)}});
             },
             {.doc = {.summary = "An amount in another currency, at the newest rates or those in force at an instant",
                      .request = std::string(kConvertRequest),
                      .response = std::string(kConversion)}});

  router.add(Method::get, "/api/v1/fx/format",
             [](const Request& req) {
               std::vector<FieldError> errors;
               const auto minor = minor_units_field(req.query_param("amount").value_or(""), "amount", errors);
               const auto currency = currency_field(req.query_param("currency").value_or(""), "currency", errors);
               const auto locale = req.query_param("locale").value_or("");
               if (!known_locale(locale)) errors.push_back({"locale", std::string(kLocaleHint)});
               reject_bad_fields(std::move(errors));
               const Money amount(*minor, *currency);
               return Response::json(
                   {{"formatted", format_money(amount, locale)}, {"amount", amount.to_json()}, {"locale", locale}});
             },
             {.run_inline = true,
              .doc = {.summary = "An amount as a locale writes it, with the currency's minor units",
                      .response = std::string(kFormatted),
                      .parameters = std::string(kFormatQuery)}});
}

}  // namespace agora::fx
