#pragma once
// The catalog's read model: every product in memory, by id, slug and SKU. Loaded at start,
// refreshed after each committed change: on this instance right after commit (refresh), on every
// instance by the product.events watcher (mark_stale, batched by a background thread). Readers
// never wait on I/O. Listeners hear every change in the order it was read.
#include "domain/product.hpp"

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace agora {
class Database;
}

namespace agora::catalog {

class ProductCache {
 public:
  using Ptr = std::shared_ptr<const Product>;
  explicit ProductCache(Database& db) : db_(db) {}
  ~ProductCache() { stop(); }

  void load_all();
  // Re-reads these products from the database (dropping those gone), then tells on_refresh. Does
  // nothing before load_all: a cache nobody loaded is read by nobody.
  void refresh(const std::vector<std::string>& product_ids);
  // Queues a product for the background refresher (start() runs it).
  void mark_stale(const std::string& product_id);
  void start();
  void stop();
  // Called after a refresh with the ids read and the products among them that still exist.
  using RefreshListener = std::function<void(const std::vector<std::string>& ids, const std::vector<Ptr>& current)>;
  void on_refresh(RefreshListener listener) { on_refresh_ = std::move(listener); }
  // Called after load_all with every product.
  void on_reload(std::function<void(const std::vector<Ptr>& all)> listener) { on_reload_ = std::move(listener); }

  Ptr by_id(std::string_view id) const;
  Ptr by_slug(std::string_view slug) const;
  Ptr by_sku(std::string_view sku) const;
  std::vector<std::pair<std::string, std::int64_t>> revisions() const;  // every product's id and revision
  std::size_t size() const;

 private:
  void install(Ptr product);          // under the write lock
  void erase(const std::string& id);  // under the write lock
  void run_refresher();

  Database& db_;
  std::mutex refresh_mutex_;  // refreshes and their listeners in order: a later one reads a later state
  bool loaded_ = false;       // under refresh_mutex_
  mutable std::shared_mutex mutex_;
  std::map<std::string, Ptr, std::less<>> by_id_;
  std::unordered_map<std::string, std::string> id_by_slug_;
  std::unordered_map<std::string, std::string> id_by_sku_;
  RefreshListener on_refresh_;
  std::function<void(const std::vector<Ptr>&)> on_reload_;

  std::mutex stale_mutex_;
  std::condition_variable stale_cv_;
  std::set<std::string> stale_;
  bool running_ = false;
  std::thread refresher_;
};

}  // namespace agora::catalog
