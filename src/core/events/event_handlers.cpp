#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/log.hpp>

#include <algorithm>

namespace agora {
namespace {

constexpr std::string_view kUnreadable = "unreadable event: ";

void add_once(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// What was wrong, with the fields an Error names ("lines[0].quantity: ...").
std::string reason_of(const std::exception& why) {
  std::string reason = why.what();
  if (const auto* error = dynamic_cast<const Error*>(&why))
    for (const auto& f : error->fields()) reason += "; " + f.field + ": " + f.message;
  return reason;
}

}  // namespace

UnreadableEvent::UnreadableEvent(const std::string& reason) : std::runtime_error(std::string(kUnreadable) + reason) {}

void EventHandlers::unreadable(const Event& e, const std::exception& why) {
  throw UnreadableEvent(e.type + " version " + std::to_string(e.version) + ": " + reason_of(why));
}

Subscription EventHandlers::subscription(std::string name) const {
  Subscription s{.name = std::move(name)};
  for (const auto& r : routes_) {
    add_once(s.topics, r.topic);
    add_once(s.types, r.type);
  }
  s.handler = [routes = routes_, subscriber = s.name](Tx& tx, const Event& e) {
    const auto route = std::find_if(routes.begin(), routes.end(), [&](const Route& r) {
      return r.type == e.type && r.version == e.version && r.topic == e.topic;
    });
    if (route != routes.end()) return route->handle(tx, e);
    log::warn("an event version this subscriber does not read passed it by",
              {{"subscriber", subscriber}, {"event_id", e.id}, {"type", e.type}, {"version", e.version}});
  };
  return s;
}

}  // namespace agora
