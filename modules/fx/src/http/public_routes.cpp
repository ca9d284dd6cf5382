#include "app/money_format.hpp"
#include "http/fields.hpp"
#include "http/rate_json.hpp"
#include "http/routes.hpp"

#include <boost/json.hpp>

namespace agora::fx {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kPureInline{.run_inline = true};  // no I/O: safe on the io thread

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
  const auto* obj = body.if_object();
  if (!obj) throw Error(ErrorKind::bad_request, "the body must be a JSON object");
  ConvertRequest r;
  std::vector<FieldError> errors;
  try {
    r.amount = Money::from_json(obj->contains("amount") ? obj->at("amount") : boost::json::value(), "amount");
  } catch (const Error& e) {
    errors.insert(errors.end(), e.fields().begin(), e.fields().end());
  }
  const auto* to = obj->if_contains("to");
  if (to && to->is_string())
    r.to = currency_field(to->get_string(), "to", errors);
  else
    errors.push_back({"to", "must be an ISO 4217 currency code such as USD"});
  if (const auto* at = obj->if_contains("at"); at && !at->is_null()) {
    if (at->is_string())
      r.at = instant_field(at->get_string(), "at", errors);
    else
      errors.push_back({"at", std::string(kRfc3339Expected)});
  }
  reject_bad_fields(std::move(errors));
  return r;
}

}  // namespace

void add_public_routes(http::Router& router, FxService& fx) {
  router.add(
      Method::get, "/api/v1/fx/currencies",
      [](const Request&) {
        boost::json::array items;
        for (const auto& c : all_currencies())
          items.push_back({{"code", c.code}, {"name", c.name}, {"minor_units", c.minor_units}});
        return Response::json({{"items", std::move(items)}});
      },
      kPureInline);

  router.add(Method::get, "/api/v1/fx/rates", [&fx](const Request& req) {
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
  });

  router.add(Method::get, "/api/v1/fx/rates/{base}/{quote}", [&fx](const Request& req) {
    std::vector<FieldError> errors;
    const auto base = currency_field(req.param("base"), "base", errors);
    const auto quote = currency_field(req.param("quote"), "quote", errors);
    const auto at = optional_instant(req, errors);
    reject_bad_fields(std::move(errors));
    auto view = rate_json(fx.rate(*base, *quote, at));
    view["base"] = *base;
    view["quote"] = *quote;
    return Response::json(view);
  });

  router.add(Method::post, "/api/v1/fx/convert", [&fx](const Request& req) {
    const auto r = parse_convert(req.json());
    const auto c = fx.conversion(*r.amount, *r.to, r.at);
    return Response::json({{"amount", c.amount.to_json()},
                           {"rate", to_string(c.rate.value)},
                           {"rate_time", to_rfc3339(c.rate.valid_from)}});
  });

  router.add(
      Method::get, "/api/v1/fx/format",
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
      kPureInline);
}

}  // namespace agora::fx
