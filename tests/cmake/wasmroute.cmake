# Tests of the Wasm route: Wasm-safe headers from BTF, the guest SDK, Wasm
# skeletons, and app.wasm built in one command.
add_executable(test_btfgen_wasm ${ECC_TESTS_DIR}/unit/test_btfgen_wasm.c)
target_link_libraries(test_btfgen_wasm PRIVATE btfgen common PkgConfig::LIBBPF)
target_include_directories(test_btfgen_wasm PRIVATE ${ECC_TESTS_DIR}/unit)
target_compile_definitions(test_btfgen_wasm PRIVATE ECC_SOURCE_DIR="${ECC_SOURCE_DIR}")
add_test(NAME wasmroute.layout COMMAND test_btfgen_wasm)
