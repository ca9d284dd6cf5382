# agora_module(name [DEPENDS other ...] [USES other ...] [TEST_DEPENDS other ...])
# Builds modules/<name> as a static library that links agora_core and the public headers
# (include/agora/<dep>/api.hpp, events.hpp) of the modules it names, runs the boundary check
# on its sources, and builds its tests (test/*.cpp) into agora_<name>_tests. DEPENDS names the
# modules whose APIs it requires (App checks them against Module::requirements() at start, see
# agora_module_depends_table), USES those whose headers alone it needs (role names, event types),
# TEST_DEPENDS modules only the tests compose (say, what a dependency needs to start).
function(agora_module name)
  cmake_parse_arguments(M "" "" "DEPENDS;USES;TEST_DEPENDS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})

  add_library(agora_${name}_api INTERFACE)
  target_include_directories(agora_${name}_api INTERFACE ${dir}/include)

  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${dir}/src/*.cpp)
  file(GLOB_RECURSE checked CONFIGURE_DEPENDS ${dir}/src/* ${dir}/include/* ${dir}/test/*)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/boundaries.stamp)
  set(headers_from ${M_DEPENDS} ${M_USES})
  string(REPLACE ";" "," allowed "${headers_from}")  # a list would split the command line
  string(REPLACE ";" "," test_allowed "${M_TEST_DEPENDS}")
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DMODULE=${name} "-DALLOWED=${allowed}" "-DTEST_ALLOWED=${test_allowed}" -DDIR=${dir}
            -P ${PROJECT_SOURCE_DIR}/cmake/CheckBoundaries.cmake
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${checked} ${PROJECT_SOURCE_DIR}/cmake/CheckBoundaries.cmake
    COMMENT "Checking module boundaries of ${name}")
  add_custom_target(agora_${name}_boundaries DEPENDS ${stamp})

  add_library(agora_${name} STATIC ${sources})
  add_dependencies(agora_${name} agora_${name}_boundaries)
  target_include_directories(agora_${name} PRIVATE ${dir}/src)
  target_link_libraries(agora_${name} PUBLIC agora_core agora_${name}_api)
  foreach(dep IN LISTS headers_from)
    target_link_libraries(agora_${name} PUBLIC agora_${dep}_api)
  endforeach()
  set_property(GLOBAL APPEND PROPERTY AGORA_MODULE_LIBS agora_${name})
  list(TRANSFORM M_DEPENDS REPLACE "(.+)" "\"\\1\"" OUTPUT_VARIABLE quoted)
  list(JOIN quoted ", " quoted)
  set_property(GLOBAL APPEND PROPERTY AGORA_MODULE_DEPENDS "{\"${name}\", {${quoted}}}")

  file(GLOB tests CONFIGURE_DEPENDS ${dir}/test/*.cpp)
  if(AGORA_BUILD_TESTS AND tests)
    add_executable(agora_${name}_tests ${tests})
    target_include_directories(agora_${name}_tests PRIVATE ${dir}/src)
    # Tests may compose the modules this one depends on (make_module from their module.hpp).
    list(TRANSFORM M_DEPENDS PREPEND agora_ OUTPUT_VARIABLE dep_libs)
    list(TRANSFORM M_TEST_DEPENDS PREPEND agora_ OUTPUT_VARIABLE test_dep_libs)
    target_link_libraries(agora_${name}_tests PRIVATE agora_${name} ${dep_libs} ${test_dep_libs} agora_test_harness)
    add_test(NAME ${name} COMMAND agora_${name}_tests WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endif()
endfunction()

# agora_module_depends_table(target): adds to `target` the definition of agora::cmake_module_depends(),
# each module's DEPENDS as the agora_module() calls so far gave it. Call it after them.
function(agora_module_depends_table target)
  get_property(entries GLOBAL PROPERTY AGORA_MODULE_DEPENDS)
  list(JOIN entries ",\n      " AGORA_MODULE_DEPENDS)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/module_depends.cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/module_depends.cpp.in ${out} @ONLY)
  target_sources(${target} PRIVATE ${out})
endfunction()
