#pragma once
// What the sandbox gateway has done, kept for the whole process as a real gateway keeps its records
// across our restarts: a server started again on the same database finds the keys answered before.
// Tests read its counts. It only grows: the sandbox is for local runs and tests.
#include "domain/answer.hpp"
#include "domain/payment.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace agora::payment {

// What the sandbox did for one order; each key counts once, however often it is sent.
struct SandboxCounts {
  int authorizations = 0;  // authorized (or waiting for the buyer's action)
  int captures = 0;
  int voids = 0;
  int refunds = 0;
  int confirmations = 0;  // authorizations completed after the buyer's action
  bool operator==(const SandboxCounts&) const = default;
};

class SandboxLedger {
 public:
  // The answer given to `key` before; else decide()'s, remembered and counted for the order unless
  // it is unknown (a call that was not done is not remembered, as at a real gateway).
  Answer answer(const std::string& key, const std::string& order_id, CallKind kind,
                const std::function<Answer()>& decide);
  // The answer remembered for `key` (a look-up, counted as such); nullopt when none is.
  std::optional<Answer> find(const std::string& key);
  SandboxCounts counts(const std::string& order_id) const;
  int requests(const std::string& key) const;  // calls sent with the key, repeats and unanswered ones too
  int look_ups(const std::string& key) const;  // find()s of the key

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Answer> answers_;        // by key
  std::map<std::string, int> requests_;          // by key
  std::map<std::string, int> look_ups_;          // by key
  std::map<std::string, SandboxCounts> counts_;  // by order id
};

// The one ledger of the process.
SandboxLedger& sandbox_ledger();

}  // namespace agora::payment
