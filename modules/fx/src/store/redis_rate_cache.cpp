#include "store/redis_rate_cache.hpp"

#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/redis.hpp>
#include <boost/json.hpp>

namespace agora::fx {
namespace {

constexpr std::string_view kKey = "fx:rates:latest";

std::string encode(const RateTable& table) {
  boost::json::object quotes;
  for (const auto& [currency, rate] : table.quotes)
    quotes[currency] = {
        {"rate", to_string(rate.value)}, {"valid_from", micros(rate.valid_from)}, {"provider", rate.provider}};
  return boost::json::serialize(boost::json::object{{"base", table.base}, {"quotes", std::move(quotes)}});
}

// nullopt for anything not written by encode() (another version's format): a miss.
std::optional<RateTable> decode(const std::string& text) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(text, ec);
  const auto* obj = ec ? nullptr : v.if_object();
  const auto* base = obj ? obj->if_contains("base") : nullptr;
  const auto* quotes = obj ? obj->if_contains("quotes") : nullptr;
  if (!base || !base->is_string() || !quotes || !quotes->is_object()) return std::nullopt;
  RateTable table{std::string(base->get_string()), {}};
  for (const auto& [currency, q] : quotes->get_object()) {
    const auto* rate = q.is_object() ? q.get_object().if_contains("rate") : nullptr;
    const auto* from = q.is_object() ? q.get_object().if_contains("valid_from") : nullptr;
    const auto* provider = q.is_object() ? q.get_object().if_contains("provider") : nullptr;
    if (!rate || !rate->is_string() || !from || !from->is_int64() || !provider || !provider->is_string())
      return std::nullopt;
    const auto value = parse_decimal(rate->get_string());
    if (!value) return std::nullopt;
    table.quotes.emplace(std::string(currency),
                         Rate{*value, from_micros(from->get_int64()), std::string(provider->get_string())});
  }
  return table;
}

}  // namespace

std::optional<RateTable> RedisRateCache::get() {
  try {
    const auto reply = redis_.command({"GET", kKey});
    if (reply.type != RedisReply::Type::string) return std::nullopt;
    return decode(reply.str);
  } catch (const std::exception& e) {
    errors_.inc();
    log::warn("fx: Redis read failed, reading rates from PostgreSQL", {{"error", log::describe(e)}});
    return std::nullopt;
  }
}

void RedisRateCache::put(const RateTable& table) {
  try {
    redis_.command({"SET", kKey, encode(table), "EX", std::to_string(ttl_.count())});
  } catch (const std::exception& e) {
    errors_.inc();
    log::warn("fx: Redis write failed", {{"error", log::describe(e)}});
  }
}

void RedisRateCache::invalidate() {
  try {
    redis_.command({"DEL", kKey});
  } catch (const std::exception& e) {
    // The TTL bounds how long another instance may read the old table from Redis.
    errors_.inc();
    log::warn("fx: Redis delete failed; the cached rates expire with their TTL", {{"error", log::describe(e)}});
  }
}

}  // namespace agora::fx
