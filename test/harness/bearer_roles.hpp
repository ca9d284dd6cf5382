#pragma once
// A test-only authenticator: "Authorization: Bearer <role> <user id>" is a caller holding that one
// role, so module tests need no user module. BearerRolesModule installs it.
#include <agora/core/http.hpp>
#include <agora/core/module.hpp>

#include <memory>

namespace agora::test {

class BearerRoles final : public http::Authenticator {
 public:
  std::optional<http::Principal> authenticate(const http::Request& request) override {
    const auto h = request.header("authorization");
    if (!h || !h->starts_with("Bearer ")) return std::nullopt;
    const auto rest = h->substr(7);
    const auto space = rest.find(' ');
    return http::Principal{std::string(rest.substr(space + 1)), {std::string(rest.substr(0, space))}};
  }
};

class BearerRolesModule final : public Module {
 public:
  std::string_view name() const override { return "test_auth"; }
  void install(Platform& p) override { p.router.set_authenticator(std::make_shared<BearerRoles>()); }
};

}  // namespace agora::test
