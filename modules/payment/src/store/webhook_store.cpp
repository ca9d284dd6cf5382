#include "store/webhook_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::payment::webhook_store {

bool insert(soci::session& sql, const WebhookEvent& e) {
  return prepared::run(sql,
                       "INSERT INTO payment.webhook_events (gateway, id, type, payload, received_at, process_after)"
                       " VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (gateway, id) DO NOTHING",
                       {e.gateway, e.id, e.type, e.payload, e.received_at})
             .affected() > 0;
}

std::optional<WebhookEvent> claim(soci::session& sql, const std::string& gateway, const std::string& id,
                                  Timestamp now) {
  const auto rows = prepared::run(sql,
                                  "SELECT gateway, id, type, payload, received_at, attempts FROM payment.webhook_events"
                                  " WHERE gateway = $1 AND id = $2 AND processed_at IS NULL AND process_after <= $3"
                                  " FOR UPDATE SKIP LOCKED",
                                  {gateway, id, now});
  if (rows.empty()) return std::nullopt;
  return rows.as<WebhookEvent>(0);
}

void processed(soci::session& sql, const WebhookEvent& e, Timestamp now, const std::string& outcome) {
  prepared::run(sql,
                "UPDATE payment.webhook_events SET processed_at = $3, attempts = attempts + 1, outcome = $4"
                " WHERE gateway = $1 AND id = $2",
                {e.gateway, e.id, now, outcome});
}

void put_off(soci::session& sql, const WebhookEvent& e, Timestamp after, const std::string& outcome) {
  prepared::run(sql,
                "UPDATE payment.webhook_events SET process_after = $3, attempts = attempts + 1, outcome = $4"
                " WHERE gateway = $1 AND id = $2",
                {e.gateway, e.id, after, outcome});
}

std::vector<std::string> due(soci::session& sql, const std::string& gateway, Timestamp now, std::size_t limit) {
  const auto rows = prepared::run(sql,
                                  "SELECT id FROM payment.webhook_events WHERE gateway = $1 AND processed_at IS NULL"
                                  " AND process_after <= $2 ORDER BY process_after LIMIT $3",
                                  {gateway, now, static_cast<std::int64_t>(limit)});
  std::vector<std::string> ids;
  for (int i = 0; i < rows.size(); ++i) ids.push_back(rows.get<std::string>(i, "id"));
  return ids;
}

}  // namespace agora::payment::webhook_store
