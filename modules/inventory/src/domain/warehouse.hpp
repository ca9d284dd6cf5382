#pragma once
// A warehouse stock is kept in, and what an operator may set of it.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace agora::inventory {

// What a warehouse's fields may hold; a code is written as a SKU is (valid_sku).
inline constexpr std::size_t kMaxCodeLength = 32;
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxRegionLength = 64;
inline constexpr std::size_t kMaxAddressLength = 1000;
inline constexpr int kMaxPriority = 1'000'000;

struct Warehouse {
  std::string id;
  std::string code;
  std::string name;
  std::string region;
  std::string address;
  int priority = 100;  // lower first
  bool active = true;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Warehouse, (), (id, code, name, region, address, priority, active, created_at, updated_at))

// The fields a change names (the code cannot change); the others keep their value.
struct WarehouseChanges {
  std::optional<std::string> name;
  std::optional<std::string> region;
  std::optional<std::string> address;
  std::optional<int> priority;
  std::optional<bool> active;
};
void apply(const WarehouseChanges& changes, Warehouse& w);

struct NewWarehouse {
  std::string code;
  WarehouseChanges fields;  // name is given
};

}  // namespace agora::inventory
