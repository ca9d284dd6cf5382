#include <agora/core/events.hpp>
#include <agora/core/trace.hpp>

namespace agora {

std::string Event::trace_id() const { return trace_id_of(traceparent); }

boost::json::object Event::envelope() const {
  return {{"id", id},
          {"type", type},
          {"version", version},
          {"topic", topic},
          {"key", key},
          {"occurred_at", to_rfc3339(occurred_at)},
          {"region", region},
          {"trace_id", trace_id()},
          {"traceparent", traceparent},
          {"payload", payload}};
}

}  // namespace agora
