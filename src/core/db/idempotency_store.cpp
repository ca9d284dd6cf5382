#include "db/idempotency_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/digest.hpp>
#include <agora/core/sql_values.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace agora {
namespace {

Error bad_key(std::string message) {
  return Error(ErrorKind::bad_request, "invalid Idempotency-Key", {{"Idempotency-Key", std::move(message)}});
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
  const auto now = micros(clock_.now());
  const auto oldest = micros(clock_.now() - ttl_);

  // Claim the key, or read what it holds. An expired key is free again.
  bool claimed = false;
  http::Response stored;
  db_.transact([&](Tx& tx) {
    auto& sql = tx.sql();
    sql << "DELETE FROM platform.idempotency_keys WHERE scope = :s AND key = :k AND created_at < " AGORA_TS(":o"),
        soci::use(scope), soci::use(key), soci::use(oldest);
    int inserted = 0;
    sql << "INSERT INTO platform.idempotency_keys (scope, key, fingerprint, created_at)"
           " VALUES (:s, :k, :f, " AGORA_TS(":n") ") ON CONFLICT DO NOTHING RETURNING 1",
        soci::use(scope), soci::use(key), soci::use(fingerprint), soci::use(now), soci::into(inserted);
    claimed = inserted == 1;
    if (claimed) return;
    std::string had, content_type, headers, body;
    int status = 0;
    soci::indicator status_ind = soci::i_null, type_ind = soci::i_null, headers_ind = soci::i_null, body_ind = soci::i_null;
    sql << "SELECT fingerprint, status, content_type, CAST(headers AS text), body FROM platform.idempotency_keys"
           " WHERE scope = :s AND key = :k",
        soci::use(scope), soci::use(key), soci::into(had), soci::into(status, status_ind),
        soci::into(content_type, type_ind), soci::into(headers, headers_ind), soci::into(body, body_ind);
    if (had != fingerprint)
      throw Error(ErrorKind::validation, "this Idempotency-Key was used for a different request",
                  {{"Idempotency-Key", "was used with another method, path or body"}});
    if (status_ind == soci::i_null)
      throw Error(ErrorKind::conflict, "a request with this Idempotency-Key is in progress or was interrupted");
    stored.status = static_cast<unsigned>(status);
    stored.content_type = type_ind == soci::i_ok ? content_type : "";
    stored.body = body_ind == soci::i_ok ? body : "";
    const auto parsed = headers_ind == soci::i_ok ? boost::json::parse(headers) : boost::json::array();
    for (const auto& h : parsed.as_array())
      stored.headers.emplace_back(h.at(0).as_string(), h.at(1).as_string());
  });
  if (!claimed) {
    stored.headers.emplace_back("Idempotent-Replayed", "true");
    return stored;
  }

  http::Response response;
  try {
    response = handler();
  } catch (...) {
    db_.transact([&](Tx& tx) {
      tx.sql() << "DELETE FROM platform.idempotency_keys WHERE scope = :s AND key = :k", soci::use(scope), soci::use(key);
    });
    throw;
  }
  db_.transact([&](Tx& tx) {
    if (response.status >= 500) {  // a failure of ours: the client may try again
      tx.sql() << "DELETE FROM platform.idempotency_keys WHERE scope = :s AND key = :k", soci::use(scope), soci::use(key);
      return;
    }
    const int status = static_cast<int>(response.status);
    const auto headers = headers_json(response);
    tx.sql() << "UPDATE platform.idempotency_keys SET status = :st, content_type = :ct, headers = CAST(:h AS jsonb),"
                " body = :b WHERE scope = :s AND key = :k",
        soci::use(status), soci::use(response.content_type), soci::use(headers), soci::use(response.body),
        soci::use(scope), soci::use(key);
  });
  return response;
}

void PgIdempotencyStore::prune() {
  const auto oldest = micros(clock_.now() - ttl_);
  db_.transact([&](Tx& tx) {
    tx.sql() << "DELETE FROM platform.idempotency_keys WHERE created_at < " AGORA_TS(":o"), soci::use(oldest);
  });
}

}  // namespace agora
