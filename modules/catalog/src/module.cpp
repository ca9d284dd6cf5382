// The catalog module: products, categories, variants, multi-currency prices and reviews, with
// an in-process read model kept fresh by product.events on every instance.
#include "app/category_service.hpp"
#include "app/product_cache.hpp"
#include "app/product_service.hpp"
#include "app/review_service.hpp"
#include "app/storefront.hpp"
#include "cli/catalog_command.hpp"
#include "http/part_routes.hpp"
#include "http/product_routes.hpp"
#include "http/storefront_json.hpp"
#include "options.hpp"

#include <agora/catalog/events.hpp>
#include <agora/catalog/module.hpp>
#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/fx/api.hpp>
#include <agora/fx/events.hpp>

namespace agora::catalog {
namespace {

class CatalogModule final : public Module {
 public:
  std::string_view name() const override { return "catalog"; }
  std::vector<ApiRef> requirements() const override { return {api<fx::Api>()}; }
  ConfigSection config_section() const override { return catalog::config_section(); }

  void install(Platform& p) override {
    options_ = read_options(p.config);
    cache_.emplace(p.db);
    categories_.emplace(p.db, p.clock);
    products_.emplace(
        p.db, p.clock, CatalogRules{options_.storefront.base_currency},
        [this](const std::string& id) { return categories_->exists(id); }, *cache_);
    reviews_.emplace(p.db, p.clock, [this](const std::string& id) { cache_->refresh({id}); });
    storefront_.emplace(*cache_,
                        CategoryPaths{[this](const std::string& id) { return categories_->self_and_descendants(id); },
                                      [this](const std::string& id) { return categories_->self_and_ancestors(id); },
                                      [this] { return categories_->nodes(); }},
                        p.services.get<fx::Api>(), p.clock, options_.storefront, product_page_json);
    cache_->on_refresh([this](const auto& ids, const auto& current) { storefront_->refreshed(ids, current); });
    cache_->on_reload([this](const auto& all) { storefront_->reloaded(all); });

    add_storefront_routes(p.router, *storefront_, options_.storefront);
    add_product_admin_routes(p.router, *products_);
    add_category_routes(p.router, *categories_);
    add_review_routes(p.router, *reviews_);
    p.services.provide<Api>(*storefront_);

    p.events.subscribe<order_events::Completed>("catalog.verified_purchases",
                                                [this](Tx& tx, const order_events::Completed& order, const Event& e) {
                                                  reviews_->on_order_completed(tx, order, e.occurred_at);
                                                });
    // A notice is lost only when an instance dies between a commit and its NOTIFY: a periodic
    // re-read bounds how long another instance could serve what that commit changed.
    p.jobs.every("catalog.resync", options_.resync_interval, [this] { resync(); });
    p.events.watch({.topics = {std::string(events::kTopic), std::string(fx::events::kTopic)},
                    .on_event = [this](const Notice& n) { heard(n); },
                    .on_gap = [this] { resync(); }});
  }

  void start() override {
    categories_->reload();
    cache_->load_all();
    cache_->start();
  }
  void stop() override { cache_->stop(); }

  std::vector<CliCommand> commands() override {
    // A command runs without start(): an import checks each product's category against the tree.
    auto command = catalog_command(*products_);
    command.run = [this, run = std::move(command.run)](std::span<const std::string> args) {
      categories_->reload();
      return run(args);
    };
    return {std::move(command)};
  }

 private:
  // What another instance (or this one) committed: refresh what it touched.
  void heard(const Notice& n) {
    if (n.topic == fx::events::kTopic) return storefront_->rates_changed();
    if (n.type.starts_with("category.")) {
      categories_->reload();
      return storefront_->categories_changed();
    }
    if (n.key.empty()) return resync();
    cache_->mark_stale(n.key);
  }
  // Notices may have been missed: read everything again.
  void resync() {
    categories_->reload();
    storefront_->categories_changed();
    cache_->load_all();
  }

  Options options_;
  std::optional<ProductCache> cache_;
  std::optional<CategoryService> categories_;
  std::optional<ProductService> products_;
  std::optional<ReviewService> reviews_;
  std::optional<Storefront> storefront_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<CatalogModule>(); }

}  // namespace agora::catalog
