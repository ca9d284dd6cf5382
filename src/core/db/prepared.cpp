#include "db/native.hpp"

#include <agora/core/prepared.hpp>

#include <charconv>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace agora::prepared {
namespace {

// What each open connection has prepared, by its libpq handle and server process (a handle's
// address may be reused by a later connection, never with the same server process at once).
struct Registry {
  std::mutex mutex;
  std::unordered_map<PGconn*, std::pair<int, std::unordered_set<std::string>>> prepared;
};
Registry& registry() {
  static Registry r;
  return r;
}

std::string name_of(std::string_view statement) {
  return "agora_" + std::to_string(std::hash<std::string_view>{}(statement));
}

[[noreturn]] void fail(PGconn* conn, PGresult* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = std::string(what) + ": " + (result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  std::string sqlstate = state ? state : "08006";  // no result: the connection failed
  if (result) PQclear(result);
  throw soci::postgresql_soci_error(message, sqlstate.c_str());
}

bool is_new(PGconn* conn, const std::string& name) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto& [pid, names] = r.prepared[conn];
  if (pid != PQbackendPID(conn)) {
    pid = PQbackendPID(conn);
    names.clear();
  }
  return !names.contains(name);
}

void remember(PGconn* conn, const std::string& name) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.prepared[conn].second.insert(name);
}

}  // namespace

std::string array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

int Rows::size() const { return PQntuples(result_.get()); }

bool Rows::null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view Rows::text(int row, int column) const {
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t Rows::int64(int row, int column) const {
  const auto t = text(row, column);
  std::int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

bool Rows::boolean(int row, int column) const { return text(row, column) == "t"; }

std::int64_t Rows::affected() const {
  const char* n = PQcmdTuples(result_.get());
  std::int64_t v = 0;
  std::from_chars(n, n + std::strlen(n), v);
  return v;
}

Rows run(soci::session& sql, std::string_view statement, const std::vector<Param>& params) {
  PGconn* conn = native_connection(sql);
  const auto name = name_of(statement);
  if (is_new(conn, name)) {
    PGresult* made = PQprepare(conn, name.c_str(), std::string(statement).c_str(), 0, nullptr);
    if (!made || PQresultStatus(made) != PGRES_COMMAND_OK) fail(conn, made, "cannot prepare a statement");
    PQclear(made);
    remember(conn, name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* result =
      PQexecPrepared(conn, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(conn, result, "statement failed");
  return Rows(std::shared_ptr<pg_result>(result, PQclear));
}

void forget(soci::session& sql) noexcept {
  PGconn* conn = native_connection(sql);
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.prepared.erase(conn);
}

}  // namespace agora::prepared
