#include <agora/core/config.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace agora {
namespace {

using Value = Config::Value;

std::string type_name(const Value& v) {
  static constexpr const char* kNames[] = {"boolean", "integer", "number", "string", "list of strings"};
  return kNames[v.index()];
}

std::string env_name(std::string_view key) {
  std::string out = "AGORA_";
  for (char c : key) out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::optional<Value> from_toml(const toml::node& node) {
  if (auto b = node.as_boolean()) return Value{b->get()};
  if (auto i = node.as_integer()) return Value{static_cast<std::int64_t>(i->get())};
  if (auto d = node.as_floating_point()) return Value{d->get()};
  if (auto s = node.as_string()) return Value{s->get()};
  if (auto a = node.as_array()) {
    std::vector<std::string> items;
    for (const auto& item : *a) {
      auto s = item.as_string();
      if (!s) return std::nullopt;
      items.push_back(s->get());
    }
    return Value{std::move(items)};
  }
  return std::nullopt;
}

void flatten(const toml::table& table, const std::string& prefix, const std::string& origin,
             std::map<std::string, Value>& out) {
  for (const auto& [k, node] : table) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (auto sub = node.as_table()) {
      flatten(*sub, key, origin, out);
      continue;
    }
    auto value = from_toml(node);
    if (!value) throw ConfigError(fmt::format("config key {} in {}: unsupported value type", key, origin));
    out[key] = std::move(*value);
  }
}

std::map<std::string, Value> read_toml(const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("config file {}: {} (line {})", path, e.description(), e.source().begin.line));
  }
  std::map<std::string, Value> out;
  flatten(table, "", path, out);
  return out;
}

Value parse_as(const Value& like, const std::string& text, const std::string& key, const std::string& origin) {
  auto bad = [&](std::string_view expected) {
    return ConfigError(fmt::format("config key {} (from {}): expected {}, got '{}'", key, origin, expected, text));
  };
  switch (like.index()) {
    case 0:
      if (text == "true" || text == "1") return true;
      if (text == "false" || text == "0") return false;
      throw bad("true or false");
    case 1: {
      std::int64_t v;
      const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc{} || p != text.data() + text.size() || text.empty()) throw bad("an integer");
      return v;
    }
    case 2: {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) throw bad("a number");
      return v;
    }
    case 3:
      return text;
    default: {
      std::vector<std::string> items;
      std::stringstream ss(text);
      for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) items.push_back(item);
      return items;
    }
  }
}

bool is_sensitive_key(std::string_view key) {
  const auto last = key.substr(key.rfind('.') + 1);
  for (std::string_view word : {"password", "secret", "token", "private_key", "api_key"})
    if (last.find(word) != std::string_view::npos) return true;
  return false;
}

// postgresql://user:secret@host/db -> postgresql://user:***@host/db
std::string redact_url_password(const std::string& s) {
  const auto scheme = s.find("://");
  const auto at = s.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return s;
  const auto colon = s.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return s;
  return s.substr(0, colon + 1) + "***" + s.substr(at);
}

std::string read_secret_file(const std::string& path, const std::string& key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("config key {}: cannot read secret file {}", key, path));
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
  return content;
}

// A declared key's range (integers) or allowed values (strings).
void check_bounds(const std::string& key, const ConfigKey& spec, const Value& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value); i && (*i < spec.min || *i > spec.max))
    throw ConfigError(fmt::format("config key {}: {} is out of range [{}, {}]", key, *i, spec.min, spec.max));
  const auto* s = std::get_if<std::string>(&value);
  if (s && !spec.one_of.empty() && std::find(spec.one_of.begin(), spec.one_of.end(), *s) == spec.one_of.end())
    throw ConfigError(
        fmt::format("config key {}: expected one of {}, got '{}'", key, fmt::join(spec.one_of, ", "), *s));
}

}  // namespace

ConfigSources Config::sources_from_environment(std::string dir) {
  ConfigSources s;
  s.dir = std::move(dir);
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("AGORA_")) continue;
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(entry.substr(0, eq)), value(entry.substr(eq + 1));
    if (name == "AGORA_ENV")
      s.env = value;
    else
      s.environment[name] = value;
  }
  return s;
}

Config Config::load(const ConfigSources& sources, const std::vector<ConfigSection>& sections) {
  return build(sources, sections, false);
}

Config Config::load_partial(const ConfigSources& sources) { return build(sources, {}, true); }

