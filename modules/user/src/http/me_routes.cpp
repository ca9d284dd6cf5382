#include "http/profile_json.hpp"
#include "http/routes.hpp"
#include "http/user_schemas.hpp"
#include "http/views.hpp"

#include <agora/core/fields.hpp>

namespace agora::user {
namespace {

using http::Method;
using http::Request;
using http::Response;

// A signed-in user's own route; its answers are about the caller alone.
http::RouteOptions signed_in(http::RouteDoc doc) { return {.auth = true, .doc = std::move(doc)}; }

const std::string& me(const Request& req) { return req.user().user_id; }

// {"code": "..."}: a current TOTP code or a recovery code.
std::string code_body(const Request& req) {
  const auto body = req.json();
  Fields f(body);
  auto code = f.text("code", 64, true);
  f.finish({"code"}, "invalid code");
  return std::move(*code);
}

}  // namespace

void add_me_routes(http::Router& router, RouteServices& s) {
  const auto account = schema_ref("UserAccount");
  router.add(
      Method::get, "/api/v1/users/me",
      [&s](const Request& req) { return Response::json(account_view(s.profile.me(me(req)))); },
      signed_in({.summary = "The caller's account", .response = account}));
  router.add(
      Method::patch, "/api/v1/users/me",
      [&s](const Request& req) {
        return Response::json(account_view(s.profile.update_me(me(req), parse_profile_patch(req.json()))));
      },
      signed_in({.summary = "Changes the caller's name, phone, locale or preferred currency",
                 .request = std::string(kUserProfilePatch),
                 .response = account}));
  router.add(
      Method::del, "/api/v1/users/me",
      [&s](const Request& req) {
        s.profile.delete_me(me(req));
        return Response::empty();
      },
      signed_in({.summary = "Erases the caller's personal data and closes the account; every session ends"}));

  router.add(
      Method::post, "/api/v1/users/me/password",
      [&s](const Request& req) {
        const auto body = req.json();
        Fields f(body);
        const auto current = password_field(f, "current_password");
        const auto next = password_field(f, "new_password");
        f.finish({"current_password", "new_password"}, "invalid password change");
        s.auth.change_password(me(req), *current, *next);
        return Response::empty();
      },
      signed_in(
          {.summary = "Changes the caller's password; every session ends", .request = std::string(kPasswordChange)}));

  router.add(
      Method::post, "/api/v1/users/me/mfa/totp",
      [&s](const Request& req) {
        const auto setup = s.mfa.begin(me(req));
        auto r = Response::json({{"secret", setup.secret}, {"otpauth_uri", setup.otpauth_uri}}, 201);
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      },
      signed_in({.summary = "Starts enrolling an authenticator app: its secret, to confirm with a code",
                 .response = std::string(kTotpSetup),
                 .status = 201,
                 .problems = {409}}));
  router.add(
      Method::post, "/api/v1/users/me/mfa/totp/confirm",
      [&s](const Request& req) {
        const auto codes = s.mfa.confirm(me(req), code_body(req));
        auto r =
            Response::json({{"mfa_enabled", true}, {"recovery_codes", boost::json::array(codes.begin(), codes.end())}});
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      },
      signed_in({.summary = "Turns the second factor on with a code from the app; answers the recovery codes",
                 .request = std::string(kTotpCode),
                 .response = std::string(kTotpEnabled),
                 .problems = {409}}));
  router.add(
      Method::post, "/api/v1/users/me/mfa/disable",
      [&s](const Request& req) {
        s.mfa.disable(me(req), code_body(req));
        return Response::empty();
      },
      signed_in({.summary = "Turns the second factor off with a current code or a recovery code",
                 .request = std::string(kTotpCode),
                 .problems = {409}}));

  router.add(
      Method::get, "/api/v1/users/me/addresses",
      [&s](const Request& req) {
        boost::json::array items;
        for (const auto& a : s.profile.addresses(me(req))) items.push_back(address_view(a));
        return Response::json({{"items", std::move(items)}, {"next_cursor", nullptr}});
      },
      signed_in({.summary = "The caller's addresses", .response = schema_ref("UserAddressList")}));
  router.add(
      Method::post, "/api/v1/users/me/addresses",
      [&s](const Request& req) {
        const auto a = s.profile.add_address(me(req), parse_address(req.json(), true));
        auto r = Response::json(address_view(a), 201);
        r.headers.emplace_back("Location", "/api/v1/users/me/addresses/" + a.id);
        return r;
      },
      signed_in({.summary = "Adds an address (at most 50)",
                 .request = user_address_input(true),
                 .response = schema_ref("UserAddress"),
                 .status = 201,
                 .problems = {409},
                 .headers = {"Location"}}));
  router.add(
      Method::get, "/api/v1/users/me/addresses/{id}",
      [&s](const Request& req) { return Response::json(address_view(s.profile.address(me(req), req.param("id")))); },
      signed_in({.summary = "One of the caller's addresses", .response = schema_ref("UserAddress")}));
  router.add(
      Method::patch, "/api/v1/users/me/addresses/{id}",
      [&s](const Request& req) {
        return Response::json(
            address_view(s.profile.update_address(me(req), req.param("id"), parse_address(req.json(), false))));
      },
      signed_in({.summary = "Changes one of the caller's addresses",
                 .request = user_address_input(false),
                 .response = schema_ref("UserAddress")}));
  router.add(
      Method::del, "/api/v1/users/me/addresses/{id}",
      [&s](const Request& req) {
        s.profile.delete_address(me(req), req.param("id"));
        return Response::empty();
      },
      signed_in({.summary = "Deletes one of the caller's addresses"}));

  router.add(
      Method::get, "/api/v1/users/me/preferences",
      [&s](const Request& req) { return Response::json(preferences_view(s.profile.preferences_of(me(req)))); },
      signed_in({.summary = "The caller's language, currency, notification channels and marketing consent",
                 .response = schema_ref("UserPreferences")}));
  router.add(
      Method::patch, "/api/v1/users/me/preferences",
      [&s](const Request& req) {
        return Response::json(preferences_view(s.profile.update_preferences(me(req), parse_preferences(req.json()))));
      },
      signed_in({.summary = "Changes the caller's preferences",
                 .request = std::string(kUserPreferencesPatch),
                 .response = schema_ref("UserPreferences")}));
}

}  // namespace agora::user
