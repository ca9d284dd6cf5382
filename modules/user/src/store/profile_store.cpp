#include "store/profile_store.hpp"

#include <agora/core/sql_values.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

namespace agora::user::profile_store {
namespace {

constexpr const char* kAddressSelect =
    "SELECT CAST(d.id AS text), d.label, d.recipient, d.line1, d.line2, d.city, d.region, d.postal_code, d.country,"
    " d.phone, CAST(a.default_shipping_address_id IS NOT DISTINCT FROM d.id AS int),"
    " CAST(a.default_billing_address_id IS NOT DISTINCT FROM d.id AS int)"
    " FROM \"user\".addresses d JOIN \"user\".accounts a ON a.id = d.user_id"
    " WHERE d.user_id = CAST(:user AS uuid) ";

Address address_from_row(const soci::row& r) {
  Address a;
  a.id = r.get<std::string>(0);
  a.label = r.get<std::string>(1);
  a.recipient = r.get<std::string>(2);
  a.line1 = r.get<std::string>(3);
  a.line2 = r.get<std::string>(4);
  a.city = r.get<std::string>(5);
  a.region = r.get<std::string>(6);
  a.postal_code = r.get<std::string>(7);
  a.country = r.get<std::string>(8);
  a.phone = r.get<std::string>(9);
  a.default_shipping = r.get<int>(10) != 0;
  a.default_billing = r.get<int>(11) != 0;
  return a;
}

boost::json::array to_array(const std::vector<std::string>& v) { return boost::json::array(v.begin(), v.end()); }

std::vector<std::string> from_array(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = o.if_contains(key); a && a->is_array())
    for (const auto& v : a->get_array())
      if (v.is_string()) out.emplace_back(v.get_string());
  return out;
}

}  // namespace

std::vector<Address> addresses(soci::session& sql, const std::string& user_id) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kAddressSelect) + "ORDER BY d.id", soci::use(user_id));
  std::vector<Address> out;
  for (const auto& r : rows) out.push_back(address_from_row(r));
  return out;
}

std::optional<Address> address(soci::session& sql, const std::string& user_id, const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kAddressSelect) + "AND d.id = CAST(:id AS uuid)", soci::use(user_id), soci::use(id));
  for (const auto& r : rows) return address_from_row(r);
  return std::nullopt;
}

void insert_address(soci::session& sql, const std::string& user_id, const Address& a, Timestamp now) {
  const auto at = micros(now);
  sql << "INSERT INTO \"user\".addresses (id, user_id, label, recipient, line1, line2, city, region, postal_code,"
         " country, phone, created_at, updated_at) VALUES (CAST(:id AS uuid), CAST(:user AS uuid), :label, :recipient,"
         " :line1, :line2, :city, :region, :postal, :country, :phone, " AGORA_TS(":c") ", " AGORA_TS(":u") ")",
      soci::use(a.id), soci::use(user_id), soci::use(a.label), soci::use(a.recipient), soci::use(a.line1),
      soci::use(a.line2), soci::use(a.city), soci::use(a.region), soci::use(a.postal_code), soci::use(a.country),
      soci::use(a.phone), soci::use(at), soci::use(at);
}

void update_address(soci::session& sql, const std::string& user_id, const Address& a, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE \"user\".addresses SET label = :label, recipient = :recipient, line1 = :line1, line2 = :line2,"
         " city = :city, region = :region, postal_code = :postal, country = :country, phone = :phone,"
         " updated_at = " AGORA_TS(":u") " WHERE id = CAST(:id AS uuid) AND user_id = CAST(:user AS uuid)",
      soci::use(a.label), soci::use(a.recipient), soci::use(a.line1), soci::use(a.line2), soci::use(a.city),
      soci::use(a.region), soci::use(a.postal_code), soci::use(a.country), soci::use(a.phone), soci::use(at),
      soci::use(a.id), soci::use(user_id);
}

