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

int counted(const std::map<std::string, int>& by_key, const std::string& key) {
  const auto it = by_key.find(key);
  return it == by_key.end() ? 0 : it->second;
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

std::optional<Answer> SandboxLedger::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  ++look_ups_[key];
  const auto it = answers_.find(key);
  if (it == answers_.end()) return std::nullopt;
  return it->second;
}

SandboxCounts SandboxLedger::counts(const std::string& order_id) const {
  std::lock_guard lock(mutex_);
  const auto it = counts_.find(order_id);
  return it == counts_.end() ? SandboxCounts{} : it->second;
}

int SandboxLedger::requests(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return counted(requests_, key);
}

int SandboxLedger::look_ups(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return counted(look_ups_, key);
}

SandboxLedger& sandbox_ledger() {
  static SandboxLedger ledger;
  return ledger;
}

}  // namespace agora::payment
