// Any bytes as what a client sends on a connection: Beast's parser under the server's limits,
// then the checks the server makes before routing (framing, Host, the target). A request that
// passes must have a path a router can take: valid UTF-8, starting with '/'.
#include "http/request_checks.hpp"

#include <agora/core/utf8.hpp>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <cstdint>
#include <cstdlib>

namespace bhttp = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::asio::const_buffer input(data, size);
  // Requests follow each other on one connection as long as each is accepted, like keep-alive.
  while (input.size() > 0) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 << 10);
    parser.body_limit(1 << 20);
    parser.eager(true);
    boost::beast::error_code ec;
    const auto used = parser.put(input, ec);
    if (ec == bhttp::error::need_more) {
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return 0;
    } else if (ec || !parser.is_done()) {
      return 0;
    }
    input += used;
    const auto& raw = parser.get();
    if (agora::http::framing_problem(raw)) return 0;
    agora::http::Request request;
    if (!agora::http::parse_target(raw.target(), request)) return 0;
    if (!request.path.starts_with('/') || !agora::is_valid_utf8(request.path)) std::abort();
    for (const auto& [k, v] : request.query)
      if (!agora::is_valid_utf8(k) || !agora::is_valid_utf8(v)) std::abort();
    if (used == 0) return 0;
  }
  return 0;
}
