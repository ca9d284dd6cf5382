#pragma once
// Layered configuration: config/default.toml < config/<env>.toml < --config FILE < AGORA_<SECTION>_<KEY>.
// default.toml is the schema: every key and its type is declared there; anything else is refused.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace agora {

// A bad config value or unknown key; the message names the key.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ConfigSources {
  std::string dir = "config";          // holds default.toml and <env>.toml
  std::string env;                     // "", "local", "test", "production", ...
  std::vector<std::string> files;      // --config FILE, in order
  std::map<std::string, std::string> environment;  // AGORA_* variables
  std::map<std::string, std::string> overrides;     // "section.key" -> value text (tests, CLI)
};

class Config {
 public:
  using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

  static Config load(const ConfigSources& sources);
  // Reads AGORA_* from the process environment, AGORA_ENV picks the environment file.
  static ConfigSources sources_from_environment(std::string dir = "config");

  std::string string(std::string_view key) const;  // secrets (env:, file:) resolved
  std::int64_t integer(std::string_view key, std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX) const;
  double number(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key) const;
  std::chrono::milliseconds millis(std::string_view key) const;  // integer key, >= 0
  bool has(std::string_view key) const;

  // One `key = value` line per key, secrets and URL passwords redacted.
  std::string dump_redacted() const;

 private:
  struct Entry {
    Value value;
    bool secret = false;  // came from env: or file:
  };
  const Entry& entry(std::string_view key) const;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace agora
