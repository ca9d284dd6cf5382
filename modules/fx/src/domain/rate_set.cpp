#include "domain/rate_set.hpp"

#include <agora/core/error.hpp>
#include <agora/core/money.hpp>

namespace agora::fx {

RateSet checked(RateSet set, std::string_view provider) {
  const auto fail = [&](std::string_view why) {
    return Error(ErrorKind::unavailable, "rate provider " + std::string(provider) + " " + std::string(why));
  };
  if (!find_currency(set.base)) throw fail("answered an unknown base currency '" + set.base + "'");
  std::erase_if(set.quotes, [&](const auto& q) {
    return q.first == set.base || !find_currency(q.first) || q.second.mantissa <= 0;
  });
  if (set.quotes.empty()) throw fail("answered no usable rate");
  return set;
}

}  // namespace agora::fx
