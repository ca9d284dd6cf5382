// The search module: this instance's own full-text index of the catalog, kept current from the
// catalog's and the inventory's changes, with facets, suggestions and search analytics.
#include "app/analytics.hpp"
#include "app/indexer.hpp"
#include "app/searcher.hpp"
#include "app/suggester.hpp"
#include "app/synonyms.hpp"
#include "cli/search_command.hpp"
#include "http/routes.hpp"
#include "options.hpp"

#include <agora/catalog/api.hpp>
#include <agora/core/events.hpp>
#include <agora/inventory/api.hpp>
#include <agora/inventory/events.hpp>
#include <agora/search/events.hpp>
#include <agora/search/module.hpp>

#include <optional>

namespace agora::search {
namespace {

class SearchModule final : public Module {
 public:
  std::string_view name() const override { return "search"; }
  std::vector<ApiRef> requirements() const override { return {api<catalog::Api>(), api<inventory::Api>()}; }
  ConfigSection config_section() const override { return search::config_section(); }

  void install(Platform& p) override {
    options_ = read_options(p.config);
    db_ = &p.db;
    auto& catalog = p.services.get<catalog::Api>();
    synonyms_.emplace(p.db, p.clock, options_);
    analytics_.emplace(p.db, p.clock, options_, p.metrics);
    indexer_.emplace(
        catalog, p.services.get<inventory::Api>(), [this](const std::string& l) { return synonyms_->folded(l); },
        options_, p.metrics);
    searcher_.emplace(*indexer_, catalog, options_);
    suggester_.emplace(
        *indexer_, [this](const std::string& l) { return analytics_->popular(l); }, options_);

    catalog.on_change([this](const catalog::CatalogChange& change) { indexer_->heard(change); });
    p.events.watch({.topics = {std::string(inventory::events::kTopic), std::string(events::kTopic)},
                    .on_event = [this](const Notice& n) { heard(n); },
                    .on_gap = [this] { indexer_->heard({.all = true}); }});

    const SearchParts parts{*searcher_, *suggester_, *analytics_, *synonyms_, *indexer_, p.db, options_};
    add_public_routes(p.router, parts);
    add_admin_routes(p.router, parts);
    p.jobs.every("search.log_flush", options_.log_flush, [this] { analytics_->flush(); });
    p.jobs.every("search.suggestions", std::chrono::seconds(2), [this] { suggester_->refresh(); });
    p.jobs.every("search.prune", std::chrono::hours(1), [this] { analytics_->prune(); });
    p.readiness.add_note("search", [this]() -> std::optional<std::string> {
      if (!indexer_->current()) return "the search index is being built: searches answer 503 until it is";
      if (indexer_->rebuilding()) return "the search index is being rebuilt; the current one answers meanwhile";
      return std::nullopt;
    });
  }

  void start() override { indexer_->start(); }
  void stop() override {
    indexer_->stop();
    try {
      analytics_->flush();
    } catch (...) {
    }
  }

  std::vector<CliCommand> commands() override { return {search_command(*db_)}; }

 private:
  void heard(const Notice& n) {
    if (n.type == inventory::events::StockChanged::kName.type) {
      if (!n.key.empty()) indexer_->stock_changed(n.key);
    } else if (n.type == events::SynonymsChanged::kName.type) {
      indexer_->synonyms_changed();
    } else if (n.type == events::ReindexRequested::kName.type) {
      indexer_->reindex();
    }
  }

  Options options_;
  Database* db_ = nullptr;
  std::optional<SynonymService> synonyms_;
  std::optional<Analytics> analytics_;
  std::optional<Indexer> indexer_;
  std::optional<Searcher> searcher_;
  std::optional<Suggester> suggester_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<SearchModule>(); }

}  // namespace agora::search
