#pragma once
// Rows sent to PostgreSQL as one jsonb array (read with jsonb_to_recordset), so that a batch of any
// size is one statement.
#include <agora/core/clock.hpp>
#include <agora/core/prepared.hpp>

#include <string>

namespace agora::inventory {

// A timestamp in such a row, as PostgreSQL reads a timestamptz (the recordset's column of that
// type), to the microsecond.
inline std::string timestamptz_text(Timestamp t) { return prepared::Param(t).c_str(); }

}  // namespace agora::inventory
