#include "app/product_cache.hpp"

#include "store/product_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>

namespace agora::catalog {

void ProductCache::load_all() {
  std::lock_guard order(refresh_mutex_);
  auto conn = db_.acquire();
  auto products = product_store::load_all(*conn);
  std::vector<Ptr> all;
  all.reserve(products.size());
  for (auto& p : products) all.push_back(std::make_shared<const Product>(std::move(p)));
  {
    std::unique_lock lock(mutex_);
    by_id_.clear();
    id_by_slug_.clear();
    id_by_sku_.clear();
    for (const auto& p : all) install(p);
  }
  loaded_ = true;
  if (on_reload_) on_reload_(all);
}

void ProductCache::refresh(const std::vector<std::string>& product_ids) {
  std::lock_guard order(refresh_mutex_);
  if (product_ids.empty() || !loaded_) return;  // never loaded (agora catalog import): nobody reads it
  std::vector<Ptr> current;
  {
    auto conn = db_.acquire();
    for (auto& p : product_store::load_many(*conn, product_ids))
      current.push_back(std::make_shared<const Product>(std::move(p)));
  }
  {
    std::unique_lock lock(mutex_);
    for (const auto& id : product_ids) erase(id);
    for (const auto& p : current) install(p);
  }
  if (on_refresh_) on_refresh_(product_ids, current);
}

void ProductCache::mark_stale(const std::string& product_id) {
  {
    std::lock_guard lock(stale_mutex_);
    stale_.insert(product_id);
  }
  stale_cv_.notify_one();
}

void ProductCache::start() {
  std::lock_guard lock(stale_mutex_);
  if (running_) return;
  running_ = true;
  refresher_ = std::thread([this] { run_refresher(); });
}

void ProductCache::stop() {
  {
    std::lock_guard lock(stale_mutex_);
    running_ = false;
  }
  stale_cv_.notify_one();
  if (refresher_.joinable()) refresher_.join();
}

// Drains the stale set in batches, so a bulk import elsewhere costs a few queries per 500 products.
void ProductCache::run_refresher() {
  constexpr std::size_t kBatch = 500;
  while (true) {
    std::vector<std::string> batch;
    {
      std::unique_lock lock(stale_mutex_);
      stale_cv_.wait(lock, [&] { return !running_ || !stale_.empty(); });
      if (!running_) return;
      while (!stale_.empty() && batch.size() < kBatch) batch.push_back(stale_.extract(stale_.begin()).value());
    }
    try {
      refresh(batch);
    } catch (const std::exception& e) {
      log::warn("catalog cache refresh failed; retrying", {{"error", log::describe(e)}, {"products", batch.size()}});
      {
        std::lock_guard lock(stale_mutex_);
        stale_.insert(batch.begin(), batch.end());
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
}

void ProductCache::install(Ptr p) {
  id_by_slug_[p->slug] = p->id;
  for (const auto& v : p->variants) id_by_sku_[v.sku] = p->id;
  by_id_[p->id] = std::move(p);
}

void ProductCache::erase(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  const auto& p = *it->second;
  if (auto s = id_by_slug_.find(p.slug); s != id_by_slug_.end() && s->second == id) id_by_slug_.erase(s);
  for (const auto& v : p.variants)
    if (auto s = id_by_sku_.find(v.sku); s != id_by_sku_.end() && s->second == id) id_by_sku_.erase(s);
  by_id_.erase(it);
}

ProductCache::Ptr ProductCache::by_id(std::string_view id) const {
  std::shared_lock lock(mutex_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<std::pair<std::string, std::int64_t>> ProductCache::revisions() const {
  std::shared_lock lock(mutex_);
  std::vector<std::pair<std::string, std::int64_t>> out;
  out.reserve(by_id_.size());
  for (const auto& [id, p] : by_id_) out.emplace_back(id, p->revision);
  return out;
}

ProductCache::Ptr ProductCache::by_slug(std::string_view slug) const {
  std::shared_lock lock(mutex_);
  auto it = id_by_slug_.find(std::string(slug));
  if (it == id_by_slug_.end()) return nullptr;
  auto p = by_id_.find(it->second);
  return p == by_id_.end() ? nullptr : p->second;
}

ProductCache::Ptr ProductCache::by_sku(std::string_view sku) const {
  std::shared_lock lock(mutex_);
  auto it = id_by_sku_.find(std::string(sku));
  if (it == id_by_sku_.end()) return nullptr;
  auto p = by_id_.find(it->second);
  return p == by_id_.end() ? nullptr : p->second;
}

std::size_t ProductCache::size() const {
  std::shared_lock lock(mutex_);
  return by_id_.size();
}

}  // namespace agora::catalog
