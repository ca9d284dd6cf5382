#include "common/random.hpp"

#include <agora/core/trace.hpp>

#include <sodium.h>

#include <array>

namespace agora {
namespace {

thread_local TraceContext tl_trace;

bool is_lower_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool all_zero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

std::string random_hex(std::size_t bytes) {
  std::array<unsigned char, 16> buf{};
  random_bytes(buf.data(), bytes);
  std::string out(bytes * 2, '0');
  sodium_bin2hex(out.data(), out.size() + 1, buf.data(), bytes);
  return out;
}

}  // namespace

const TraceContext& current_trace() noexcept { return tl_trace; }

ScopedTrace::ScopedTrace(TraceContext ctx) : previous_(std::move(tl_trace)) { tl_trace = std::move(ctx); }
ScopedTrace::~ScopedTrace() { tl_trace = std::move(previous_); }

bool is_valid_traceparent(std::string_view t) noexcept {
  // version "00": 00-<32 hex>-<16 hex>-<2 hex>, ids not all zero
  if (t.size() != 55 || t[2] != '-' || t[35] != '-' || t[52] != '-') return false;
  const auto version = t.substr(0, 2), trace = t.substr(3, 32), parent = t.substr(36, 16), flags = t.substr(53, 2);
  return version == "00" && is_lower_hex(trace) && is_lower_hex(parent) && is_lower_hex(flags) && !all_zero(trace) &&
         !all_zero(parent);
}

std::string new_traceparent() { return "00-" + random_hex(16) + "-" + random_hex(8) + "-01"; }

std::string trace_id_of(std::string_view traceparent) {
  return is_valid_traceparent(traceparent) ? std::string(traceparent.substr(3, 32)) : std::string();
}

}  // namespace agora
