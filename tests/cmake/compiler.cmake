# Tests of the compiler pipeline: YAML, btfgen layouts, skelgen, and ecc end to end.
add_executable(test_yaml ${ECC_TESTS_DIR}/unit/test_yaml.c)
target_link_libraries(test_yaml PRIVATE common)
target_include_directories(test_yaml PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME compiler.yaml COMMAND test_yaml)
