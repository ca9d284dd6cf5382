#pragma once
// Events the user module publishes on topic user.events; key = user id. Every payload carries
// "user_id". Version 1 of each; a field is only ever added, a change of meaning bumps the version.
#include <string_view>

namespace agora::user::events {

inline constexpr std::string_view kTopic = "user.events";
inline constexpr int kVersion = 1;

// {user_id, email, name, verification_token, verification_expires_at}: mail the token to the user.
// An account made already verified (agora users create-admin) carries no verification fields.
inline constexpr std::string_view kRegistered = "user.registered";
// {user_id, email}
inline constexpr std::string_view kEmailVerified = "user.email_verified";
// {user_id, changed: [field names]}: profile, preferences, addresses, roles or lock status changed.
inline constexpr std::string_view kUpdated = "user.updated";
// {user_id}: personal data erased; other modules erase theirs.
inline constexpr std::string_view kDeleted = "user.deleted";
// {user_id, email, name, reset_token, expires_at}: mail the token to the user.
inline constexpr std::string_view kPasswordResetRequested = "user.password_reset_requested";
// {user_id, email}: a security notice to the user.
inline constexpr std::string_view kMfaEnabled = "user.mfa_enabled";

}  // namespace agora::user::events
