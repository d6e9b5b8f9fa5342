# Tests of the Wasm host: WASI preview 1, the wasm_bpf ABI and `ecli run`.
#
# Unit tests build the host functions from source against a fake engine
# (tests/wasmhost/fake_engine.c), so they run without the interpreter.
set(WASMHOST_DIR ${ECC_SOURCE_DIR}/runtime-min/wasmhost)
set(WASMHOST_TESTS ${ECC_TESTS_DIR}/wasmhost)
set(WASMHOST_HOST_SOURCES
    ${WASMHOST_DIR}/wasmi_app.c ${WASMHOST_DIR}/wasmi_wasi.c ${WASMHOST_DIR}/wasmi_wasi_fs.c
    ${WASMHOST_DIR}/wasmi_wasi_poll.c ${WASMHOST_DIR}/wasmi_bpf.c
    ${WASMHOST_DIR}/wasmi_bpf_poll.c ${WASMHOST_TESTS}/fake_engine.c)

function(wasmhost_unit name src)
  add_executable(${name} ${src} ${WASMHOST_HOST_SOURCES})
  target_include_directories(${name} PRIVATE ${ECC_TESTS_DIR}/unit ${WASMHOST_TESTS}
                             ${WASMHOST_DIR} ${ECC_SOURCE_DIR}/runtime-min/wasm
                             ${ECC_SOURCE_DIR}/runtime-min)
  target_link_libraries(${name} PRIVATE common PkgConfig::LIBBPF PkgConfig::LIBELF)
  if(TARGET rtmin_check)
    target_link_libraries(${name} PRIVATE rtmin_check)
    target_compile_definitions(${name} PRIVATE WASMI_APP_HAVE_ELFCHECK=1)
  endif()
endfunction()

wasmhost_unit(test_wasmi_wasi ${ECC_TESTS_DIR}/unit/test_wasmi_wasi.c)
add_test(NAME wasmhost.wasi_unit COMMAND test_wasmi_wasi)
