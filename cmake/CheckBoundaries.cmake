# cmake -DMODULE=name -DALLOWED="dep,..." -DDIR=modules/name -P CheckBoundaries.cmake
# Fails when a module's file includes another module's private headers, or the public
# headers of a module it does not declare in DEPENDS. Public headers are
# agora/<module>/api.hpp, events.hpp, and module.hpp (the handle tests and the composition root use).
cmake_policy(SET CMP0057 NEW)  # if(IN_LIST) in script mode
string(REPLACE "," ";" ALLOWED "${ALLOWED}")  # dependencies come comma-separated
file(GLOB_RECURSE files "${DIR}/src/*" "${DIR}/include/*" "${DIR}/test/*")
set(violations "")
foreach(file IN LISTS files)
  file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS includes)
    string(REGEX MATCH "[<\"]([^>\"]+)[>\"]" _ "${line}")
    set(path "${CMAKE_MATCH_1}")
    if(path MATCHES "(^|/)modules/" OR path MATCHES "\\.\\./\\.\\./")
      list(APPEND violations "${file}: ${path} reaches into another module's files")
    elseif(path MATCHES "^agora/([a-z_]+)/(.+)$")
      set(other "${CMAKE_MATCH_1}")
      set(header "${CMAKE_MATCH_2}")
      if(other STREQUAL "core" OR other STREQUAL MODULE)
        continue()
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
