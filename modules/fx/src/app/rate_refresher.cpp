#include "app/rate_refresher.hpp"

#include "store/rate_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/fx/events.hpp>

namespace agora::fx {
namespace {

events::RatesUpdated rates_updated(const RefreshOutcome& o) {
  events::RatesUpdated e{o.provider, o.rates.base, o.rates.as_of, {}};
  for (const auto& [currency, rate] : o.rates.quotes) e.quotes.push_back({currency, to_string(rate)});
  return e;
}

}  // namespace

RateRefresher::RateRefresher(Database& db, RateBook& book, std::vector<std::unique_ptr<RateProvider>> providers,
                             const Clock& clock, Metrics& metrics)
    : db_(db), book_(book), providers_(std::move(providers)), clock_(clock), metrics_(metrics) {}

RefreshOutcome RateRefresher::refresh() {
  last_attempt_ = clock_.now().time_since_epoch().count();
  for (const auto& provider : providers_) {
    const std::string name(provider->name());
    RefreshOutcome outcome{name, {}, 0};
    try {
      outcome.rates = checked(provider->fetch(), name);
    } catch (const std::exception& e) {
      metrics_.counter("agora_fx_provider_failures_total", "Rate provider fetches that failed", {{"provider", name}})
          .inc();
      log::warn("fx: rate provider failed, trying the next one", {{"provider", name}, {"error", log::describe(e)}});
      continue;
    }
    outcome.stored = db_.transact([&](Tx& tx) {
      const int stored = rate_store::append(tx.sql(), name, outcome.rates, clock_.now());
      if (stored > 0) {
        tx.publish(rates_updated(outcome));
        tx.after_commit([this] { book_.invalidate(); });
      }
      return stored;
    });
    metrics_.counter("agora_fx_refreshes_total", "Rate refreshes by the provider that answered", {{"provider", name}})
        .inc();
    log::info("fx: rates refreshed", {{"provider", name}, {"base", outcome.rates.base}, {"stored", outcome.stored}});
    return outcome;
  }
  throw Error(ErrorKind::unavailable, "no rate provider answered");
}

void RateRefresher::refresh_if_due(std::chrono::seconds interval) {
  const auto last = [&] {
    auto conn = db_.acquire();
    return rate_store::last_fetched(*conn);
  }();
  const auto newest = std::max(last.value_or(Timestamp{}), Timestamp(Timestamp::duration(last_attempt_.load())));
  if (clock_.now() >= newest + interval) refresh();
  book_.latest();  // keeps the staleness gauges current between conversions
}

}  // namespace agora::fx
