# Tests of the Wasm route: Wasm-safe headers from BTF, the guest SDK, Wasm
# skeletons, and app.wasm built in one command.
add_executable(test_btfgen_wasm ${ECC_TESTS_DIR}/unit/test_btfgen_wasm.c)
target_link_libraries(test_btfgen_wasm PRIVATE btfgen common PkgConfig::LIBBPF)
target_include_directories(test_btfgen_wasm PRIVATE ${ECC_TESTS_DIR}/unit)
target_compile_definitions(test_btfgen_wasm PRIVATE ECC_SOURCE_DIR="${ECC_SOURCE_DIR}")
add_test(NAME wasmroute.layout COMMAND test_btfgen_wasm)

# The Wasm route's own driver: ecc_wasm*.c with skelgen/btfgen/templates,
# so its tests do not depend on the rest of the compiler being buildable.
if(TARGET ecc_templates AND EXISTS ${ECC_SOURCE_DIR}/compiler/ecc_wasm.c)
  file(GLOB ECC_WASM_SOURCES ${ECC_SOURCE_DIR}/compiler/ecc_wasm*.c)
  add_executable(wasm_driver ${ECC_TESTS_DIR}/wasmroute/wasm_driver.c ${ECC_WASM_SOURCES})
  target_include_directories(wasm_driver PRIVATE ${ECC_SOURCE_DIR}/compiler)
  target_link_libraries(wasm_driver PRIVATE skelgen btfgen ecc_templates common
                        PkgConfig::LIBBPF PkgConfig::LIBELF PkgConfig::CJSON wasmi)
  add_executable(test_skelgen_wasm ${ECC_TESTS_DIR}/wasmroute/test_skelgen_wasm.c)
  target_link_libraries(test_skelgen_wasm PRIVATE skelgen ecc_templates common)
  target_include_directories(test_skelgen_wasm PRIVATE ${ECC_TESTS_DIR}/unit)
  target_compile_definitions(test_skelgen_wasm PRIVATE ECC_SOURCE_DIR="${ECC_SOURCE_DIR}")
  add_test(NAME wasmroute.skelgen COMMAND test_skelgen_wasm)

  set(ECC_WASMROUTE_ECC "")
  if(TARGET ecc)
    set(ECC_WASMROUTE_ECC $<TARGET_FILE:ecc>)
  endif()
  add_test(NAME wasmroute.apps
           COMMAND ${ECC_TESTS_DIR}/wasmroute/run.sh $<TARGET_FILE:wasm_driver> ${ECC_SOURCE_DIR}
                   ${ECC_WASMROUTE_ECC})
endif()

# app.wasm run under the engine's `ecli run` (root, real kernel), when the
# Wasm host library exists.
if(TARGET wasm_driver AND TARGET wasmi_app)
  add_executable(wasmroute_run ${ECC_TESTS_DIR}/wasmroute/run_app.c)
  target_link_libraries(wasmroute_run PRIVATE wasmi_app)
  add_test(NAME wasmroute.run
           COMMAND ${ECC_TESTS_DIR}/wasmroute/run_e2e.sh $<TARGET_FILE:wasm_driver>
                   $<TARGET_FILE:wasmroute_run> ${ECC_SOURCE_DIR})
  set_tests_properties(wasmroute.run PROPERTIES TIMEOUT 300)
  # the guest SDK's own logic, in a guest run by the engine (no root needed)
  add_test(NAME wasmroute.sdk
           COMMAND ${ECC_TESTS_DIR}/wasmroute/run_sdk.sh $<TARGET_FILE:wasmroute_run>
                   ${ECC_SOURCE_DIR})
endif()

if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  # The generator is compiled into the fuzzer itself so it gets coverage.
  add_executable(fuzz_btfgen_wasm ${ECC_TESTS_DIR}/fuzz/fuzz_btfgen_wasm.c
                 ${ECC_SOURCE_DIR}/btfgen/btfgen_wasm.c)
  target_include_directories(fuzz_btfgen_wasm PRIVATE ${ECC_SOURCE_DIR}/btfgen)
  target_compile_options(fuzz_btfgen_wasm PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_btfgen_wasm PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_btfgen_wasm PRIVATE common PkgConfig::LIBBPF)
  add_test(NAME wasmroute.fuzz_smoke COMMAND fuzz_btfgen_wasm -max_total_time=10 -timeout=10
           -rss_limit_mb=2048)
endif()
