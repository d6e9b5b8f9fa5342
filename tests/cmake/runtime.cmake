# ecli / rtmin tests. BPF test programs are compiled at build time with
# clang (-target bpf); programs that need vmlinux.h get one dumped from this
# machine's BTF by bpftool.
set(RTMIN_TEST_DIR ${ECC_TESTS_DIR}/runtime)
set(RTMIN_TEST_OUT ${CMAKE_BINARY_DIR}/tests/runtime)
file(MAKE_DIRECTORY ${RTMIN_TEST_OUT})
find_program(RTMIN_CLANG NAMES clang clang-14 REQUIRED)
find_program(RTMIN_LLVM_STRIP NAMES llvm-strip llvm-strip-14)
find_program(RTMIN_BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin)

add_custom_command(OUTPUT ${RTMIN_TEST_OUT}/vmlinux/vmlinux.h
  COMMAND ${CMAKE_COMMAND} -E make_directory ${RTMIN_TEST_OUT}/vmlinux
  COMMAND ${RTMIN_BPFTOOL} btf dump file /sys/kernel/btf/vmlinux format c > ${RTMIN_TEST_OUT}/vmlinux/vmlinux.h
  COMMENT "vmlinux.h from this machine's BTF")

# rtmin_bpf_object(NAME) compiles tests/runtime/progs/NAME.bpf.c to
# ${RTMIN_TEST_OUT}/NAME.bpf.o (debug info stripped, BTF kept).
function(rtmin_bpf_object name)
  set(out ${RTMIN_TEST_OUT}/${name}.bpf.o)
  set(strip_cmd)
  if(RTMIN_LLVM_STRIP)
    set(strip_cmd COMMAND ${RTMIN_LLVM_STRIP} -g ${out})
  endif()
  add_custom_command(OUTPUT ${out}
    COMMAND ${RTMIN_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_x86
            -I${RTMIN_TEST_OUT}/vmlinux -I${RTMIN_TEST_DIR}/progs
            -I/usr/include/${CMAKE_LIBRARY_ARCHITECTURE}
            -c ${RTMIN_TEST_DIR}/progs/${name}.bpf.c -o ${out}
    ${strip_cmd}
    DEPENDS ${RTMIN_TEST_DIR}/progs/${name}.bpf.c ${RTMIN_TEST_OUT}/vmlinux/vmlinux.h
    COMMENT "BPF test program ${name}")
  list(APPEND RTMIN_BPF_OBJECTS ${out})
  set(RTMIN_BPF_OBJECTS ${RTMIN_BPF_OBJECTS} PARENT_SCOPE)
endfunction()

set(RTMIN_BPF_OBJECTS)
rtmin_bpf_object(mutate_target)

# ---- the structural ELF/BTF check ------------------------------------------
add_executable(test_rtmin_elfcheck ${ECC_TESTS_DIR}/unit/test_rtmin_elfcheck.c)
target_link_libraries(test_rtmin_elfcheck PRIVATE rtmin_check common)
target_include_directories(test_rtmin_elfcheck PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME runtime.elfcheck
  COMMAND test_rtmin_elfcheck ${RTMIN_TEST_OUT}/mutate_target.bpf.o ${RTMIN_TEST_DIR}/elfcheck-regress)

add_executable(test_rtmin_mutate ${RTMIN_TEST_DIR}/test_rtmin_mutate.c)
target_link_libraries(test_rtmin_mutate PRIVATE rtmin_check PkgConfig::LIBBPF)
# Fewer mutants under the sanitizers, where each forked child is ~20x slower.
if(ECC_SANITIZE)
  set(RTMIN_MUTANTS 5000)
  set(RTMIN_LOAD_MUTANTS 800)
else()
  set(RTMIN_MUTANTS 20000)
  set(RTMIN_LOAD_MUTANTS 2000)
endif()
add_test(NAME runtime.elfcheck_mutate_open
  COMMAND test_rtmin_mutate ${RTMIN_TEST_OUT}/mutate_target.bpf.o ${RTMIN_MUTANTS} 1)
# Loading runs CO-RE relocation and BTF sanitizing too (needs root).
add_test(NAME runtime.elfcheck_mutate_load
  COMMAND ${RTMIN_TEST_DIR}/root_or_skip.sh
          $<TARGET_FILE:test_rtmin_mutate> ${RTMIN_TEST_OUT}/mutate_target.bpf.o ${RTMIN_LOAD_MUTANTS} 7 "" load)
set_tests_properties(runtime.elfcheck_mutate_load PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)

# Fuzz targets compile the rtmin sources themselves, so libFuzzer's coverage
# instrumentation reaches the code under test (the libraries stay plain).
if(ECC_FUZZ AND CMAKE_C_COMPILER_ID STREQUAL "Clang")
  set(RTMIN_SRC ${ECC_SOURCE_DIR}/runtime-min)
  set(RTMIN_CHECK_SOURCES ${RTMIN_SRC}/rtmin_elfcheck.c ${RTMIN_SRC}/rtmin_btfcheck.c)
  set(RTMIN_LIB_SOURCES ${RTMIN_CHECK_SOURCES} ${RTMIN_SRC}/rtmin_pkg.c ${RTMIN_SRC}/rtmin_fmt.c
    ${RTMIN_SRC}/rtmin_flags.c ${RTMIN_SRC}/rtmin_load.c ${RTMIN_SRC}/rtmin_attach.c
    ${RTMIN_SRC}/rtmin_export.c ${RTMIN_SRC}/rtmin_sample.c ${RTMIN_SRC}/rtmin_run.c
    ${RTMIN_SRC}/rtmin_validate.c)
  add_executable(fuzz_rtmin_elfcheck ${ECC_TESTS_DIR}/fuzz/fuzz_rtmin_elfcheck.c ${RTMIN_CHECK_SOURCES})
  target_include_directories(fuzz_rtmin_elfcheck PRIVATE ${RTMIN_SRC})
  target_link_libraries(fuzz_rtmin_elfcheck PRIVATE PkgConfig::LIBBPF)
  add_executable(fuzz_rtmin_pkg ${ECC_TESTS_DIR}/fuzz/fuzz_rtmin_pkg.c ${RTMIN_LIB_SOURCES})
  target_include_directories(fuzz_rtmin_pkg PRIVATE ${RTMIN_SRC})
  target_link_libraries(fuzz_rtmin_pkg PRIVATE rtmin_btfarchive common PkgConfig::LIBBPF PkgConfig::CJSON)
  # Program-flag values, parsed against an object with globals of every kind.
  add_executable(fuzz_rtmin_flags ${ECC_TESTS_DIR}/fuzz/fuzz_rtmin_flags.c ${RTMIN_LIB_SOURCES})
  target_include_directories(fuzz_rtmin_flags PRIVATE ${RTMIN_SRC})
  target_link_libraries(fuzz_rtmin_flags PRIVATE rtmin_btfarchive common PkgConfig::LIBBPF PkgConfig::CJSON)
  target_compile_definitions(fuzz_rtmin_flags PRIVATE
    FLAGS_OBJ_DEFAULT="${RTMIN_TEST_OUT}/flags_test.bpf.o")
  add_dependencies(fuzz_rtmin_flags rtmin_test_objects)
  add_test(NAME runtime.fuzz_flags_smoke COMMAND fuzz_rtmin_flags -max_total_time=10 -timeout=10
           -rss_limit_mb=2048 ${ECC_TESTS_DIR}/fuzz/corpus/fuzz_rtmin_flags)
  foreach(t fuzz_rtmin_elfcheck fuzz_rtmin_pkg fuzz_rtmin_flags)
    target_compile_options(${t} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${t} PRIVATE -fsanitize=fuzzer,address,undefined)
  endforeach()
endif()


# ---- end-to-end: ecli run as root ------------------------------------------
rtmin_bpf_object(compat_test)
add_executable(rtmin_trigger ${RTMIN_TEST_DIR}/rtmin_trigger.c)
target_compile_options(rtmin_trigger PRIVATE -O0 -g)	# the uprobe target stays a real function
add_executable(rtmin_mkpkg ${RTMIN_TEST_DIR}/mkpkg.c)
target_link_libraries(rtmin_mkpkg PRIVATE common PkgConfig::CJSON)

set(RTMIN_E2E_CASES bootstrap_table bootstrap_json pid_filter two_ringbufs histogram help bad_flags
  uprobe iterator cgroup perf_event socket_filter tc xdp teardown compat yaml verifier_reject
  unknown_sections wrong_size no_export_type lifecycle perf_lost iterator_exit
  custom_members closed_stdout linear_hist sigsnoop fentry_lsm cgroup_no_mount int_limits)
foreach(c ${RTMIN_E2E_CASES})
  add_test(NAME runtime.e2e.${c} COMMAND ${RTMIN_TEST_DIR}/e2e.sh ${c})
  set_tests_properties(runtime.e2e.${c} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
    ENVIRONMENT "ECLI=$<TARGET_FILE:ecli>;ECC=$<TARGET_FILE:ecc>;MKPKG=$<TARGET_FILE:rtmin_mkpkg>;TRIGGER_DIR=$<TARGET_FILE_DIR:rtmin_trigger>;SRC_DIR=${ECC_SOURCE_DIR};BUILD_OBJ_DIR=${RTMIN_TEST_OUT}")
endforeach()

# ---- ecli validate over good and broken packages (no root) -----------------
add_test(NAME runtime.validate COMMAND ${RTMIN_TEST_DIR}/validate.sh $<TARGET_FILE:ecli> ${RTMIN_TEST_DIR}/validate)


# ---- flags from globals, on a real object (no root) ------------------------
rtmin_bpf_object(flags_test)
add_executable(test_rtmin_flags ${ECC_TESTS_DIR}/unit/test_rtmin_flags.c)
target_link_libraries(test_rtmin_flags PRIVATE rtmin)
target_include_directories(test_rtmin_flags PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME runtime.flags COMMAND test_rtmin_flags ${RTMIN_TEST_OUT}/flags_test.bpf.o)


add_executable(test_rtmin_fmt ${ECC_TESTS_DIR}/unit/test_rtmin_fmt.c)
target_link_libraries(test_rtmin_fmt PRIVATE rtmin m)
target_include_directories(test_rtmin_fmt PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME runtime.fmt COMMAND test_rtmin_fmt)

# ---- Wasm modules go to the Wasm host --------------------------------------
if(EXISTS ${ECC_SOURCE_DIR}/runtime-min/wasmhost/wasmi_cli.c)
  set(RTMIN_WASM_EXPECT 42)
else()
  set(RTMIN_WASM_EXPECT unsupported)
endif()
add_test(NAME runtime.wasm_dispatch COMMAND ${RTMIN_TEST_DIR}/wasm_dispatch.sh $<TARGET_FILE:ecli> ${RTMIN_WASM_EXPECT})


# ---- a libbpf crash while opening is contained -----------------------------
add_library(rtmin_crash_shim SHARED ${RTMIN_TEST_DIR}/crash_shim.c)
# plain even in sanitizer builds: it is preloaded into every child, symbolizer included
target_compile_options(rtmin_crash_shim PRIVATE -fno-sanitize=all)
target_link_options(rtmin_crash_shim PRIVATE -fno-sanitize=all)
add_test(NAME runtime.crash_contained COMMAND ${RTMIN_TEST_DIR}/crash_contained.sh $<TARGET_FILE:ecli>
  $<TARGET_FILE:rtmin_crash_shim> ${RTMIN_TEST_DIR}/validate/good-compat/package.json)

add_custom_target(rtmin_test_objects ALL DEPENDS ${RTMIN_BPF_OBJECTS})

# A log2 histogram with its 64th slot filled (row 2^63 -> 2^64-1, root).
add_test(NAME runtime.e2e.hist64
  COMMAND ${RTMIN_TEST_DIR}/hist64.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecli> ${ECC_SOURCE_DIR})
set_tests_properties(runtime.e2e.hist64 PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