bool delete_address(soci::session& sql, const std::string& user_id, const std::string& id) {
  soci::statement st = (sql.prepare << "DELETE FROM \"user\".addresses WHERE id = CAST(:id AS uuid)"
                                       " AND user_id = CAST(:user AS uuid)",
                        soci::use(id), soci::use(user_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long count_addresses(soci::session& sql, const std::string& user_id) {
  long long n = 0;
  sql << "SELECT count(*) FROM \"user\".addresses WHERE user_id = CAST(:user AS uuid)", soci::use(user_id),
      soci::into(n);
  return n;
}

void delete_all_addresses(soci::session& sql, const std::string& user_id) {
  sql << "DELETE FROM \"user\".addresses WHERE user_id = CAST(:user AS uuid)", soci::use(user_id);
}

std::optional<Preferences> preferences(soci::session& sql, const std::string& user_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT language, COALESCE(currency, ''), CAST(channels AS text), CAST(marketing_consent AS int)"
                      " FROM \"user\".preferences WHERE user_id = CAST(:user AS uuid)",
       soci::use(user_id));
  for (const auto& r : rows) {
    Preferences p;
    p.language = r.get<std::string>(0);
    p.currency = r.get<std::string>(1);
    const auto channels = boost::json::parse(r.get<std::string>(2)).as_object();
    p.order_channels = from_array(channels, "order");
    p.marketing_channels = from_array(channels, "marketing");
    p.security_channels = from_array(channels, "security");
    p.marketing_consent = r.get<int>(3) != 0;
    return p;
  }
  return std::nullopt;
}

std::optional<Timestamp> marketing_consent_at(soci::session& sql, const std::string& user_id) {
  long long us = 0;
  soci::indicator i = soci::i_null;
  sql << "SELECT " AGORA_US("marketing_consent_at") " FROM \"user\".preferences WHERE user_id = CAST(:user AS uuid)",
      soci::use(user_id), soci::into(us, i);
  if (!sql.got_data() || i != soci::i_ok) return std::nullopt;
  return from_micros(us);
}

void save_preferences(soci::session& sql, const std::string& user_id, const Preferences& p,
                      std::optional<Timestamp> consent_at, Timestamp now) {
  const std::string channels = boost::json::serialize(boost::json::object{{"order", to_array(p.order_channels)},
                                                                          {"marketing", to_array(p.marketing_channels)},
                                                                          {"security", to_array(p.security_channels)}});
  soci::indicator currency_ind = p.currency.empty() ? soci::i_null : soci::i_ok;
  const int consent = p.marketing_consent ? 1 : 0;
  const long long consent_us = consent_at ? micros(*consent_at) : 0;
  soci::indicator consent_ind = consent_at ? soci::i_ok : soci::i_null;
  const auto at = micros(now);
  sql << "INSERT INTO \"user\".preferences (user_id, language, currency, channels, marketing_consent,"
         " marketing_consent_at, updated_at) VALUES (CAST(:user AS uuid), :language, :currency, CAST(:channels AS jsonb),"
         " CAST(:consent AS boolean), " AGORA_TS(":consent_at") ", " AGORA_TS(":at") ")"
         " ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, currency = EXCLUDED.currency,"
         " channels = EXCLUDED.channels, marketing_consent = EXCLUDED.marketing_consent,"
         " marketing_consent_at = EXCLUDED.marketing_consent_at, updated_at = EXCLUDED.updated_at",
      soci::use(user_id), soci::use(p.language), soci::use(p.currency, currency_ind), soci::use(channels),
      soci::use(consent), soci::use(consent_us, consent_ind), soci::use(at);
}

void delete_preferences(soci::session& sql, const std::string& user_id) {
  sql << "DELETE FROM \"user\".preferences WHERE user_id = CAST(:user AS uuid)", soci::use(user_id);
}

void audit(soci::session& sql, const AuditEntry& e) {
  const std::string details = boost::json::serialize(e.details);
  const auto at = micros(e.at);
  soci::indicator target_ind = e.target_id.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO \"user\".audit_log (actor_id, action, target_id, details, at) VALUES (CAST(:actor AS uuid),"
         " :action, CAST(:target AS uuid), CAST(:details AS jsonb), " AGORA_TS(":at") ")",
      soci::use(e.actor_id), soci::use(e.action), soci::use(e.target_id, target_ind), soci::use(details), soci::use(at);
}

std::vector<AuditEntry> audit_log(soci::session& sql, std::size_t limit, long long before_id) {
  const long long lim = static_cast<long long>(limit);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, CAST(actor_id AS text), action, COALESCE(CAST(target_id AS text), ''),"
                      " CAST(details AS text), " AGORA_US("at") " FROM \"user\".audit_log"
                      " WHERE id < :before ORDER BY id DESC LIMIT :lim",
       soci::use(before_id), soci::use(lim));
  std::vector<AuditEntry> out;
  for (const auto& r : rows)
    out.push_back({r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                   boost::json::parse(r.get<std::string>(4)).as_object(), from_micros(r.get<long long>(5))});
  return out;
}

}  // namespace agora::user::profile_store
