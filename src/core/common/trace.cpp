#include "common/random.hpp"

#include <agora/core/trace.hpp>

#include <array>
#include <deque>

namespace agora {
namespace {

// One slot per nesting level, kept between scopes: a request's scope copies its ids into strings
// that already have the capacity, so entering it allocates nothing once the thread is warm.
// A deque, so that a slot's address survives deeper scopes being added.
thread_local std::deque<TraceContext> tl_scopes;
thread_local std::size_t tl_depth = 0;
const TraceContext kNoTrace;

bool is_lower_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool all_zero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

// Writes `bytes` random bytes as lower-case hex at out.
void random_hex(char* out, std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char buf[16];
  random_bytes(buf, bytes);
  for (std::size_t i = 0; i < bytes; ++i) {
    out[2 * i] = kHex[buf[i] >> 4];
    out[2 * i + 1] = kHex[buf[i] & 0x0F];
  }
}

}  // namespace

const TraceContext& current_trace() noexcept { return tl_depth == 0 ? kNoTrace : tl_scopes[tl_depth - 1]; }

ScopedTrace::ScopedTrace(TraceView ctx) {
  if (tl_depth == tl_scopes.size()) tl_scopes.emplace_back();
  auto& slot = tl_scopes[tl_depth];
  slot.request_id.assign(ctx.request_id);
  slot.traceparent.assign(ctx.traceparent);
  ++tl_depth;
}

ScopedTrace::~ScopedTrace() { --tl_depth; }

bool is_valid_traceparent(std::string_view t) noexcept {
  // version "00": 00-<32 hex>-<16 hex>-<2 hex>, ids not all zero
  if (t.size() != 55 || t[2] != '-' || t[35] != '-' || t[52] != '-') return false;
  const auto version = t.substr(0, 2), trace = t.substr(3, 32), parent = t.substr(36, 16), flags = t.substr(53, 2);
  return version == "00" && is_lower_hex(trace) && is_lower_hex(parent) && is_lower_hex(flags) && !all_zero(trace) &&
         !all_zero(parent);
}

std::string new_traceparent() {
  std::string out = "00-00000000000000000000000000000000-0000000000000000-01";
  random_hex(out.data() + 3, 16);
  random_hex(out.data() + 36, 8);
  return out;
}

std::string trace_id_of(std::string_view traceparent) {
  return is_valid_traceparent(traceparent) ? std::string(traceparent.substr(3, 32)) : std::string();
}

}  // namespace agora
