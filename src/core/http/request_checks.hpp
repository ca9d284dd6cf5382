#pragma once
// Checks of a parsed HTTP/1.1 request before it is routed (RFC 9112): framing that a proxy in
// front could read differently, the Host field, and the request target. Kept apart from the
// session so the fuzz target drives exactly what the server runs.
#include <agora/core/http.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace agora::http {

using RawRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Why the request must be refused with 400 and its connection closed, or nullopt. Beast frames a
// request whose Transfer-Encoding does not end in chunked by its Content-Length; a proxy may frame
// it otherwise, so such a request is refused instead (request smuggling).
std::optional<std::string> framing_problem(const RawRequest& raw);

// Sets path and query from an origin-form or absolute-form target, percent-decoded; false when the
// target is malformed, has an encoded slash in its path, or decodes to invalid UTF-8. Empty
// segments are kept ("//" is not "/").
bool parse_target(std::string_view target, Request& request);

}  // namespace agora::http
