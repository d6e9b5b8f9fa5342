# The Wasm engine: spec suite, unit and hostile-module tests, fuzz target.
add_executable(wasm_spec_runner ${ECC_TESTS_DIR}/wasm/spec_runner.c
  ${ECC_TESTS_DIR}/wasm/spectest_module.c)
target_link_libraries(wasm_spec_runner PRIVATE wasmi common PkgConfig::CJSON)
add_test(NAME wasm.spec COMMAND wasm_spec_runner ${ECC_SHARED_DIR}/wasm-spec)
set_tests_properties(wasm.spec PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

add_executable(wasmi_invoke ${ECC_TESTS_DIR}/wasm/wasmi_invoke.c)
target_link_libraries(wasmi_invoke PRIVATE wasmi common)
