#pragma once
// UTF-8 checks for text that came from a client (percent-decoded paths, query values) before it is
// written into JSON: Boost.JSON's serializer copies bytes as they are, so invalid UTF-8 would make
// a log line or a problem document invalid JSON.
#include <string>
#include <string_view>

namespace agora {

bool is_valid_utf8(std::string_view text) noexcept;
// The text with each invalid byte sequence replaced by U+FFFD; valid text comes back unchanged.
std::string to_valid_utf8(std::string_view text);
std::size_t code_points(std::string_view utf8);  // characters, not bytes

}  // namespace agora
