#pragma once
// The one row a lookup by key finds, read as a T.
#include <agora/core/prepared.hpp>

#include <optional>

namespace agora::user {

template <class T>
std::optional<T> first_row(const prepared::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return rows.as<T>(0);
}

}  // namespace agora::user
