#include "providers/fetch_document.hpp"

#include <curl/curl.h>
#include <agora/core/error.hpp>

#include <fstream>
#include <memory>
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

std::size_t append(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<std::string*>(user);
  if (body.size() + size * count > kMaxBytes) return 0;  // makes curl fail the transfer
  body.append(data, size * count);
  return size * count;
}

}  // namespace

std::string fetch_document(const std::string& url, std::chrono::milliseconds timeout) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return read_file(url);
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw unavailable(url, "cannot start libcurl");
  std::string body;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  if (const auto rc = curl_easy_perform(curl.get()); rc != CURLE_OK) throw unavailable(url, curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) throw unavailable(url, "HTTP status " + std::to_string(status));
  return body;
}

}  // namespace agora::fx
