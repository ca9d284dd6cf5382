#include <agora/core/db.hpp>
#include <agora/core/error.hpp>

#include <boost/url/parse.hpp>

namespace agora {
namespace {

void append(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out += out.empty() ? "" : " ";
  out += key;
  out += "='";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out += "'";
}

}  // namespace

std::string conninfo(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || (parsed->scheme() != "postgresql" && parsed->scheme() != "postgres"))
    throw Error(ErrorKind::internal, "expected a postgresql:// URL");
  std::string out;
  append(out, "host", parsed->host());
  if (parsed->has_port()) append(out, "port", parsed->port());
  append(out, "user", parsed->user());
  append(out, "password", parsed->password());
  std::string db = parsed->path();
  if (!db.empty() && db.front() == '/') db.erase(0, 1);
  append(out, "dbname", db);
  for (const auto& p : parsed->params()) append(out, p.key, p.value);
  return out;
}

}  // namespace agora
