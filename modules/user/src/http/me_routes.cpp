#include "http/profile_json.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"

namespace agora::user {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kSignedIn{.auth = true};

const std::string& me(const Request& req) { return req.user().user_id; }

}  // namespace

void add_me_routes(http::Router& router, RouteServices& s) {
  router.add(
      Method::get, "/api/v1/users/me",
      [&s](const Request& req) { return Response::json(account_view(s.profile.me(me(req)))); }, kSignedIn);
  router.add(
      Method::patch, "/api/v1/users/me",
      [&s](const Request& req) {
        return Response::json(account_view(s.profile.update_me(me(req), parse_profile_patch(req.json()))));
      },
      kSignedIn);
  router.add(
      Method::del, "/api/v1/users/me",
      [&s](const Request& req) {
        s.profile.delete_me(me(req));
        return Response::empty();
      },
      kSignedIn);

  router.add(
      Method::post, "/api/v1/users/me/password",
      [&s](const Request& req) {
        const auto body = req.json();
        s.auth.change_password(me(req), required_string(body, "current_password"),
                               required_string(body, "new_password"));
        return Response::empty();
      },
      kSignedIn);

  router.add(
      Method::post, "/api/v1/users/me/mfa/totp",
      [&s](const Request& req) {
        const auto setup = s.mfa.begin(me(req));
        auto r = Response::json({{"secret", setup.secret}, {"otpauth_uri", setup.otpauth_uri}}, 201);
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      },
      kSignedIn);
  router.add(
      Method::post, "/api/v1/users/me/mfa/totp/confirm",
      [&s](const Request& req) {
        const auto codes = s.mfa.confirm(me(req), required_string(req.json(), "code", 64));
        auto r =
            Response::json({{"mfa_enabled", true}, {"recovery_codes", boost::json::array(codes.begin(), codes.end())}});
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
      },
      kSignedIn);
  router.add(
      Method::post, "/api/v1/users/me/mfa/disable",
      [&s](const Request& req) {
        s.mfa.disable(me(req), required_string(req.json(), "code", 64));
        return Response::empty();
      },
      kSignedIn);

  router.add(
      Method::get, "/api/v1/users/me/addresses",
      [&s](const Request& req) {
        boost::json::array items;
        for (const auto& a : s.profile.addresses(me(req))) items.push_back(address_view(a));
        return Response::json({{"items", std::move(items)}, {"next_cursor", nullptr}});
      },
      kSignedIn);
  router.add(
      Method::post, "/api/v1/users/me/addresses",
      [&s](const Request& req) {
        const auto a = s.profile.add_address(me(req), parse_address(req.json(), true));
        auto r = Response::json(address_view(a), 201);
        r.headers.emplace_back("Location", "/api/v1/users/me/addresses/" + a.id);
        return r;
      },
      kSignedIn);
  router.add(
      Method::get, "/api/v1/users/me/addresses/{id}",
      [&s](const Request& req) { return Response::json(address_view(s.profile.address(me(req), req.param("id")))); },
      kSignedIn);
  router.add(
      Method::patch, "/api/v1/users/me/addresses/{id}",
      [&s](const Request& req) {
        return Response::json(
            address_view(s.profile.update_address(me(req), req.param("id"), parse_address(req.json(), false))));
      },
      kSignedIn);
  router.add(
      Method::del, "/api/v1/users/me/addresses/{id}",
      [&s](const Request& req) {
        s.profile.delete_address(me(req), req.param("id"));
        return Response::empty();
      },
      kSignedIn);

  router.add(
      Method::get, "/api/v1/users/me/preferences",
      [&s](const Request& req) { return Response::json(preferences_view(s.profile.preferences_of(me(req)))); },
      kSignedIn);
  router.add(
      Method::patch, "/api/v1/users/me/preferences",
      [&s](const Request& req) {
        return Response::json(preferences_view(s.profile.update_preferences(me(req), parse_preferences(req.json()))));
      },
      kSignedIn);
}

}  // namespace agora::user
