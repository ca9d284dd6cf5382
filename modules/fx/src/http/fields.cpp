#include "http/fields.hpp"

#include <agora/core/money.hpp>

#include <charconv>

namespace agora::fx {

std::optional<std::string_view> currency_field(std::string_view text, std::string_view field,
                                               std::vector<FieldError>& errors) {
  if (const auto* c = find_currency(text)) return c->code;
  errors.push_back({std::string(field), "must be an ISO 4217 currency code such as USD"});
  return std::nullopt;
}

std::optional<Timestamp> instant_field(std::string_view text, std::string_view field, std::vector<FieldError>& errors) {
  if (auto t = parse_rfc3339(text)) return t;
  errors.push_back({std::string(field), std::string(kRfc3339Expected)});
  return std::nullopt;
}

std::optional<std::int64_t> minor_units_field(std::string_view text, std::string_view field,
                                              std::vector<FieldError>& errors) {
  std::int64_t n = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (!text.empty() && ec == std::errc{} && p == text.data() + text.size()) return n;
  errors.push_back({std::string(field), "must be an integer number of minor units"});
  return std::nullopt;
}

void reject_bad_fields(std::vector<FieldError> errors) {
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid request", std::move(errors));
}

}  // namespace agora::fx
