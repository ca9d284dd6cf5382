#include "push/service_account.hpp"

#include <agora/core/config.hpp>
#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>

namespace agora::notification {
namespace {

constexpr const char* kKey = "notification.push.service_account";

ConfigError problem(const std::string& what) { return ConfigError(std::string(kKey) + ": " + what); }

std::string contents(const std::string& value) {
  if (value.find('{') != std::string::npos) return value;  // the JSON itself (from env: or file:)
  std::ifstream in(value, std::ios::binary);
  if (!in) throw problem("cannot read the key file " + value);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string field(const boost::json::object& key, const char* name, bool required = true) {
  const auto* v = key.if_contains(name);
  if (v && v->is_string() && !v->get_string().empty()) return std::string(v->get_string());
  if (required) throw problem(std::string("the key has no ") + name);
  return "";
}

}  // namespace

ServiceAccount read_service_account(const std::string& value) {
  boost::system::error_code error;
  const auto json = boost::json::parse(contents(value), error);
  if (error || !json.is_object()) throw problem("is not a service account key (JSON)");
  const auto& key = json.get_object();
  if (field(key, "type") != "service_account") throw problem("the key's type is not service_account");
  ServiceAccount a{.project_id = field(key, "project_id"),
                   .client_email = field(key, "client_email"),
                   .private_key = field(key, "private_key"),
                   .private_key_id = field(key, "private_key_id", false),
                   .token_uri = field(key, "token_uri")};
  if (!a.token_uri.starts_with("https://") && !a.token_uri.starts_with("http://"))
    throw problem("the key's token_uri is not an http(s) URL");
  return a;
}

}  // namespace agora::notification
