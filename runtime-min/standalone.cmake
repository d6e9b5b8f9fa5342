# Standalone executables (ecc -s): the trailer library and the ecli stub.
#   rtmin_standalone: reads the package appended to an executable (and
#                     encodes the trailer for ecc); ecli, ecli_standalone
#                     and ecc_core link it.
#   ecli_standalone:  ecli.c built with -DECLI_STANDALONE, linked statically
#                     with every library Debian ships a static archive for,
#                     dynamically with the rest (glibc, cJSON, and libarchive's
#                     zstd/lz4/acl when their .a is missing). Its file name is
#                     ecli-standalone; ecc copies it and appends the package.
# Included from runtime-min/CMakeLists.txt and again from
# tests/cmake/standalone.cmake; the second include only links ecli if the
# first came before ecli was defined.
if(TARGET rtmin_standalone)
  if(TARGET ecli)
    target_link_libraries(ecli PRIVATE rtmin_standalone)
  endif()
  return()
endif()

add_library(rtmin_standalone STATIC ${ECC_SOURCE_DIR}/runtime-min/rtmin_standalone.c)
target_include_directories(rtmin_standalone PUBLIC ${ECC_SOURCE_DIR}/runtime-min)
target_link_libraries(rtmin_standalone PUBLIC common PkgConfig::ZLIB)
set_target_properties(rtmin_standalone PROPERTIES POSITION_INDEPENDENT_CODE ON)

# ecc writes standalone executables from ecc_core (compiler/ecc_standalone.c);
# ecli looks for a package appended to itself.
if(TARGET ecc_core)
  target_link_libraries(ecc_core PUBLIC rtmin_standalone)
endif()
if(TARGET ecli)
  target_link_libraries(ecli PRIVATE rtmin_standalone)
endif()

# Static archives, in link order (users before what they use). Required:
# the three the issue names; the others are linked statically when present.
set(ECLI_SA_REQUIRED bpf elf z)
set(ECLI_SA_STATIC bpf elf archive yaml xml2 lzma bz2 nettle z)
# libarchive's remaining needs, dynamic when no static archive exists.
set(ECLI_SA_MAYBE_DYNAMIC zstd lz4 acl)

set(ECLI_SA_LIBS "")
set(ECLI_SA_MISSING "")
foreach(lib ${ECLI_SA_STATIC})
  find_library(ECLI_SA_${lib}_A NAMES lib${lib}.a)
  if(ECLI_SA_${lib}_A)
    list(APPEND ECLI_SA_LIBS ${ECLI_SA_${lib}_A})
  elseif(lib IN_LIST ECLI_SA_REQUIRED)
    list(APPEND ECLI_SA_MISSING lib${lib}.a)
  endif()
endforeach()
foreach(lib ${ECLI_SA_MAYBE_DYNAMIC})
  find_library(ECLI_SA_${lib}_LIB NAMES lib${lib}.a lib${lib}.so lib${lib}.so.1)
  if(ECLI_SA_${lib}_LIB)
    list(APPEND ECLI_SA_LIBS ${ECLI_SA_${lib}_LIB})
  endif()
endforeach()

if(ECLI_SA_MISSING)
  message(STATUS "ecli_standalone: not built (missing ${ECLI_SA_MISSING}); ecc -s will say so")
  return()
endif()

add_executable(ecli_standalone ${ECC_SOURCE_DIR}/runtime-min/ecli.c)
# Always <build>/runtime-min/ecli-standalone, wherever this file is included
# from (packaging scripts copy it from there, next to ecc).
set_target_properties(ecli_standalone PROPERTIES OUTPUT_NAME ecli-standalone
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/runtime-min)
target_compile_definitions(ecli_standalone PRIVATE ECLI_STANDALONE ECLI_VERSION="${ECC_VERSION}")
if(EXISTS ${ECC_SOURCE_DIR}/runtime-min/wasmhost/wasmi_cli.c)
  target_compile_definitions(ecli_standalone PRIVATE ECLI_HAVE_WASM)
endif()
# Our own libraries first, every one named so that the static archives after
# them resolve all their references; the shared libraries CMake appends for
# their pkg-config targets then satisfy nothing and --as-needed drops them.
target_link_libraries(ecli_standalone PRIVATE rtmin_standalone rtmin wasmi_app wasmi
  wasmi_decoder rtmin_check rtmin_btfarchive common ${ECLI_SA_LIBS} m)
target_link_options(ecli_standalone PRIVATE -Wl,--as-needed)
# Every standalone executable carries the stub: leave its debug info out
# (the symbol table stays, for backtraces), except in sanitizer builds.
if(NOT ECC_SANITIZE)
  target_link_options(ecli_standalone PRIVATE -Wl,--strip-debug)
endif()

# ecc finds the stub it was built with (compiler/ecc_standalone.c), and
# building ecc builds the stub.
if(TARGET ecc_core)
  set_property(SOURCE ${ECC_SOURCE_DIR}/compiler/ecc_standalone.c
    DIRECTORY ${ECC_SOURCE_DIR}/compiler APPEND PROPERTY COMPILE_DEFINITIONS
    "ECC_STANDALONE_STUB_PATH=\"$<TARGET_FILE:ecli_standalone>\"")
endif()
if(TARGET ecc)
  add_dependencies(ecc ecli_standalone)
endif()

install(TARGETS ecli_standalone RUNTIME DESTINATION bin)
