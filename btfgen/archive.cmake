# Tailored BTF archives (ecc --btfgen, ecli run of the tar): libarchive for
# btfgen/btfgen_archive*.c (globbed into the btfgen library), and the ecli
# side as its own small library, rtmin_btfarchive. Included from
# runtime-min/CMakeLists.txt (after btfgen/ is added) and again from
# tests/cmake/btfgen.cmake; the second include does nothing.
if(NOT TARGET rtmin_btfarchive)
  if(NOT TARGET PkgConfig::LIBARCHIVE)
    pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
  endif()
  find_package(Threads REQUIRED)
  target_link_libraries(btfgen PUBLIC PkgConfig::LIBARCHIVE Threads::Threads)

  add_library(rtmin_btfarchive STATIC ${ECC_SOURCE_DIR}/runtime-min/rtmin_btfarchive.c)
  target_include_directories(rtmin_btfarchive PUBLIC ${ECC_SOURCE_DIR}/runtime-min)
  target_link_libraries(rtmin_btfarchive PUBLIC common PkgConfig::LIBARCHIVE PkgConfig::LIBBPF)
  set_target_properties(rtmin_btfarchive PROPERTIES POSITION_INDEPENDENT_CODE ON)
endif()
