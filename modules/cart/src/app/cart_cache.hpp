#pragma once
// The carts this instance read or wrote last, by id. A read asks Redis for the document only when
// its version differs from the one here, and a write starts from here: Redis's compare-and-set tells
// it when another write (from any instance) came first. So the cache is never trusted for more than
// a version number Redis confirms.
#include "domain/cart.hpp"

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace agora::cart {

class CartCache {
 public:
  explicit CartCache(std::size_t max_entries) : max_entries_(max_entries) {}
  std::optional<Cart> get(const std::string& id) const;
  void put(const Cart& cart);  // keeps the newer version of the two
  void forget(const std::string& id);
  void clear();

 private:
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Cart> carts_;
};

}  // namespace agora::cart
