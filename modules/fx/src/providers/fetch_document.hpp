#pragma once
// Reads a provider's document from an http(s):// URL (libcurl) or a file: path.
#include <chrono>
#include <string>

namespace agora::fx {

// "file:/abs/path" or "file:relative/path" reads the file; anything else is fetched with GET and
// must answer 2xx within `timeout`. Throws Error{unavailable} naming the URL otherwise.
std::string fetch_document(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace agora::fx
