#pragma once
// What the user module's events make the notification module tell the account holder: the email
// verification link after registration and the password reset link, by email only (the link proves
// the address), and a security notice when two-step sign-in was turned on.
#include "app/message_intake.hpp"

#include <agora/core/events.hpp>
#include <agora/user/events.hpp>

#include <string>

namespace agora::notification {

class AccountReactions {
 public:
  // shop_url: the storefront's address; its /verify-email and /reset-password pages take ?token=.
  AccountReactions(MessageIntake& intake, std::string shop_name, std::string shop_url);
  void on_registered(Tx& tx, const user::events::Registered& e, const Event& envelope);
  void on_password_reset_requested(Tx& tx, const user::events::PasswordResetRequested& e, const Event& envelope);

 private:
  MessageIntake& intake_;
  const std::string shop_name_;
  const std::string shop_url_;
};

}  // namespace agora::notification
