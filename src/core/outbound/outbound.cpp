#include <agora/core/error.hpp>
#include <agora/core/outbound.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace agora::outbound {
namespace {

struct Received {
  const Request& request;
  Response response;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& r = *static_cast<Received*>(user);
  if (r.response.body.size() + size * count > r.request.max_body) return 0;  // makes curl fail the call
  r.response.body.append(data, size * count);
  return size * count;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

// One header line at a time; a status line starts the headers of another answer (a redirect's, a
// 100 Continue's), which replace those before it.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = static_cast<Received*>(user)->response.headers;
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    auto name = trimmed(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    headers.emplace_back(std::move(name), trimmed(line.substr(colon + 1)));
  }
  return size * count;
}

Error unavailable(const Request& r, std::string_view why) {
  return Error(ErrorKind::unavailable, r.method + " " + r.url + " failed: " + std::string(why));
}

}  // namespace

std::optional<std::string> Response::header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_case_name) return value;
  return std::nullopt;
}

Response send(const Request& request) {
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw unavailable(request, "cannot start libcurl");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, &curl_slist_free_all);
  const auto add_header = [&](const std::string& line) {
    auto* list = curl_slist_append(headers.get(), line.c_str());  // the same list, or a new one when empty
    if (!list) throw unavailable(request, "cannot add a header");
    headers.release();
    headers.reset(list);
  };
  for (const auto& [name, value] : request.headers) {
    if ((name + value).find_first_of("\r\n") != std::string::npos)
      throw Error(ErrorKind::internal, "a header for " + request.url + " holds a line break");
    add_header(name + ": " + value);
  }
  add_header("Expect:");  // libcurl would otherwise wait for a 100 Continue before a body over 1 KiB
  Received received{request, {}};
  auto* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_QUICK_EXIT, 1L);  // a name still resolving at the timeout is not waited for
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, request.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, request.max_redirects);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &received);
  // A POST redirected with 301, 302 or 303 goes on as a GET, as browsers do; other methods keep theirs.
  if (request.method == "HEAD")
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  else if (request.method == "POST")
    curl_easy_setopt(c, CURLOPT_POST, 1L);
  else if (request.method != "GET")
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "POST" || (!request.body.empty() && request.method != "GET" && request.method != "HEAD")) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  if (const auto rc = curl_easy_perform(c); rc != CURLE_OK)
    throw unavailable(request, rc == CURLE_WRITE_ERROR ? "the answer is longer than allowed" : curl_easy_strerror(rc));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &received.response.status);
  return std::move(received.response);
}

}  // namespace agora::outbound
