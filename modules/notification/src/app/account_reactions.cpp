#include "app/account_reactions.hpp"

#include "app/template_values.hpp"
#include "domain/channels.hpp"

namespace agora::notification {

AccountReactions::AccountReactions(MessageIntake& intake, std::string shop_name, std::string shop_url)
    : intake_(intake), shop_name_(std::move(shop_name)), shop_url_(std::move(shop_url)) {}

void AccountReactions::on_registered(Tx& tx, const user::events::Registered& e, const Event& envelope) {
  if (!e.verification_token || !e.verification_expires_at) return;  // made verified: nothing to prove
  intake_.enqueue(tx, envelope,
                  {.dedupe_key = envelope.type + "/" + e.user_id,
                   .template_name = "email_verification",
                   .category = Category::security,
                   .user_id = e.user_id,
                   .email = e.email,
                   .values = account_link_values(e.name, shop_url_ + "/verify-email?token=" + *e.verification_token,
                                                 *e.verification_expires_at, shop_name_),
                   .only = {std::string(kEmail)}});
}

void AccountReactions::on_password_reset_requested(Tx& tx, const user::events::PasswordResetRequested& e,
                                                   const Event& envelope) {
  intake_.enqueue(tx, envelope,
                  {.dedupe_key = envelope.type + "/" + envelope.id,  // each request its own link
                   .template_name = "password_reset",
                   .category = Category::security,
                   .user_id = e.user_id,
                   .email = e.email,
                   .values = account_link_values(e.name, shop_url_ + "/reset-password?token=" + e.reset_token,
                                                 e.expires_at, shop_name_),
                   .only = {std::string(kEmail)}});
}

}  // namespace agora::notification
