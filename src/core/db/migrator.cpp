#include "db/native.hpp"

#include <agora/core/digest.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <agora/core/migrations.hpp>

#include <fmt/format.h>
#include <soci/soci.h>

#include <map>

namespace agora {
namespace {

// Any fixed 64-bit number; every agora instance migrating the same database takes this lock.
constexpr long long kMigrationLock = 0x61676f7261'6d6967;

// Runs a script of several statements: SOCI prepares single statements, libpq's PQexec runs scripts.
void exec_script(soci::session& sql, const std::string& script, const std::string& what) {
  PGresult* r = PQexec(native_connection(sql), script.c_str());
  const auto status = PQresultStatus(r);
  std::string message = PQresultErrorMessage(r);
  PQclear(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    throw Error(ErrorKind::internal, fmt::format("migration {} failed: {}", what, message));
}

struct Applied {
  std::string name;
  std::string checksum;
};

std::map<std::pair<std::string, int>, Applied> applied_migrations(soci::session& sql) {
  std::map<std::pair<std::string, int>, Applied> out;
  int exists = 0;
  sql << "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'platform' AND table_name = "
         "'schema_migrations'",
      soci::into(exists);
  if (!exists) return out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT module, version, name, checksum FROM platform.schema_migrations");
  for (const auto& row : rows)
    out[{row.get<std::string>(0), row.get<int>(1)}] = Applied{row.get<std::string>(2), row.get<std::string>(3)};
  return out;
}

void refuse_edited(const Migration& m, const Applied& a) {
  if (a.checksum != sha256_hex(m.sql))
    throw Error(ErrorKind::conflict,
                fmt::format("migration {}/{} was edited after it was applied (checksum {} in the database, {} in "
                            "this build); add a new migration instead of changing an applied one",
                            m.module, m.name, a.checksum.substr(0, 12), sha256_hex(m.sql).substr(0, 12)));
}

}  // namespace

Migrator::Migrator(soci::session& sql, std::vector<Migration> migrations)
    : sql_(sql), migrations_(std::move(migrations)) {}

int Migrator::apply() {
  sql_ << "SELECT pg_advisory_lock(:k)", soci::use(kMigrationLock);
  int count = 0;
  try {
    exec_script(sql_,
                "CREATE SCHEMA IF NOT EXISTS platform;"
                "CREATE TABLE IF NOT EXISTS platform.schema_migrations ("
                "  module text NOT NULL, version int NOT NULL, name text NOT NULL, checksum text NOT NULL,"
                "  applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, version))",
                "platform/schema_migrations");
    const auto applied = applied_migrations(sql_);
    for (const auto& m : migrations_)
      if (auto it = applied.find({m.module, m.version}); it != applied.end()) refuse_edited(m, it->second);
    for (const auto& m : migrations_) {
      if (applied.contains({m.module, m.version})) continue;
      soci::transaction tx(sql_);
      exec_script(sql_, m.sql, m.module + "/" + m.name);
      const std::string sum = sha256_hex(m.sql);
      sql_ << "INSERT INTO platform.schema_migrations (module, version, name, checksum) VALUES (:m, :v, :n, :c)",
          soci::use(m.module), soci::use(m.version), soci::use(m.name), soci::use(sum);
      tx.commit();
      log::info("migration applied", {{"module", m.module}, {"name", m.name}});
      ++count;
    }
  } catch (...) {
    sql_ << "SELECT pg_advisory_unlock(:k)", soci::use(kMigrationLock);
    throw;
  }
  sql_ << "SELECT pg_advisory_unlock(:k)", soci::use(kMigrationLock);
  return count;
}

std::vector<MigrationStatus> Migrator::status() {
  const auto applied = applied_migrations(sql_);
  std::vector<MigrationStatus> out;
  for (const auto& m : migrations_) {
    auto it = applied.find({m.module, m.version});
    if (it != applied.end()) refuse_edited(m, it->second);
    out.push_back({m.module, m.version, m.name, it != applied.end()});
  }
  return out;
}

bool Migrator::current() {
  try {
    for (const auto& s : status())
      if (!s.applied) return false;
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace agora
