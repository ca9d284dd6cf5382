#include <agora/core/failpoint.hpp>

#include <csignal>
#include <cstdlib>
#include <string>

namespace agora {
namespace {

const std::string& armed() {
  static const std::string points = [] {
    const char* v = std::getenv("FAILPOINTS");
    return v ? "," + std::string(v) + "," : std::string();
  }();
  return points;
}

}  // namespace

void failpoint(std::string_view name) noexcept {
  const auto& points = armed();
  if (points.empty()) return;
  if (points.find("," + std::string(name) + ",") != std::string::npos) std::raise(SIGKILL);
}

}  // namespace agora
