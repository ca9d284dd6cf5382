#pragma once
// An account as the module keeps it, what decides whether its tokens are honoured, and how
// administrators look accounts up.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace agora::user {

struct Account {
  std::string id;
  std::string email;
  bool email_verified = false;
  std::optional<std::string> password_hash;
  std::string name;
  std::optional<std::string> phone, locale, preferred_currency;
  std::vector<std::string> roles;
  std::string status = "active";
  std::optional<std::string> locked_reason;
  std::optional<std::string> default_shipping_address_id, default_billing_address_id;
  Timestamp created_at, updated_at;
  bool mfa_enabled = false;  // read-only: whether a confirmed TOTP enrolment exists
};
BOOST_DESCRIBE_STRUCT(Account, (),
                      (id, email, email_verified, password_hash, name, phone, locale, preferred_currency, roles, status,
                       locked_reason, default_shipping_address_id, default_billing_address_id, created_at, updated_at,
                       mfa_enabled))

// What decides whether an account's access tokens are honoured.
struct TokenStanding {
  std::string status;                   // active, locked, deleted
  std::optional<Timestamp> not_before;  // tokens issued earlier are refused
};
BOOST_DESCRIBE_STRUCT(TokenStanding, (), (status, not_before))

struct AccountQuery {
  std::string text;    // matches email or name, case-insensitive; "" matches all
  std::string role;    // "" for any
  std::string status;  // "" for any
  std::size_t limit = 50;
  std::string after_id;  // cursor: ids are UUIDv7, so this pages in creation order
};

}  // namespace agora::user
