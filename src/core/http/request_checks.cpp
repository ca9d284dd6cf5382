#include "http/request_checks.hpp"

#include <agora/core/utf8.hpp>

#include <boost/beast/http/rfc7230.hpp>
#include <boost/url/grammar/charset.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/pchars.hpp>

namespace agora::http {

namespace bhttp = boost::beast::http;

std::optional<std::string> framing_problem(const RawRequest& raw) {
  const auto hosts = raw.count(bhttp::field::host);
  if (hosts > 1) return "a request has one Host field";
  if (hosts == 0 && raw.version() >= 11) return "an HTTP/1.1 request needs a Host field";
  if (raw.count(bhttp::field::transfer_encoding) == 0) return std::nullopt;
  if (raw.count(bhttp::field::content_length) != 0)
    return "Transfer-Encoding and Content-Length must not be sent together";
  if (raw.count(bhttp::field::transfer_encoding) > 1) return "Transfer-Encoding is given more than once";
  std::string_view last;
  for (auto coding : bhttp::token_list(raw[bhttp::field::transfer_encoding])) last = {coding.data(), coding.size()};
  if (last.size() != 7 || !boost::beast::iequals(last, "chunked"))
    return "the last Transfer-Encoding of a request must be chunked";
  return std::nullopt;
}

namespace {

template <class Url>
bool take(const Url& url, Request& request) {
  // An encoded slash would split a segment after decoding, where a proxy's prefix rule saw none.
  const std::string_view encoded = url.encoded_path();
  for (auto at = encoded.find('%'); at != std::string_view::npos; at = encoded.find('%', at + 1))
    if (encoded.substr(at + 1, 2) == "2F" || encoded.substr(at + 1, 2) == "2f") return false;
  std::string path = url.path();
  if (path.empty()) path = "/";
  if (!path.starts_with('/') || !is_valid_utf8(path)) return false;
  request.path = std::move(path);
  for (const auto& param : url.params()) {
    if (!is_valid_utf8(param.key) || !is_valid_utf8(param.value)) return false;
    request.query.emplace_back(param.key, param.value);
  }
  return true;
}

}  // namespace

bool parse_target(std::string_view target, Request& request) {
  // Most targets are path characters and slashes only: such a target is its own decoded path.
  static constexpr auto kPlainPath = boost::urls::pchars + '/';
  if (target.starts_with('/') && boost::urls::grammar::find_if_not(target.data(), target.data() + target.size(),
                                                                   kPlainPath) == target.data() + target.size()) {
    request.path = target;
    return true;
  }
  if (target.starts_with('/')) {
    auto url = boost::urls::parse_origin_form(target);
    return url && take(*url, request);
  }
  // Absolute form is for http(s) only; other schemes are not parsed at all (Boost.URL 1.81 trips an
  // assertion on some of them, found by the fuzz target).
  const auto scheme_end = target.find("://");
  const auto scheme = target.substr(0, scheme_end);
  if (scheme_end == std::string_view::npos ||
      !(boost::beast::iequals(scheme, "http") || boost::beast::iequals(scheme, "https")))
    return false;
  auto url = boost::urls::parse_absolute_uri(target);
  return url && take(*url, request);
}

}  // namespace agora::http
