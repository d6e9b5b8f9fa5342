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

# The BPF probe the wasm_bpf tests load: compiled against this kernel's BTF.
set(WASMHOST_GEN ${CMAKE_CURRENT_BINARY_DIR}/wasmhost)
find_program(WASMHOST_CLANG NAMES clang clang-14)
find_program(WASMHOST_BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin)
set(WASMHOST_HAVE_BPF OFF)
if(WASMHOST_CLANG AND WASMHOST_BPFTOOL AND EXISTS /sys/kernel/btf/vmlinux)
  set(WASMHOST_HAVE_BPF ON)
  file(MAKE_DIRECTORY ${WASMHOST_GEN})
  add_custom_command(OUTPUT ${WASMHOST_GEN}/vmlinux.h
    COMMAND ${WASMHOST_BPFTOOL} btf dump file /sys/kernel/btf/vmlinux format c > ${WASMHOST_GEN}/vmlinux.h
    COMMENT "wasmhost tests: vmlinux.h from this kernel's BTF")
  add_custom_command(OUTPUT ${WASMHOST_GEN}/probe.bpf.o
    COMMAND ${WASMHOST_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_x86
            -I${WASMHOST_GEN} -I${WASMHOST_TESTS}/bpf
            -c ${WASMHOST_TESTS}/bpf/probe.bpf.c -o ${WASMHOST_GEN}/probe.bpf.o
    DEPENDS ${WASMHOST_TESTS}/bpf/probe.bpf.c ${WASMHOST_TESTS}/bpf/probe_event.h
            ${WASMHOST_GEN}/vmlinux.h
    COMMENT "wasmhost tests: probe.bpf.o")
  add_custom_target(wasmhost_probe DEPENDS ${WASMHOST_GEN}/probe.bpf.o)
endif()

wasmhost_unit(test_wasmi_bpf ${ECC_TESTS_DIR}/unit/test_wasmi_bpf.c)
target_include_directories(test_wasmi_bpf PRIVATE ${WASMHOST_TESTS}/bpf)
if(WASMHOST_HAVE_BPF)
  add_dependencies(test_wasmi_bpf wasmhost_probe)
  add_test(NAME wasmhost.bpf_unit COMMAND test_wasmi_bpf ${WASMHOST_GEN}/probe.bpf.o)
  set_tests_properties(wasmhost.bpf_unit PROPERTIES SKIP_RETURN_CODE 77)
endif()
