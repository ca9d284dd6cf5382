#pragma once
// Embedded SQL migrations, applied in order under an advisory lock and recorded with checksums.
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace agora {

struct Migration {
  std::string module;  // "platform", "user", ...
  int version;         // NNNN from the file name
  std::string name;    // file name, "0001_events.sql"
  std::string sql;
};

// Every migration under migrations/, compiled into the binary, in application order.
const std::vector<Migration>& embedded_migrations();

struct MigrationStatus {
  std::string module;
  int version;
  std::string name;
  bool applied;
};

class Migrator {
 public:
  Migrator(soci::session& sql, std::vector<Migration> migrations);
  // Applies what is pending; returns how many. Refuses (Error{conflict}) when an applied one was edited.
  int apply();
  std::vector<MigrationStatus> status();
  bool current();  // every migration applied and unedited

 private:
  soci::session& sql_;
  std::vector<Migration> migrations_;
};

}  // namespace agora
