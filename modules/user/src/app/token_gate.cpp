#include "app/token_gate.hpp"

#include "store/account_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

#include <mutex>

namespace agora::user {

void TokenGate::check(const std::string& user_id, Timestamp issued_at) {
  const auto s = standing(user_id);
  if (!s.usable)
    throw Error(ErrorKind::unauthorized, "invalid access token: the account is locked, deleted or unknown");
  if (s.not_before && issued_at < *s.not_before)
    throw Error(ErrorKind::unauthorized, "invalid access token: revoked, sign in again");
}

TokenGate::Standing TokenGate::standing(const std::string& user_id) {
  std::uint64_t forgets = 0;
  {
    std::shared_lock lock(mutex_);
    if (const auto it = known_.find(user_id); it != known_.end()) return it->second;
    forgets = forgets_;
  }
  Standing s;
  if (is_uuid(user_id)) {
    auto conn = db_.acquire();
    if (const auto found = account_store::token_standing(*conn, user_id))
      s = {found->status != "locked" && found->status != "deleted", found->not_before};
  }
  std::unique_lock lock(mutex_);
  if (forgets_ != forgets) return s;
  if (known_.size() >= kMaxKnown) known_.clear();
  known_.insert_or_assign(user_id, s);
  return s;
}

void TokenGate::forget(const std::string& user_id) {
  std::unique_lock lock(mutex_);
  known_.erase(user_id);
  ++forgets_;
}

void TokenGate::forget_all() {
  std::unique_lock lock(mutex_);
  known_.clear();
  ++forgets_;
}

}  // namespace agora::user
