# agora_embed_migrations(target dir): compiles every <dir>/<module>/NNNN_*.sql into a library
# that defines agora::embedded_migrations(), platform first, then modules by name, then version.
function(agora_embed_migrations target dir)
  file(GLOB_RECURSE sql_files CONFIGURE_DEPENDS ${dir}/*.sql)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_migrations.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -P ${PROJECT_SOURCE_DIR}/cmake/GenerateMigrations.cmake
    DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/GenerateMigrations.cmake
    COMMENT "Embedding migrations")
  add_library(${target} STATIC ${out})
  target_link_libraries(${target} PUBLIC agora_core)
endfunction()
