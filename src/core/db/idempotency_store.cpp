#include "db/idempotency_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/digest.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace agora {
namespace {

constexpr const char* kForget = "DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2";

Error bad_key(std::string message) {
  return Error(ErrorKind::validation, "invalid Idempotency-Key", {{"Idempotency-Key", std::move(message)}});
}

bool printable(std::string_view key) {
  return std::all_of(key.begin(), key.end(), [](unsigned char c) { return c >= 0x21 && c <= 0x7E; });
}

std::string headers_json(const http::Response& r) {
  boost::json::array a;
  for (const auto& [k, v] : r.headers) a.push_back({k, v});
  return boost::json::serialize(a);
}

}  // namespace

http::Response PgIdempotencyStore::once(const http::Request& request, std::string_view key_text,
                                        const std::function<http::Response()>& handler) {
  if (key_text.empty() || key_text.size() > 255 || !printable(key_text))
    throw bad_key("must be 1 to 255 printable ASCII characters");
  const std::string key(key_text);
  const std::string scope = request.principal ? request.principal->user_id : "";
  const auto fingerprint =
      sha256_hex(std::string(http::to_string(request.method)) + " " + request.path + "\n" + request.body);
  const auto now = clock_.now();

  // Claim the key, or read what it holds. An expired key is free again.
  bool claimed = false;
  http::Response stored;
  db_.transact([&](Tx& tx) {
    auto& sql = tx.sql();
    prepared::run(sql, "DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2 AND created_at < $3",
                  {scope, key, now - ttl_});
    claimed = !prepared::run(sql,
                             "INSERT INTO platform.idempotency_keys (scope, key, fingerprint, created_at)"
                             " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1",
                             {scope, key, fingerprint, now})
                   .empty();
    if (claimed) return;
    const auto held = prepared::run(sql,
                                    "SELECT fingerprint, status, content_type, headers, body"
                                    " FROM platform.idempotency_keys WHERE scope = $1 AND key = $2",
                                    {scope, key});
    if (held.get<std::string>(0, "fingerprint") != fingerprint)
      throw Error(ErrorKind::validation, "this Idempotency-Key was used for a different request",
                  {{"Idempotency-Key", "was used with another method, path or body"}});
    const auto status = held.get<std::optional<int>>(0, "status");
    if (!status)
      throw Error(ErrorKind::conflict, "a request with this Idempotency-Key is in progress or was interrupted");
    stored.status = static_cast<unsigned>(*status);
    stored.content_type = held.get<std::optional<std::string>>(0, "content_type").value_or("");
    stored.body = held.get<std::optional<std::string>>(0, "body").value_or("");
    if (const auto headers = held.get<std::optional<std::string>>(0, "headers")) {
      const auto parsed = boost::json::parse(*headers);
      for (const auto& h : parsed.as_array()) stored.headers.emplace_back(h.at(0).as_string(), h.at(1).as_string());
    }
  });
  if (!claimed) {
    stored.headers.emplace_back("Idempotent-Replayed", "true");
    return stored;
  }

  http::Response response;
  try {
    response = handler();
  } catch (...) {
    db_.transact([&](Tx& tx) { prepared::run(tx.sql(), kForget, {scope, key}); });
    throw;
  }
  db_.transact([&](Tx& tx) {
    if (response.status >= 500) {  // a failure of ours: the client may try again
      prepared::run(tx.sql(), kForget, {scope, key});
      return;
    }
    prepared::run(tx.sql(),
                  "UPDATE platform.idempotency_keys SET status = $3, content_type = $4, headers = $5, body = $6"
                  " WHERE scope = $1 AND key = $2",
                  {scope, key, response.status, response.content_type, headers_json(response), response.body});
  });
  return response;
}

void PgIdempotencyStore::prune() {
  db_.transact([&](Tx& tx) {
    prepared::run(tx.sql(), "DELETE FROM platform.idempotency_keys WHERE created_at < $1", {clock_.now() - ttl_});
  });
}

}  // namespace agora
