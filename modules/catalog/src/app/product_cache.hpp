#pragma once
// The catalog's read model: every product in memory, by id, slug and SKU. Loaded at start,
// refreshed after each committed change: on this instance right after commit (refresh), on every
// instance by the product.events watcher (mark_stale, batched by a background thread). Readers
// never wait on I/O.
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

// The terms a product is filed under, for filtered listings.
std::string brand_term(std::string_view brand);
std::string attribute_term(std::string_view name, std::string_view value);
std::string category_term(std::string_view category_id);

class ProductCache {
 public:
  using Ptr = std::shared_ptr<const Product>;
  explicit ProductCache(Database& db) : db_(db) {}
  ~ProductCache() { stop(); }

  void load_all();
  // Re-reads these products from the database (dropping those gone), then tells on_change.
  void refresh(const std::vector<std::string>& product_ids);
  // Queues a product for the background refresher (start() runs it).
  void mark_stale(const std::string& product_id);
  void start();
  void stop();
  // Called with each product id after it was refreshed (to drop rendered pages).
  void on_change(std::function<void(const std::string&)> listener) { on_change_ = std::move(listener); }

  Ptr by_id(std::string_view id) const;
  Ptr by_slug(std::string_view slug) const;
  Ptr by_sku(std::string_view sku) const;
  // Visits products newest first (ids are UUIDv7) until visit returns false. Holds a read lock:
  // visit must not call back into the cache.
  void scan(const std::function<bool(const Ptr&)>& visit) const;
  // The same, over the products filed under `term` (brand_term, attribute_term, category_term),
  // so that a filtered listing touches only what the filter can match.
  void scan(const std::string& term, const std::function<bool(const Ptr&)>& visit) const;
  std::size_t count(const std::string& term) const;  // products filed under the term
  std::size_t size() const;

 private:
  void file(const Ptr& p, bool add);  // under the write lock: the product's terms
  void install(Ptr product);          // under the write lock
  void erase(const std::string& id);  // under the write lock
  void run_refresher();

  Database& db_;
  std::mutex refresh_mutex_;  // refreshes in order: a later refresh always reads a later state
  mutable std::shared_mutex mutex_;
  std::map<std::string, Ptr, std::less<>> by_id_;
  std::unordered_map<std::string, std::string> id_by_slug_;
  std::unordered_map<std::string, std::string> id_by_sku_;
  // Products by term, newest first: the pointers themselves, so a filtered scan does no lookups.
  std::unordered_map<std::string, std::map<std::string_view, Ptr, std::greater<>>> by_term_;
  std::function<void(const std::string&)> on_change_;

  std::mutex stale_mutex_;
  std::condition_variable stale_cv_;
  std::set<std::string> stale_;
  bool running_ = false;
  std::thread refresher_;
};

}  // namespace agora::catalog
