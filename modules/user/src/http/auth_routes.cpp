#include "http/profile_json.hpp"
#include "http/routes.hpp"
#include "http/user_schemas.hpp"
#include "http/views.hpp"

#include <agora/core/error.hpp>
#include <agora/core/fields.hpp>

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

// OAuth 2.0 (RFC 6749, 3.2) has the token endpoint ignore members it does not know: only the
// grant's own are read, and every missing or bad one is listed.
void refuse_bad_grant(Fields& f) {
  if (!f.ok()) throw Error(ErrorKind::validation, "invalid token request", f.take_errors());
}

// The OAuth 2.0 token endpoint, with JSON bodies: password, refresh_token and mfa grants.
Response token_grant(RouteServices& s, const Request& req) {
  const auto body = req.json();
  Fields f(body);
  const auto grant = f.text("grant_type", 64, true);
  if (grant == "password") {
    const auto email = email_field(f);
    const auto password = password_field(f, "password");
    refuse_bad_grant(f);
    const auto result = s.auth.password_grant(*email, *password, req.remote_address);
    return result.tokens ? token_response(*result.tokens) : mfa_required(result.mfa_token);
  }
  if (grant == "refresh_token") {
    const auto token = f.text("refresh_token", 256, true);
    refuse_bad_grant(f);
    return token_response(s.auth.refresh_grant(*token));
  }
  if (grant == "mfa") {
    const auto token = f.text("mfa_token", 256, true);
    const auto code = f.text("code", 64, true);
    refuse_bad_grant(f);
    return token_response(s.auth.mfa_grant(*token, *code, req.remote_address));
  }
  if (grant) f.fail("grant_type", "must be password, refresh_token or mfa");
  throw Error(ErrorKind::validation, "invalid token request", f.take_errors());
}

// A body of one required token field, such as {"refresh_token": "..."}.
std::string token_body(const Request& req, std::string_view key) {
  const auto body = req.json();
  Fields f(body);
  auto token = f.text(key, 256, true);
  f.finish({key});
  return std::move(*token);
}

http::RouteOptions auth_class(http::RouteDoc doc) { return {.rate_class = "auth", .doc = std::move(doc)}; }

}  // namespace

void add_auth_routes(http::Router& router, RouteServices& s) {
  router.add(
      Method::post, "/api/v1/auth/register",
      [&s](const Request& req) {
        const auto body = req.json();
        Fields f(body);
        const auto email = email_field(f);
        const auto password = password_field(f, "password");
        const auto name = f.text("name", 200, true);
        f.finish({"email", "password", "name"}, "invalid registration");
        auto r = Response::json(account_view(s.auth.register_user(*email, *password, *name)), 201);
        r.headers.emplace_back("Location", "/api/v1/users/me");
        return r;
      },
      auth_class({.summary = "Opens a customer account and mails a link to verify its email",
                  .request = std::string(kRegistration),
                  .response = schema_ref("UserAccount"),
                  .status = 201,
                  .problems = {409},
                  .headers = {"Location"}}));

  router.add(
      Method::post, "/api/v1/auth/token", [&s](const Request& req) { return token_grant(s, req); },
      auth_class({.summary = "Tokens for a password, refresh or second-factor grant (a 401 with mfa_token asks for the "
                             "second factor)",
                  .request = std::string(kTokenRequest),
                  .response = schema_ref("UserTokens"),
                  .problems = {401}}));

  router.add(
      Method::post, "/api/v1/auth/logout",
      [&s](const Request& req) {
        s.auth.logout(token_body(req, "refresh_token"));
        return Response::empty();
      },
      auth_class({.summary = "Ends the session of a refresh token (an unknown token is ignored)",
                  .request = std::string(kRefreshTokenBody)}));

  router.add(
      Method::post, "/api/v1/auth/verify-email",
      [&s](const Request& req) {
        s.auth.verify_email(token_body(req, "token"));
        return Response::json({{"email_verified", true}});
      },
      auth_class({.summary = "Verifies an account's email with the token mailed to it",
                  .request = std::string(kEmailTokenBody),
                  .response = std::string(kEmailVerified)}));

  router.add(
      Method::post, "/api/v1/auth/password/forgot",
      [&s](const Request& req) {
        const auto body = req.json();
        Fields f(body);
        const auto email = email_field(f);
        f.finish({"email"}, "invalid password reset request");
        s.auth.forgot_password(*email);
        return Response::json({{"status", "if the account exists, a reset link is on its way"}}, 202);
      },
      auth_class({.summary = "Mails a password reset link if the email has an account (the answer does not say)",
                  .request = std::string(kEmailBody),
                  .response = std::string(kResetRequested),
                  .status = 202}));

  router.add(
      Method::post, "/api/v1/auth/password/reset",
      [&s](const Request& req) {
        const auto body = req.json();
        Fields f(body);
        const auto token = f.text("token", 256, true);
        const auto password = password_field(f, "new_password");
        f.finish({"token", "new_password"}, "invalid password reset");
        s.auth.reset_password(*token, *password);
        return Response::empty();
      },
      auth_class({.summary = "Sets a new password with the token of a reset link; every session ends",
                  .request = std::string(kPasswordReset)}));

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
             {.run_inline = true,
              .doc = {.summary = "OpenID Connect discovery of the token issuer",
                      .response = std::string(kOpenIdConfiguration)}});

  router.add(
      Method::get, "/.well-known/jwks.json",
      [&s](const Request&) {
        boost::json::array keys;
        for (const auto& k : s.keys.verifying_keys()) keys.push_back(k.public_jwk());
        auto r = Response::json({{"keys", std::move(keys)}});
        r.content_type = "application/jwk-set+json";
        r.headers.emplace_back("Cache-Control", "public, max-age=300");
        return r;
      },
      {.run_inline = true,
       .doc = {.summary = "The public keys that verify access tokens", .response = std::string(kJsonWebKeySet)}});
}

}  // namespace agora::user
