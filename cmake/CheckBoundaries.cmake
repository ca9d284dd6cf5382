# cmake -DMODULE=name -DALLOWED="dep,..." [-DTEST_ALLOWED="dep,..."] -DDIR=modules/name -P CheckBoundaries.cmake
# Fails when a module's file includes another module's private headers, or the public
# headers of a module it does not declare in DEPENDS. Public headers are
# agora/<module>/api.hpp, events.hpp, and module.hpp (the handle tests and the composition root use).
# Layer rules within a module: src/domain/ is pure rules over values (no JSON, SQL, Redis, HTTP,
# and nothing from app/, store/ or http/); src/http/ reaches the data only through app/ (no store/).
cmake_policy(SET CMP0057 NEW)  # if(IN_LIST) in script mode
string(REPLACE "," ";" ALLOWED "${ALLOWED}")  # dependencies come comma-separated
string(REPLACE "," ";" TEST_ALLOWED "${TEST_ALLOWED}")  # modules only the tests may compose
file(GLOB_RECURSE files "${DIR}/src/*" "${DIR}/include/*" "${DIR}/test/*")
set(violations "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS includes)
    string(REGEX MATCH "[<\"]([^>\"]+)[>\"]" _ "${line}")
    set(path "${CMAKE_MATCH_1}")
    if(file MATCHES "^${DIR}/src/domain/")
      if(path MATCHES "^boost/json" OR path MATCHES "^soci/" OR path MATCHES "hiredis"
         OR path MATCHES "^agora/core/(db|prepared|redis|http|event_json)\\.hpp$")
        list(APPEND violations "${file}: ${path} in domain/ (domain rules take and return values: no JSON, SQL, Redis or HTTP)")
      elseif(path MATCHES "(^|/)(app|store|http)/")
        list(APPEND violations "${file}: ${path} in domain/ (domain depends on no other layer)")
      endif()
    elseif(file MATCHES "^${DIR}/src/http/" AND path MATCHES "(^|/)store/")
      list(APPEND violations "${file}: ${path} in http/ (routes reach the data through app/)")
    endif()
    if(path MATCHES "(^|/)modules/" OR path MATCHES "\\.\\./\\.\\./")
      list(APPEND violations "${file}: ${path} reaches into another module's files")
    elseif(path MATCHES "^agora/([a-z_]+)/(.+)$")
      set(other "${CMAKE_MATCH_1}")
      set(header "${CMAKE_MATCH_2}")
      if(other STREQUAL "core" OR other STREQUAL MODULE)
        continue()
      endif()
      if(file MATCHES "^${DIR}/test/" AND other IN_LIST TEST_ALLOWED AND header STREQUAL "module.hpp")
        continue()  # a test composes that module, nothing more
      endif()
      if(NOT other IN_LIST ALLOWED)
        list(APPEND violations "${file}: includes ${path} but ${MODULE} does not depend on ${other}")
      elseif(NOT header MATCHES "^(api|events|module)\\.hpp$")
        list(APPEND violations "${file}: ${path} is private to module ${other} (use api.hpp or events.hpp)")
      endif()
    endif()
  endforeach()
endforeach()
if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "module boundary violations in ${MODULE}:\n  ${text}")
endif()
