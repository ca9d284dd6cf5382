#include "domain/channels.hpp"

#include <algorithm>

namespace agora::notification {

std::vector<std::string> channels_for(Category category, const ChannelChoice& choice) {
  const auto reaches = [&](std::string_view c) {
    return std::find(choice.reachable.begin(), choice.reachable.end(), c) != choice.reachable.end();
  };
  std::vector<std::string> out;
  if (category == Category::marketing && !(choice.has_preferences && choice.marketing_consent)) return out;
  if (choice.has_preferences)
    for (const auto c : kChannels)
      if (reaches(c) && std::find(choice.chosen.begin(), choice.chosen.end(), c) != choice.chosen.end())
        out.emplace_back(c);
  if (out.empty() && category != Category::marketing) {
    if (reaches(kEmail))
      out.emplace_back(kEmail);
    else if (reaches(kInApp))
      out.emplace_back(kInApp);
  }
  return out;
}

}  // namespace agora::notification
