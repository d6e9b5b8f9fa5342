# Standalone executables (ecc -s): the trailer reader, the writer, and the
# stub end to end. runtime-min/standalone.cmake defines rtmin_standalone and
# ecli_standalone (including it again is harmless).
include(${ECC_SOURCE_DIR}/runtime-min/standalone.cmake)

# The trailer reader on crafted files (and a copy of the test with a payload).
add_executable(test_rtmin_standalone ${ECC_TESTS_DIR}/unit/test_rtmin_standalone.c)
target_include_directories(test_rtmin_standalone PRIVATE ${ECC_TESTS_DIR}/unit)
target_link_libraries(test_rtmin_standalone PRIVATE rtmin_standalone common PkgConfig::ZLIB)
add_test(NAME standalone.trailer COMMAND test_rtmin_standalone)
