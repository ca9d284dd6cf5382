#include "providers/fetch_document.hpp"

#include <agora/core/error.hpp>

#include <fstream>
#include <sstream>

namespace agora::fx {
namespace {

constexpr std::size_t kMaxBytes = 4 << 20;  // the ECB document is a few kilobytes

Error unavailable(const std::string& url, const std::string& why) {
  return Error(ErrorKind::unavailable, "cannot read " + url + ": " + why);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw unavailable(path, "no such file");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::string fetch_document(outbound::Destination& to, const std::string& url, std::chrono::milliseconds timeout) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return read_file(url);
  auto answer = to.send({.url = url, .timeout = timeout, .max_body = kMaxBytes, .max_redirects = 3});
  if (answer.status < 200 || answer.status > 299)
    throw unavailable(url, "HTTP status " + std::to_string(answer.status));
  return std::move(answer.body);
}

}  // namespace agora::fx
