#include "app/cart_cache.hpp"

namespace agora::cart {

std::optional<Cart> CartCache::get(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = carts_.find(id);
  if (it == carts_.end()) return std::nullopt;
  return it->second;
}

void CartCache::put(const Cart& cart) {
  std::lock_guard lock(mutex_);
  auto [it, added] = carts_.try_emplace(cart.id, cart);
  if (!added && it->second.version < cart.version) it->second = cart;
  if (carts_.size() > max_entries_) {  // crude but bounded: the next reads fill it again
    carts_.clear();
    carts_.emplace(cart.id, cart);
  }
}

void CartCache::forget(const std::string& id) {
  std::lock_guard lock(mutex_);
  carts_.erase(id);
}

void CartCache::clear() {
  std::lock_guard lock(mutex_);
  carts_.clear();
}

}  // namespace agora::cart
