#pragma once
// Request fields of the fx routes, validated; every error names its field. A parser records its
// error in `errors` and returns nullopt so one answer can list every bad field.
#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace agora::fx {

std::optional<std::string_view> currency_field(std::string_view text, std::string_view field,
                                               std::vector<FieldError>& errors);
// An RFC 3339 timestamp within the supported range (kRfc3339Expected).
std::optional<Timestamp> instant_field(std::string_view text, std::string_view field, std::vector<FieldError>& errors);
// An integer number of minor units.
std::optional<std::int64_t> minor_units_field(std::string_view text, std::string_view field,
                                              std::vector<FieldError>& errors);
// Throws Error{validation} listing `errors` when there are any.
void reject_bad_fields(std::vector<FieldError> errors);

}  // namespace agora::fx
