#pragma once
// Whether an account's access tokens are honoured now: never while the account is locked or deleted (nor
// for an account we do not have), and not when issued before its tokens_not_before (set when an administrator locks it
// or takes a role away). Standings are kept in memory and forgotten when a user.events notice
// names the user, so every instance follows a change right after its commit, and a request
// costs a database trip only the first time its user is seen.
#include <agora/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace agora {
class Database;
}

namespace agora::user {

class TokenGate {
 public:
  explicit TokenGate(Database& db) : db_(db) {}

  // Throws Error{unauthorized} when a token of this user issued at `issued_at` must be refused.
  void check(const std::string& user_id, Timestamp issued_at);
  void forget(const std::string& user_id);
  void forget_all();  // notices may have been missed

 private:
  struct Standing {
    bool usable = false;  // the account exists and is not locked
    std::optional<Timestamp> not_before;
  };
  Standing standing(const std::string& user_id);

  static constexpr std::size_t kMaxKnown = 200000;
  Database& db_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Standing> known_;
  std::uint64_t forgets_ = 0;  // a read that raced a forget is not kept: it may predate the change
};

}  // namespace agora::user
