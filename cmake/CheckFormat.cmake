# cmake -DSOURCE_DIR=<checkout> -DCLANG_FORMAT=<binary> -P CheckFormat.cmake
# Fails naming every C++ file that .clang-format would change (run `clang-format -i` on them).
file(GLOB_RECURSE files "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/src/*.hpp" "${SOURCE_DIR}/modules/*.cpp"
     "${SOURCE_DIR}/modules/*.hpp" "${SOURCE_DIR}/test/*.cpp" "${SOURCE_DIR}/test/*.hpp" "${SOURCE_DIR}/bench/*.cpp"
     "${SOURCE_DIR}/bench/*.hpp")
list(FILTER files EXCLUDE REGEX "/test/fixtures/|/node_modules/")
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${files} RESULT_VARIABLE rc OUTPUT_QUIET
                ERROR_VARIABLE problems)
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "[^\n]+: error: code should be clang-formatted" lines "${problems}")
  list(TRANSFORM lines REPLACE ":[0-9]+:[0-9]+: error: code should be clang-formatted" "")
  list(REMOVE_DUPLICATES lines)
  list(JOIN lines "\n  " text)
  message(FATAL_ERROR "not formatted as .clang-format says (clang-format -i):\n  ${text}")
endif()
