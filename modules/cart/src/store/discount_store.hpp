#pragma once
// SQL on cart.discount_codes and cart.discount_redemptions.
#include "domain/pricing.hpp"

#include <agora/core/clock.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::cart::discount_store {

std::vector<DiscountCode> codes(soci::session& sql);
std::optional<DiscountCode> code(soci::session& sql, const std::string& code);
// Error{conflict} naming "code" when it exists.
void insert(soci::session& sql, const DiscountCode& c, Timestamp now);
// Every field but the code and its use count.
void update(soci::session& sql, const DiscountCode& c, Timestamp now);
// False when an order redeemed it (deactivate it instead).
bool remove_if_unredeemed(soci::session& sql, const std::string& code);

// The code's row, locked until the transaction ends so that its use count and its redemptions
// change one order at a time.
std::optional<DiscountCode> lock(soci::session& sql, const std::string& code);
bool redeemed(soci::session& sql, const std::string& code, const std::string& order_id);
// Records the order's redemption and counts it.
void record_redemption(soci::session& sql, const std::string& code, const std::string& order_id,
                       const std::string& customer_id, Timestamp at);

// Takes back the order's redemptions (it was cancelled): each code's use count goes down with them.
std::vector<std::string> release_order(soci::session& sql, const std::string& order_id);

// code → orders of this customer that redeemed it, for those of `codes` it redeemed.
std::map<std::string, std::int64_t> customer_usage(soci::session& sql, const std::string& customer_id,
                                                   const std::vector<std::string>& codes);
// customer → orders that redeemed the code.
std::map<std::string, std::int64_t> redemptions_by_customer(soci::session& sql, const std::string& code);

}  // namespace agora::cart::discount_store
