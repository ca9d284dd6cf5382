#pragma once
// Keeps this instance's index current: what the catalog and the inventory changed reaches it in
// batches at most commit_interval apart, each committed at once. At start it opens the index on disk
// and brings it up to date with the catalog (rebuilding it when it is missing or unreadable);
// reindex() builds a new generation on a thread of its own while the current one goes on answering
// and following changes, then swaps it in.
#include "app/generation.hpp"
#include "domain/category_view.hpp"
#include "options.hpp"

#include <agora/catalog/api.hpp>
#include <agora/core/clock.hpp>
#include <agora/core/metrics.hpp>
#include <agora/inventory/api.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace agora::search {

class Indexer {
 public:
  using SynonymSource = std::function<Synonyms(const std::string& locale)>;  // folded groups
  Indexer(catalog::Api& catalog, inventory::Api& inventory, SynonymSource synonyms, Options options, Metrics& metrics);
  ~Indexer() { stop(); }

  void start();  // opens the index on disk and follows changes; the first build runs in the background
  void stop();

  // Null until the first build has finished.
  std::shared_ptr<Generation> current() const;
  std::shared_ptr<const CategoryView> categories() const;
  // The column of `currency` in `generation`, filled from the catalog when it has none yet. Throws
  // as catalog::Api::listing_prices for a currency without an exchange rate.
  void ensure_prices(Generation& generation, const std::string& currency);

  void heard(const catalog::CatalogChange& change);
  void stock_changed(const std::string& sku);
  void synonyms_changed();
  void reindex();  // a new generation from the catalog, swapped in when built
  bool rebuilding() const;
  std::uint64_t version() const { return version_.load(std::memory_order_acquire); }  // grows with every commit

 private:
  struct Pending {
    std::set<std::string> products;
    std::set<std::string> skus;
    bool all = false;
    bool categories = false;
    bool synonyms = false;
    std::chrono::steady_clock::time_point since{};  // when the oldest of it was heard
    bool empty() const { return products.empty() && skus.empty() && !all && !categories && !synonyms; }
    void merge(const Pending& other);
  };

  void run();
  void apply(Generation& g, const Pending& p);
  // Brings g up to what the catalog holds: every product in it (texts put where the stored revision
  // differs, per locale), stock, and the prices of g's columns.
  using Stored = std::map<std::string, std::map<std::uint32_t, StoredText>>;  // by locale, by slot
  // Products whose texts were put, for the table once the texts are committed: a search never sees
  // a product in the table that its words cannot find yet, or find it by words it no longer has.
  using Staged = ProductTable::Puts;
  void sync_all(Generation& g, const Stored& stored, Staged& staged);
  void commit(Generation& g, Staged& staged);
  Stored stored_in(const Generation& g) const;  // what the table says the texts hold, of every product
  // Puts these products (or removes those gone or no longer active); a text is written where
  // `stored` (null: the table) does not already hold its revision, or for every one with force_text.
  void put_products(Generation& g, const std::vector<std::string>& ids, bool force_text, const Stored* stored,
                    Staged& staged);
  void restock(Generation& g, const std::vector<std::string>& skus);
  void reprice(Generation& g, const std::vector<std::pair<std::uint32_t, std::string>>& products);
  void load_synonyms(Generation& g);
  std::shared_ptr<Generation> open_current();  // null when there is none or it cannot be read
  std::shared_ptr<Generation> build();         // a new generation, synced
  void install(std::shared_ptr<Generation> g);
  IndexedText text_for(const catalog::ProductDocument& doc, const std::string& locale, std::uint32_t slot) const;

  catalog::Api& catalog_;
  inventory::Api& inventory_;
  SynonymSource synonyms_;
  Options options_;
  Histogram& lag_;
  Gauge& documents_;
  Counter& rebuilds_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  Pending pending_;
  std::optional<Pending> replay_;  // changes heard while a rebuild runs: applied to it before the swap
  std::shared_ptr<Generation> current_;
  std::shared_ptr<Generation> built_;  // a finished rebuild waiting for the indexer thread
  std::shared_ptr<const CategoryView> categories_ = std::make_shared<CategoryView>();
  bool running_ = false;
  bool reindex_asked_ = false;
  bool building_ = false;
  std::thread thread_;
  std::thread builder_;
  std::atomic<std::uint64_t> version_{0};
};

}  // namespace agora::search
