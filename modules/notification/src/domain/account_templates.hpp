#pragma once
// The shipped templates of account messages (email only: their links prove the address):
// email_verification and password_reset, with values shop, name, link, expires_at.
#include "domain/template.hpp"

namespace agora::notification {

extern const Template kEmailVerificationEmailEn;
extern const Template kPasswordResetEmailEn;

}  // namespace agora::notification