Config Config::build(const ConfigSources& sources, const std::vector<ConfigSection>& sections, bool partial) {
  const std::string defaults_path = sources.dir + "/default.toml";
  if (!std::filesystem::exists(defaults_path))
    throw ConfigError(
        fmt::format("config file {} not found (run from the checkout or pass --config-dir)", defaults_path));
  auto values = read_toml(defaults_path);
  std::map<std::string, const ConfigKey*> declared;
  for (const auto& section : sections)
    for (const auto& key : section.keys) {
      const auto name = section.name + "." + key.name;
      if (!values.emplace(name, key.default_value).second)
        throw ConfigError(fmt::format("config key {}: declared twice (default.toml or another module)", name));
      declared[name] = &key;
    }

  auto merge = [&](const std::map<std::string, Value>& layer, const std::string& origin) {
    for (const auto& [key, value] : layer) {
      auto it = values.find(key);
      if (it == values.end() && partial) continue;
      if (it == values.end()) throw ConfigError(fmt::format("config key {} in {}: unknown key", key, origin));
      const bool numeric_widening = it->second.index() == 2 && value.index() == 1;
      if (it->second.index() != value.index() && !numeric_widening)
        throw ConfigError(fmt::format("config key {} in {}: expected {}, got {}", key, origin, type_name(it->second),
                                      type_name(value)));
      it->second = numeric_widening ? Value{static_cast<double>(std::get<std::int64_t>(value))} : value;
    }
  };

  if (!sources.env.empty()) {
    const std::string path = sources.dir + "/" + sources.env + ".toml";
    if (!std::filesystem::exists(path))
      throw ConfigError(fmt::format("config environment '{}': file {} not found", sources.env, path));
    merge(read_toml(path), path);
  }
  for (const auto& file : sources.files) {
    if (!std::filesystem::exists(file)) throw ConfigError(fmt::format("config file {} not found", file));
    merge(read_toml(file), file);
  }

  std::map<std::string, std::string> by_env_name;
  for (const auto& [key, _] : values) by_env_name[env_name(key)] = key;
  for (const auto& [name, text] : sources.environment) {
    auto it = by_env_name.find(name);
    if (it == by_env_name.end() && partial) continue;
    if (it == by_env_name.end()) throw ConfigError(fmt::format("environment variable {} names no config key", name));
    values[it->second] = parse_as(values[it->second], text, it->second, name);
  }
  for (const auto& [key, text] : sources.overrides) {
    auto it = values.find(key);
    if (it == values.end() && partial) continue;
    if (it == values.end()) throw ConfigError(fmt::format("config key {}: unknown key", key));
    it->second = parse_as(it->second, text, key, "override");
  }

  Config config;
  config.sources_ = sources;
  for (auto& [key, value] : values) {
    Entry entry{std::move(value), false};
    if (auto* s = std::get_if<std::string>(&entry.value)) {
      if (s->starts_with("env:")) {
        const char* v = std::getenv(s->c_str() + 4);
        if (!v) throw ConfigError(fmt::format("config key {}: environment variable {} is not set", key, s->substr(4)));
        *s = v;
        entry.secret = true;
      } else if (s->starts_with("file:")) {
        *s = read_secret_file(s->substr(5), key);
        entry.secret = true;
      }
    }
    if (auto spec = declared.find(key); spec != declared.end()) check_bounds(key, *spec->second, entry.value);
    config.entries_.emplace(key, std::move(entry));
  }
  return config;
}

const Config::Entry& Config::entry(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end())
    throw ConfigError(fmt::format("config key {}: not declared (default.toml or a module's section)", key));
  return it->second;
}

bool Config::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::string Config::string(std::string_view key) const {
  const auto& e = entry(key);
  if (auto* s = std::get_if<std::string>(&e.value)) return *s;
  throw ConfigError(fmt::format("config key {}: expected a string, got {}", key, type_name(e.value)));
}

std::int64_t Config::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  const auto& e = entry(key);
  const auto* v = std::get_if<std::int64_t>(&e.value);
  if (!v) throw ConfigError(fmt::format("config key {}: expected an integer, got {}", key, type_name(e.value)));
  if (*v < min || *v > max)
    throw ConfigError(fmt::format("config key {}: {} is out of range [{}, {}]", key, *v, min, max));
  return *v;
}

double Config::number(std::string_view key) const {
  const auto& e = entry(key);
  if (auto* d = std::get_if<double>(&e.value)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&e.value)) return static_cast<double>(*i);
  throw ConfigError(fmt::format("config key {}: expected a number, got {}", key, type_name(e.value)));
}

bool Config::boolean(std::string_view key) const {
  const auto& e = entry(key);
  if (auto* b = std::get_if<bool>(&e.value)) return *b;
  throw ConfigError(fmt::format("config key {}: expected true or false, got {}", key, type_name(e.value)));
}

std::vector<std::string> Config::strings(std::string_view key) const {
  const auto& e = entry(key);
  if (auto* a = std::get_if<std::vector<std::string>>(&e.value)) return *a;
  throw ConfigError(fmt::format("config key {}: expected a list of strings, got {}", key, type_name(e.value)));
}

std::chrono::milliseconds Config::millis(std::string_view key) const {
  return std::chrono::milliseconds(integer(key, 0));
}

std::string Config::dump_redacted() const {
  std::string out;
  for (const auto& [key, e] : entries_) {
    std::string shown;
    if (e.secret || (is_sensitive_key(key) && std::holds_alternative<std::string>(e.value) &&
                     !std::get<std::string>(e.value).empty())) {
      shown = "\"<redacted>\"";
    } else {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
              shown = v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::string>)
              shown = "\"" + redact_url_password(v) + "\"";
            else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
              shown = "[";
              for (std::size_t i = 0; i < v.size(); ++i) shown += (i ? ", \"" : "\"") + v[i] + "\"";
              shown += "]";
            } else
              shown = fmt::format("{}", v);
          },
          e.value);
    }
    out += key + " = " + shown + "\n";
  }
  return out;
}

}  // namespace agora
