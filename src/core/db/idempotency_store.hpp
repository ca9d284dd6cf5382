#pragma once
// Idempotency-Key responses kept in platform.idempotency_keys (see http::IdempotencyStore).
#include <agora/core/clock.hpp>
#include <agora/core/http.hpp>

#include <chrono>

namespace agora {

class Database;

class PgIdempotencyStore final : public http::IdempotencyStore {
 public:
  PgIdempotencyStore(Database& db, const Clock& clock, std::chrono::hours ttl) : db_(db), clock_(clock), ttl_(ttl) {}
  http::Response once(const http::Request& request, std::string_view key,
                      const std::function<http::Response()>& handler) override;
  void prune();  // forgets keys older than the ttl

 private:
  Database& db_;
  const Clock& clock_;
  std::chrono::hours ttl_;
};

}  // namespace agora
