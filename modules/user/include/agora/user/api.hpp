#pragma once
// user::Api: what other modules may ask the user module (find it with platform.services.get<user::Api>()).
#include <agora/core/error.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::user {

// The roles a principal can hold; route options name them.
inline constexpr std::string_view kCustomer = "customer";
inline constexpr std::string_view kSupport = "support";
inline constexpr std::string_view kCatalogManager = "catalog_manager";
inline constexpr std::string_view kWarehouse = "warehouse";
inline constexpr std::string_view kOrderManager = "order_manager";
inline constexpr std::string_view kAdmin = "admin";

struct UserSummary {
  std::string id;
  std::string email;
  std::string name;
  std::string locale;              // "" when not set
  std::string preferred_currency;  // "" when not set
  std::vector<std::string> roles;
  std::string status;  // active, locked, deleted
  bool email_verified = false;
  std::string phone;  // E.164, "" when not set
};

struct Address {
  std::string id;
  std::string label;
  std::string recipient;
  std::string line1;
  std::string line2;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
  std::string phone;
  bool default_shipping = false;
  bool default_billing = false;
};

// Notification channels per category: "email", "sms", "push", "in_app".
struct Preferences {
  std::string language = "en";
  std::string currency;  // "" when not set
  std::vector<std::string> order_channels{"email", "in_app"};
  std::vector<std::string> marketing_channels;
  std::vector<std::string> security_channels{"email"};
  bool marketing_consent = false;
};

class Api {
 public:
  static constexpr std::string_view kModule = "user";  // the module that provides it
  virtual ~Api() = default;
  virtual std::optional<UserSummary> find(std::string_view user_id) = 0;
  // The active accounts holding `role` (staff to alert: "warehouse", "admin"), oldest first.
  virtual std::vector<UserSummary> with_role(std::string_view role) = 0;
  virtual std::optional<Address> default_shipping_address(std::string_view user_id) = 0;
  virtual std::optional<Address> default_billing_address(std::string_view user_id) = 0;
  // Defaults when the user has none stored; nullopt for an unknown user.
  virtual std::optional<Preferences> preferences(std::string_view user_id) = 0;
  // The user clicked an email's unsubscribe link: no more marketing (as PATCH preferences
  // {marketing_consent: false} would). Error{not_found} for an unknown user.
  virtual void withdraw_marketing_consent(std::string_view user_id) = 0;
  // The user's saved address `address_id`; nullopt when the user has no such address.
  virtual std::optional<Address> find_address(std::string_view user_id, std::string_view address_id) = 0;
  // What is wrong with an address given elsewhere (a cart's), field by field, judged as the user
  // module judges its own: required parts, lengths, country, phone, postal code.
  virtual std::vector<FieldError> address_problems(const Address& address) = 0;
};

}  // namespace agora::user
