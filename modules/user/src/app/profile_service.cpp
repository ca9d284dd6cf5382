#include "app/profile_service.hpp"

#include "store/account_store.hpp"
#include "store/profile_store.hpp"
#include "store/security_store.hpp"
#include "store/token_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/user/events.hpp>

namespace agora::user {
namespace {

constexpr long long kMaxAddresses = 50;

Error no_user(std::string_view id) { return Error(ErrorKind::not_found, "no user with id " + std::string(id)); }
Error no_address(std::string_view id) {
  return Error(ErrorKind::not_found, "you have no address with id " + std::string(id));
}

Account live_account(soci::session& sql, const std::string& user_id, bool for_update = false) {
  auto a = is_uuid(user_id) ? account_store::by_id(sql, user_id, for_update) : std::nullopt;
  if (!a || a->status == "deleted") throw no_user(user_id);
  return *a;
}

// Makes `a` the default shipping/billing address of the account when it asks to be, and stops
// being the default when it asks not to be.
bool apply_defaults(Account& account, const Address& a) {
  const auto before = std::make_pair(account.default_shipping_address_id, account.default_billing_address_id);
  if (a.default_shipping)
    account.default_shipping_address_id = a.id;
  else if (account.default_shipping_address_id == a.id)
    account.default_shipping_address_id.reset();
  if (a.default_billing)
    account.default_billing_address_id = a.id;
  else if (account.default_billing_address_id == a.id)
    account.default_billing_address_id.reset();
  return before != std::make_pair(account.default_shipping_address_id, account.default_billing_address_id);
}

// After an address was written: the account's defaults follow it, and the change is announced.
Address saved_address(Tx& tx, Account& account, const Address& a, Timestamp now) {
  if (apply_defaults(account, a)) {
    account.updated_at = now;
    account_store::update(tx.sql(), account);
  }
  tx.publish(events::Updated{account.id, {"addresses"}});
  return *profile_store::address(tx.sql(), account.id, a.id);
}

}  // namespace

ProfileService::ProfileService(Database& db, const Clock& clock, TokenGate& gate)
    : db_(db), clock_(clock), gate_(gate) {}

Account ProfileService::me(const std::string& user_id) {
  auto conn = db_.acquire();
  return live_account(*conn, user_id);
}

Account ProfileService::update_me(const std::string& user_id, const ProfilePatch& patch) {
  return db_.transact([&](Tx& tx) {
    auto a = live_account(tx.sql(), user_id, true);
    if (patch.empty()) return a;
    std::vector<std::string> changed;
    if (patch.name) a.name = *patch.name, changed.push_back("name");
    if (patch.phone) a.phone = *patch.phone, changed.push_back("phone");
    if (patch.locale) a.locale = *patch.locale, changed.push_back("locale");
    if (patch.preferred_currency)
      a.preferred_currency = *patch.preferred_currency, changed.push_back("preferred_currency");
    a.updated_at = clock_.now();
    account_store::update(tx.sql(), a);
    tx.publish(events::Updated{user_id, std::move(changed)});
    return a;
  });
}

void ProfileService::delete_me(const std::string& user_id) {
  db_.transact([&](Tx& tx) {
    auto a = live_account(tx.sql(), user_id, true);
    const auto now = clock_.now();
    a.email = "deleted+" + a.id + "@deleted.invalid";
    a.email_verified = false;
    a.password_hash.reset();
    a.name.clear();
    a.phone.reset();
    a.locale.reset();
    a.preferred_currency.reset();
    a.status = "deleted";
    a.locked_reason.reset();
    a.default_shipping_address_id.reset();
    a.default_billing_address_id.reset();
    a.updated_at = now;
    account_store::update(tx.sql(), a);
    profile_store::delete_all_addresses(tx.sql(), user_id);
    profile_store::delete_preferences(tx.sql(), user_id);
    security_store::remove_totp(tx.sql(), user_id);
    token_store::revoke_all(tx.sql(), user_id, now);
    tx.publish(events::Deleted{user_id});
  });
  // As for an administrator's lock: other instances forget the user's standing when the notice
  // reaches them, this one at once, so that the deleted account's next request is already refused.
  gate_.forget(user_id);
}

std::vector<Address> ProfileService::addresses(const std::string& user_id) {
  auto conn = db_.acquire();
  live_account(*conn, user_id);
  return profile_store::addresses(*conn, user_id);
}

Address ProfileService::address(const std::string& user_id, const std::string& address_id) {
  if (!is_uuid(address_id)) throw no_address(address_id);
  auto conn = db_.acquire();
  auto a = profile_store::address(*conn, user_id, address_id);
  if (!a) throw no_address(address_id);
  return *a;
}

std::optional<Address> ProfileService::find_address(std::string_view user_id, std::string_view address_id) {
  if (!is_uuid(address_id)) return std::nullopt;
  auto conn = db_.acquire();
  return profile_store::address(*conn, std::string(user_id), std::string(address_id));
}

Address ProfileService::add_address(const std::string& user_id, const AddressPatch& address) {
  auto a = patched(address, Address{});
  check_address(a);
  a.id = new_id();
  return db_.transact([&](Tx& tx) {
    auto account = live_account(tx.sql(), user_id, true);
    if (profile_store::count_addresses(tx.sql(), user_id) >= kMaxAddresses)
      throw Error(ErrorKind::conflict, "you already have " + std::to_string(kMaxAddresses) +
                                           " addresses, the most one may keep: delete one first");
    const auto now = clock_.now();
    profile_store::insert_address(tx.sql(), user_id, a, now);
    return saved_address(tx, account, a, now);
  });
}

Address ProfileService::update_address(const std::string& user_id, const std::string& address_id,
                                       const AddressPatch& patch) {
  if (!is_uuid(address_id)) throw no_address(address_id);
  return db_.transact([&](Tx& tx) {
    auto account = live_account(tx.sql(), user_id, true);
    const auto stored = profile_store::address(tx.sql(), user_id, address_id);
    if (!stored) throw no_address(address_id);
    const auto a = patched(patch, *stored);
    check_address(a);
    const auto now = clock_.now();
    profile_store::update_address(tx.sql(), user_id, a, now);
    return saved_address(tx, account, a, now);
  });
}

void ProfileService::delete_address(const std::string& user_id, const std::string& address_id) {
  if (!is_uuid(address_id)) throw no_address(address_id);
  db_.transact([&](Tx& tx) {
    if (!profile_store::delete_address(tx.sql(), user_id, address_id)) throw no_address(address_id);
    tx.publish(events::Updated{user_id, {"addresses"}});
  });
}

PreferencesView ProfileService::preferences_of(const std::string& user_id) {
  auto conn = db_.acquire();
  live_account(*conn, user_id);
  return {profile_store::preferences(*conn, user_id).value_or(Preferences{}),
          profile_store::marketing_consent_at(*conn, user_id)};
}

PreferencesView ProfileService::update_preferences(const std::string& user_id, const PreferencesPatch& patch) {
  return db_.transact([&](Tx& tx) {
    live_account(tx.sql(), user_id, true);
    const auto current = profile_store::preferences(tx.sql(), user_id).value_or(Preferences{});
    const auto next = patched(patch, current);
    auto consent_at = profile_store::marketing_consent_at(tx.sql(), user_id);
    if (next.marketing_consent != current.marketing_consent) consent_at = clock_.now();
    profile_store::save_preferences(tx.sql(), user_id, next, consent_at, clock_.now());
    tx.publish(events::Updated{user_id, {"preferences"}});
    return PreferencesView{next, consent_at};
  });
}

namespace {

UserSummary summary_of(const Account& a) {
  return {a.id,    a.email,  a.name,           a.locale.value_or(""), a.preferred_currency.value_or(""),
          a.roles, a.status, a.email_verified, a.phone.value_or("")};
}

}  // namespace

std::optional<UserSummary> ProfileService::find(std::string_view user_id) {
  if (!is_uuid(user_id)) return std::nullopt;
  auto conn = db_.acquire();
  const auto a = account_store::by_id(*conn, std::string(user_id));
  if (!a) return std::nullopt;
  return summary_of(*a);
}

void ProfileService::withdraw_marketing_consent(std::string_view user_id) {
  if (!is_uuid(user_id)) throw no_user(user_id);
  update_preferences(std::string(user_id), {.marketing_consent = false});
}

std::vector<UserSummary> ProfileService::with_role(std::string_view role) {
  auto conn = db_.acquire();
  std::vector<UserSummary> out;
  AccountQuery q{.role = std::string(role), .status = "active", .limit = 500};
  for (;;) {
    const auto page = account_store::search(*conn, q);
    for (const auto& a : page) out.push_back(summary_of(a));
    if (page.size() < q.limit) return out;
    q.after_id = page.back().id;
  }
}

std::optional<Address> ProfileService::default_address(std::string_view user_id, bool shipping) {
  if (!is_uuid(user_id)) return std::nullopt;
  auto conn = db_.acquire();
  for (auto& a : profile_store::addresses(*conn, std::string(user_id)))
    if (shipping ? a.default_shipping : a.default_billing) return a;
  return std::nullopt;
}

std::optional<Preferences> ProfileService::preferences(std::string_view user_id) {
  if (!is_uuid(user_id)) return std::nullopt;
  auto conn = db_.acquire();
  if (!account_store::by_id(*conn, std::string(user_id))) return std::nullopt;
  return profile_store::preferences(*conn, std::string(user_id)).value_or(Preferences{});
}

}  // namespace agora::user
