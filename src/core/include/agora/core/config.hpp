#pragma once
// Layered configuration: defaults < config/<env>.toml < --config FILE < AGORA_<SECTION>_<KEY>.
// The schema is config/default.toml (the platform's keys) plus each module's ConfigSection;
// anything else is refused.
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

using ConfigValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

// One key of a module's section: its default fixes its type; an integer may have a range, a string
// a list of allowed values. The range and values are checked when the config is loaded.
struct ConfigKey {
  std::string name;  // within the section: "base_currency", "external.issuer"
  ConfigValue default_value;
  std::string description;
  std::int64_t min = INT64_MIN;
  std::int64_t max = INT64_MAX;
  std::vector<std::string> one_of;  // empty: any string
};

// The config section a module owns ([catalog], [auth], ...), declared beside its code.
struct ConfigSection {
  std::string name;
  std::vector<ConfigKey> keys;
};

struct ConfigSources {
  std::string dir = "config";                      // holds default.toml and <env>.toml
  std::string env;                                 // "", "local", "test", "production", ...
  std::vector<std::string> files;                  // --config FILE, in order
  std::map<std::string, std::string> environment;  // AGORA_* variables
  std::map<std::string, std::string> overrides;    // "section.key" -> value text (tests, CLI)
};

class Config {
 public:
  using Value = ConfigValue;

  // default.toml and `sections` declare every key; a key or AGORA_ variable they do not declare is refused.
  static Config load(const ConfigSources& sources, const std::vector<ConfigSection>& sections = {});
  // Like load, but keys no section declares yet are left out instead of refused: for a caller that
  // composes the modules later (App loads `sources()` again with their sections).
  static Config load_partial(const ConfigSources& sources);
  // Reads AGORA_* from the process environment, AGORA_ENV picks the environment file.
  static ConfigSources sources_from_environment(std::string dir = "config");

  std::string string(std::string_view key) const;  // secrets (env:, file:) resolved
  std::int64_t integer(std::string_view key, std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX) const;
  double number(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key) const;
  std::chrono::milliseconds millis(std::string_view key) const;  // integer key, >= 0
  bool has(std::string_view key) const;
  const ConfigSources& sources() const { return sources_; }

  // One `key = value` line per key, secrets and URL passwords redacted.
  std::string dump_redacted() const;

 private:
  struct Entry {
    Value value;
    bool secret = false;  // came from env: or file:
  };
  static Config build(const ConfigSources& sources, const std::vector<ConfigSection>& sections, bool partial);
  const Entry& entry(std::string_view key) const;
  ConfigSources sources_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace agora
