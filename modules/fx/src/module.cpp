// The fx module: exchange rates from providers in failover order, their history, conversions
// through the providers' base currency (from the fixed rates while none is stored), and money
// formatted for a locale.
#include "app/fx_service.hpp"
#include "app/rate_book.hpp"
#include "app/rate_refresher.hpp"
#include "http/routes.hpp"
#include "options.hpp"
#include "providers/ecb_provider.hpp"
#include "providers/fixed_provider.hpp"
#include "store/redis_rate_cache.hpp"

#include <agora/core/config.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/module.hpp>
#include <agora/fx/module.hpp>

#include <algorithm>

namespace agora::fx {
namespace {

// How often the refresh job looks whether a refresh is due.
constexpr std::chrono::seconds kRefreshCheck{60};

std::vector<std::unique_ptr<RateProvider>> providers(const Options& o, const Clock& clock,
                                                     outbound::Destinations& outbound) {
  std::vector<std::unique_ptr<RateProvider>> out;
  for (const auto& name : o.providers) {
    if (name == "ecb")
      out.push_back(std::make_unique<EcbProvider>(outbound.get("ecb"), o.ecb_url, o.fetch_timeout));
    else if (name == "fixed")
      out.push_back(std::make_unique<FixedProvider>(o.fixed_base, o.fixed_rates, clock));
    else
      throw ConfigError("config key fx.providers: unknown provider '" + name + "' (expected ecb or fixed)");
  }
  if (out.empty()) throw ConfigError("config key fx.providers: name at least one provider");
  return out;
}

// The fixed provider's rates, when fx.providers names it and fx.fixed_rates holds some: what the
// rate book answers while no rate is stored (see RateBook), valid from this start.
std::optional<RateTable> fallback(const std::vector<std::unique_ptr<RateProvider>>& providers, const Options& o) {
  if (o.fixed_rates.empty()) return std::nullopt;
  for (const auto& p : providers)
    if (p->name() == "fixed") return table_of(p->fetch(), p->name());
  return std::nullopt;
}

class FxModule final : public Module {
 public:
  std::string_view name() const override { return "fx"; }
  ConfigSection config_section() const override { return fx::config_section(); }

  void install(Platform& p) override {
    const auto o = read_options(p.config);
    refresh_interval_ = o.refresh_interval;
    const auto stale_after = o.stale_after;
    redis_cache_.emplace(p.redis, o.redis_ttl,
                         p.metrics.counter("agora_fx_redis_errors_total", "Redis calls of the fx caches that failed"));
    auto sources = providers(o, p.clock, p.outbound);
    book_.emplace(p.db, *redis_cache_, p.clock, p.metrics, o.local_ttl, fallback(sources, o));
    refresher_.emplace(p.db, *book_, std::move(sources), p.clock, p.metrics);
    service_.emplace(*book_, p.clock);

    add_public_routes(p.router, *service_);
    add_admin_routes(p.router, *refresher_);
    p.services.provide<Api>(*service_);

    const auto age = [this, &clock = p.clock]() -> std::optional<double> {
      const auto newest = book_->newest_known();
      if (!newest) return std::nullopt;
      return std::chrono::duration<double>(clock.now() - *newest).count();
    };
    p.metrics.gauge_fn("agora_fx_rate_age_seconds", "Age of the newest known exchange rate (-1: none known)", {},
                       [age] { return age().value_or(-1); });
    p.metrics.gauge_fn("agora_fx_rates_stale", "1 when no exchange rate is newer than fx.stale_after_s", {},
                       [age, stale_after] {
                         const auto a = age();
                         return !a || *a > static_cast<double>(stale_after.count()) ? 1.0 : 0.0;
                       });
    p.jobs.every("fx.refresh", std::min<std::chrono::milliseconds>(kRefreshCheck, refresh_interval_),
                 [this] { refresher_->refresh_if_due(refresh_interval_); });
  }

  void start() override { book_->latest(); }  // warm: the first conversion and the gauges need no load

 private:
  std::chrono::seconds refresh_interval_{};
  std::optional<RedisRateCache> redis_cache_;
  std::optional<RateBook> book_;
  std::optional<RateRefresher> refresher_;
  std::optional<FxService> service_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<FxModule>(); }

}  // namespace agora::fx
