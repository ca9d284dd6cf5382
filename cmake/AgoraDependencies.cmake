# Every dependency is a Debian 12 package (scripts/setup.sh installs them).
find_package(Boost 1.81.0 EXACT REQUIRED CONFIG COMPONENTS json url)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(CURL REQUIRED)
find_package(EXPAT REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# The servers allocate with tcmalloc: a request's many small allocations cost about a third of what
# glibc's malloc takes under load (bench: GET cart +37 %, add-to-cart +24 %).
pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)

find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_POSTGRESQL_LIB soci_postgresql REQUIRED)
add_library(soci_postgresql_pkg INTERFACE)
target_link_libraries(soci_postgresql_pkg INTERFACE ${SOCI_POSTGRESQL_LIB} ${SOCI_CORE_LIB} PostgreSQL::PostgreSQL)
