#pragma once
// `agora users create-admin --email E [--password-file F]`: the first administrator.
#include "app/auth_service.hpp"

#include <agora/core/module.hpp>

namespace agora::user {

CliCommand create_admin_command(AuthService& auth);

}  // namespace agora::user
