#pragma once
// The user module's routes, by audience.
#include "app/admin_service.hpp"
#include "app/auth_service.hpp"
#include "app/key_ring.hpp"
#include "app/mfa_service.hpp"
#include "app/profile_service.hpp"

#include <agora/core/http.hpp>

namespace agora::user {

struct RouteServices {
  AuthService& auth;
  MfaService& mfa;
  ProfileService& profile;
  AdminService& admin;
  KeyRing& keys;
  AccessTokens& tokens;
};

void add_auth_routes(http::Router& router, RouteServices& s);   // /api/v1/auth/*, /.well-known/*
void add_me_routes(http::Router& router, RouteServices& s);     // /api/v1/users/me/*
void add_admin_routes(http::Router& router, RouteServices& s);  // /api/v1/admin/users, audit, keys

}  // namespace agora::user
