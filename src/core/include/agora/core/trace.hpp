#pragma once
// The request id and W3C traceparent of the work running on this thread; events copy them.
#include <optional>
#include <string>
#include <string_view>

namespace agora {

struct TraceContext {
  std::string request_id;
  std::string traceparent;  // "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>", or empty
};

// The trace context of the innermost ScopedTrace on this thread, or empty strings outside one.
// The reference stays valid until that scope ends.
const TraceContext& current_trace() noexcept;

struct TraceView {
  std::string_view request_id;
  std::string_view traceparent;
};

// Sets the thread's trace context for its lifetime (the strings are copied), restoring the
// previous one after. Scopes nest and end in reverse order on the thread that began them.
class ScopedTrace {
 public:
  explicit ScopedTrace(TraceView ctx);
  ~ScopedTrace();
  ScopedTrace(const ScopedTrace&) = delete;
  ScopedTrace& operator=(const ScopedTrace&) = delete;
};

bool is_valid_traceparent(std::string_view text) noexcept;
std::string new_traceparent();                          // a fresh root trace
std::string trace_id_of(std::string_view traceparent);  // the 32 hex trace id, or ""

}  // namespace agora
