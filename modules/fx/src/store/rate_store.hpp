#pragma once
// SOCI statements for fx.rates: the append-only history of every provider's rates.
#include "domain/rate_set.hpp"
#include "domain/rate_table.hpp"

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace agora::fx::rate_store {

// Appends the set's rates; returns how many were new (a set fetched twice is stored once).
int append(soci::session& sql, std::string_view provider, const RateSet& set, Timestamp fetched_at);
// The rates in force at `at` (nullopt: the newest stored): the base of the newest rate, and for
// each of its quotes the newest rate from any provider. Rates of the fixed provider (config's, stored
// when it answered a refresh that the providers before it failed) only fill the quotes no other
// provider has: stored at the moment of that refresh, they would otherwise outrank the ECB's answers,
// valid from its day's start, until the next day. An empty table when none is stored.
RateTable table(soci::session& sql, std::optional<Timestamp> at);
// When the oldest stored rate became valid; nullopt when none is stored.
std::optional<Timestamp> first_valid_from(soci::session& sql);
// When rates were last stored; nullopt when never.
std::optional<Timestamp> last_fetched(soci::session& sql);

}  // namespace agora::fx::rate_store
