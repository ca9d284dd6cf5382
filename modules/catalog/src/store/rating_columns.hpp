#pragma once
// A product's rating aggregate as a statement returns it: columns count, sum and r1 to r5.
#include "domain/review.hpp"

#include <agora/core/prepared.hpp>

#include <string>

namespace agora::catalog {

inline RatingSummary rating_columns(const prepared::Rows& rows, int row) {
  RatingSummary s;
  s.count = rows.get<int>(row, "count");
  s.sum = rows.get<long long>(row, "sum");
  for (std::size_t stars = 1; stars <= s.histogram.size(); ++stars)
    s.histogram[stars - 1] = rows.get<int>(row, "r" + std::to_string(stars));
  return s;
}

}  // namespace agora::catalog
