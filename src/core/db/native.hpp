#pragma once
// The libpq connection under a SOCI session, for what SOCI cannot do (scripts, status checks).
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/session.h>

namespace agora {

// Every session in Agora is opened with soci::postgresql. static_cast, because Debian's
// libsoci_postgresql does not export the backend's typeinfo, so dynamic_cast cannot link.
inline PGconn* native_connection(soci::session& s) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return backend ? backend->conn_ : nullptr;
}

}  // namespace agora
