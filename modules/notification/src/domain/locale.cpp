#include "domain/locale.hpp"

#include <algorithm>
#include <regex>

namespace agora::notification {

bool valid_locale(std::string_view locale) {
  static const std::regex re("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  return locale.size() <= 35 && std::regex_match(locale.begin(), locale.end(), re);
}

std::vector<std::string> locale_chain(std::string_view wanted, std::string_view default_locale) {
  std::vector<std::string> chain;
  const auto add = [&](std::string_view l) {
    if (!l.empty() && std::find(chain.begin(), chain.end(), l) == chain.end()) chain.emplace_back(l);
  };
  add(wanted);
  add(wanted.substr(0, wanted.find('-')));
  add(default_locale);
  return chain;
}

}  // namespace agora::notification
