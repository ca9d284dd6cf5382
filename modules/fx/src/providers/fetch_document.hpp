#pragma once
// Reads a provider's document from an http(s):// URL (through its outbound destination) or a local
// file. A config value cannot say "file:/path" here: the config loader reads such values as secret files.
#include <agora/core/outbound.hpp>

#include <chrono>
#include <string>

namespace agora::fx {

// An http:// or https:// URL is fetched with GET and must answer 2xx within `timeout`; anything
// else is a file path (relative to the working directory). Throws Error{unavailable} naming it otherwise.
std::string fetch_document(outbound::Destination& to, const std::string& url, std::chrono::milliseconds timeout);

}  // namespace agora::fx
