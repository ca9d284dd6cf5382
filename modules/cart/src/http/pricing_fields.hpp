#pragma once
// Fields of the pricing admin bodies that several of them hold: countries, currencies, lists of
// names, amounts per currency and instants, each checked and named in the 422 when bad.
#include "domain/tax.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/fields.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::cart {

// An ISO 4217 code this server knows ("USD").
bool valid_currency(std::string_view code);

std::optional<std::string> country_field(Fields& f, std::string_view key, bool required);
std::optional<std::string> currency_field(Fields& f, std::string_view key, bool required);
// A region within a country, as ISO 3166-2 writes it after the dash ("NY", "BY", "13"); "" for none.
std::string region_field(Fields& f, std::string_view key);
// A JSON array of strings (absent or null: empty), each checked by `valid` whose failure says `expected`.
std::vector<std::string> string_list(Fields& f, std::string_view key, bool (*valid)(std::string_view),
                                     std::string_view expected);
// {"USD": 500, ...}: known currencies to integers from `min` (absent or null: empty).
std::map<std::string, std::int64_t> amounts_field(Fields& f, std::string_view key, std::int64_t min);
// An RFC 3339 instant or null.
std::optional<Timestamp> instant_field(Fields& f, std::string_view key);

}  // namespace agora::cart
