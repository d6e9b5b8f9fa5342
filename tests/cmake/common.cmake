add_executable(test_common ${ECC_TESTS_DIR}/unit/test_common.c)
target_link_libraries(test_common PRIVATE common)
target_include_directories(test_common PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME unit.common COMMAND test_common)
