#pragma once
// Crash points for the tests of recovery: a process started with FAILPOINTS (as tikv/fail-rs names
// it; not an AGORA_ config variable) naming a point
// (comma-separated, e.g. "payment.after_answer.authorize") kills itself with SIGKILL when it gets
// there, as a power cut would, with nothing flushed or rolled back. Unset, a point costs a branch.
#include <string_view>

namespace agora {

void failpoint(std::string_view name) noexcept;

}  // namespace agora
