#include "http/profile_json.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"

#include <agora/core/error.hpp>

namespace agora::user {
namespace {

using http::Method;
using http::Request;
using http::Response;

// RFC 9457 with the extension member the client needs to finish the login.
Response mfa_required(const std::string& mfa_token) {
  auto r = Response::json({{"type", "https://agora.dev/problems/mfa-required"},
                           {"title", "Second factor required"},
                           {"status", 401},
                           {"detail", "enter the code from your authenticator app or a recovery code"},
                           {"mfa_token", mfa_token}},
                          401);
  r.content_type = "application/problem+json";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// The OAuth 2.0 token endpoint, with JSON bodies: password, refresh_token and mfa grants.
Response token_grant(RouteServices& s, const Request& req) {
  const auto body = req.json();
  const auto grant = required_string(body, "grant_type", 64);
  if (grant == "password") {
    const auto result = s.auth.password_grant(required_string(body, "email", 320),
                                              required_string(body, "password", 4096), req.remote_address);
    return result.tokens ? token_response(*result.tokens) : mfa_required(result.mfa_token);
  }
  if (grant == "refresh_token")
    return token_response(s.auth.refresh_grant(required_string(body, "refresh_token", 256)));
  if (grant == "mfa")
    return token_response(s.auth.mfa_grant(required_string(body, "mfa_token", 256), required_string(body, "code", 64),
                                           req.remote_address));
  throw Error(ErrorKind::validation, "unsupported grant_type",
              {{"grant_type", "must be password, refresh_token or mfa"}});
}

// Sign-up, sign-in and recovery count against the tight "auth" rate limit (password guessing).
const http::RouteOptions kAuthClass{.rate_class = "auth"};

}  // namespace

void add_auth_routes(http::Router& router, RouteServices& s) {
  router.add(
      Method::post, "/api/v1/auth/register",
      [&s](const Request& req) {
        const auto body = req.json();
        const auto email = required_string(body, "email", 320);
        const auto password = required_string(body, "password", 4096);
        const auto name = required_string(body, "name", 800);
        auto r = Response::json(account_view(s.auth.register_user(email, password, name)), 201);
        r.headers.emplace_back("Location", "/api/v1/users/me");
        return r;
      },
      kAuthClass);

  router.add(
      Method::post, "/api/v1/auth/token", [&s](const Request& req) { return token_grant(s, req); }, kAuthClass);

  router.add(
      Method::post, "/api/v1/auth/logout",
      [&s](const Request& req) {
        s.auth.logout(required_string(req.json(), "refresh_token", 256));
        return Response::empty();
      },
      kAuthClass);

  router.add(
      Method::post, "/api/v1/auth/verify-email",
      [&s](const Request& req) {
        s.auth.verify_email(required_string(req.json(), "token", 256));
        return Response::json({{"email_verified", true}});
      },
      kAuthClass);

  router.add(
      Method::post, "/api/v1/auth/password/forgot",
      [&s](const Request& req) {
        s.auth.forgot_password(required_string(req.json(), "email", 320));
        return Response::json({{"status", "if the account exists, a reset link is on its way"}}, 202);
      },
      kAuthClass);

  router.add(
      Method::post, "/api/v1/auth/password/reset",
      [&s](const Request& req) {
        const auto body = req.json();
        s.auth.reset_password(required_string(body, "token", 256), required_string(body, "new_password", 4096));
        return Response::empty();
      },
      kAuthClass);

  router.add(Method::get, "/.well-known/openid-configuration",
             [&s](const Request&) {
               const auto& o = s.tokens.options();
               auto r = Response::json(
                   {{"issuer", o.issuer},
                    {"jwks_uri", o.issuer + "/.well-known/jwks.json"},
                    {"token_endpoint", o.issuer + "/api/v1/auth/token"},
                    {"grant_types_supported", {"password", "refresh_token", "mfa"}},
                    {"response_types_supported", {"token"}},
                    {"subject_types_supported", {"public"}},
                    {"id_token_signing_alg_values_supported", {s.keys.alg()}},
                    {"token_endpoint_auth_methods_supported", {"none"}},
                    {"claims_supported", {"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "sid", "roles"}}});
               r.headers.emplace_back("Cache-Control", "public, max-age=3600");
               return r;
             },
             {.run_inline = true});

  router.add(Method::get, "/.well-known/jwks.json",
             [&s](const Request&) {
               boost::json::array keys;
               for (const auto& k : s.keys.verifying_keys()) keys.push_back(k.public_jwk());
               auto r = Response::json({{"keys", std::move(keys)}});
               r.content_type = "application/jwk-set+json";
               r.headers.emplace_back("Cache-Control", "public, max-age=300");
               return r;
             },
             {.run_inline = true});
}

}  // namespace agora::user
