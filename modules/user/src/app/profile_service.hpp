#pragma once
// A user's own data: profile, addresses, preferences, erasure; and user::Api for other modules.
// Every method takes the caller's own user id: another user's address id simply finds nothing.
#include "app/token_gate.hpp"
#include "domain/account.hpp"
#include "domain/profile.hpp"

#include <agora/user/api.hpp>

#include <optional>
#include <vector>

namespace agora {
class Database;
}

namespace agora::user {

struct PreferencesView {
  Preferences preferences;
  std::optional<Timestamp> marketing_consent_at;
};

class ProfileService final : public Api {
 public:
  ProfileService(Database& db, const Clock& clock, TokenGate& gate);

  Account me(const std::string& user_id);  // Error{not_found} for a deleted or unknown user
  Account update_me(const std::string& user_id, const ProfilePatch& patch);
  void delete_me(const std::string& user_id);  // anonymises the account and publishes user.deleted

  std::vector<Address> addresses(const std::string& user_id);
  Address address(const std::string& user_id, const std::string& address_id);
  Address add_address(const std::string& user_id, const AddressPatch& address);
  Address update_address(const std::string& user_id, const std::string& address_id, const AddressPatch& patch);
  void delete_address(const std::string& user_id, const std::string& address_id);

  PreferencesView preferences_of(const std::string& user_id);
  PreferencesView update_preferences(const std::string& user_id, const PreferencesPatch& patch);

  // user::Api
  std::optional<UserSummary> find(std::string_view user_id) override;
  std::vector<UserSummary> with_role(std::string_view role) override;
  void withdraw_marketing_consent(std::string_view user_id) override;
  std::optional<Address> default_shipping_address(std::string_view user_id) override {
    return default_address(user_id, true);
  }
  std::optional<Address> default_billing_address(std::string_view user_id) override {
    return default_address(user_id, false);
  }
  std::optional<Preferences> preferences(std::string_view user_id) override;
  std::optional<Address> find_address(std::string_view user_id, std::string_view address_id) override;
  std::vector<FieldError> address_problems(const Address& a) override { return user::address_problems(a); }

 private:
  std::optional<Address> default_address(std::string_view user_id, bool shipping);
  Database& db_;
  const Clock& clock_;
  TokenGate& gate_;
};

}  // namespace agora::user
