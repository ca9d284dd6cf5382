#include "gateways/sandbox_ledger.hpp"

namespace agora::payment {
namespace {

int& count_of(SandboxCounts& counts, CallKind kind) {
  switch (kind) {
    case CallKind::authorize:
      return counts.authorizations;
    case CallKind::confirm:
      return counts.confirmations;
    case CallKind::capture:
      return counts.captures;
    case CallKind::void_authorization:
      return counts.voids;
    case CallKind::refund:
      break;
  }
  return counts.refunds;
}

}  // namespace

Answer SandboxLedger::answer(const std::string& key, const std::string& order_id, CallKind kind,
                             const std::function<Answer()>& decide) {
  std::lock_guard lock(mutex_);
  ++requests_[key];
  if (const auto it = answers_.find(key); it != answers_.end()) return it->second;
  auto a = decide();
  if (a.outcome == Answer::Outcome::unknown) return a;
  if (a.outcome != Answer::Outcome::declined) ++count_of(counts_[order_id], kind);
  answers_.emplace(key, a);
  return a;
}

SandboxCounts SandboxLedger::counts(const std::string& order_id) const {
  std::lock_guard lock(mutex_);
  const auto it = counts_.find(order_id);
  return it == counts_.end() ? SandboxCounts{} : it->second;
}

int SandboxLedger::requests(const std::string& key) const {
  std::lock_guard lock(mutex_);
  const auto it = requests_.find(key);
  return it == requests_.end() ? 0 : it->second;
}

SandboxLedger& sandbox_ledger() {
  static SandboxLedger ledger;
  return ledger;
}

}  // namespace agora::payment
