# Tailored BTF archives: ecc --btfgen packing (btfgen/btfgen_archive*.c) and
# the ecli side reading the tar (runtime-min/rtmin_btfarchive.c).
include(${ECC_SOURCE_DIR}/btfgen/archive.cmake)

# The tests build the archive code on its own so they do not depend on the
# rest of the btfgen library.
find_package(Threads REQUIRED)
file(GLOB BTFGEN_ARCHIVE_SOURCES CONFIGURE_DEPENDS ${ECC_SOURCE_DIR}/btfgen/btfgen_archive*.c)
add_library(btfgen_archive_t STATIC ${BTFGEN_ARCHIVE_SOURCES})
target_include_directories(btfgen_archive_t PUBLIC ${ECC_SOURCE_DIR}/btfgen)
target_link_libraries(btfgen_archive_t PUBLIC common PkgConfig::LIBARCHIVE Threads::Threads)

# A small CO-RE object, compiled against this machine's vmlinux.h, to tailor.
find_program(BTFGEN_T_CLANG NAMES clang clang-14)
find_program(BTFGEN_T_BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin)
set(BTFGEN_T_DIR ${CMAKE_CURRENT_BINARY_DIR}/btfgen)
set(BTFGEN_T_OBJ "")
set(BTFGEN_T_FULL_OBJ "")
if(BTFGEN_T_CLANG AND BTFGEN_T_BPFTOOL AND EXISTS /sys/kernel/btf/vmlinux)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
    set(BTFGEN_T_ARCH arm64)
  else()
    set(BTFGEN_T_ARCH x86)
  endif()
  add_custom_command(OUTPUT ${BTFGEN_T_DIR}/vmlinux.h
    COMMAND ${CMAKE_COMMAND} -E make_directory ${BTFGEN_T_DIR}
    COMMAND ${BTFGEN_T_BPFTOOL} btf dump file /sys/kernel/btf/vmlinux format c > ${BTFGEN_T_DIR}/vmlinux.h
    COMMENT "btfgen tests: vmlinux.h from this kernel's BTF")
  set(BTFGEN_T_OBJS "")
  foreach(prog core_probe full_btf)
    add_custom_command(OUTPUT ${BTFGEN_T_DIR}/${prog}.bpf.o
      COMMAND ${BTFGEN_T_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_${BTFGEN_T_ARCH}
	      -I${BTFGEN_T_DIR} -c ${ECC_TESTS_DIR}/btfgen/${prog}.bpf.c
	      -o ${BTFGEN_T_DIR}/${prog}.bpf.o
      DEPENDS ${ECC_TESTS_DIR}/btfgen/${prog}.bpf.c ${BTFGEN_T_DIR}/vmlinux.h
      COMMENT "btfgen tests: CO-RE test object ${prog}.bpf.o")
    list(APPEND BTFGEN_T_OBJS ${BTFGEN_T_DIR}/${prog}.bpf.o)
  endforeach()
  add_custom_target(btfgen_test_obj DEPENDS ${BTFGEN_T_OBJS})
  set(BTFGEN_T_OBJ ${BTFGEN_T_DIR}/core_probe.bpf.o)
  set(BTFGEN_T_FULL_OBJ ${BTFGEN_T_DIR}/full_btf.bpf.o)
endif()

add_executable(test_btfgen_archive ${ECC_TESTS_DIR}/unit/test_btfgen_archive.c)
target_link_libraries(test_btfgen_archive PRIVATE btfgen_archive_t rtmin_btfarchive common
		      PkgConfig::LIBBPF PkgConfig::LIBARCHIVE)
target_include_directories(test_btfgen_archive PRIVATE ${ECC_TESTS_DIR}/unit)
target_compile_definitions(test_btfgen_archive PRIVATE
			   BTFGEN_T_OBJ="${BTFGEN_T_OBJ}" BTFGEN_T_FULL_OBJ="${BTFGEN_T_FULL_OBJ}"
			   BTFGEN_T_BPFTOOL="${BTFGEN_T_BPFTOOL}")
if(TARGET btfgen_test_obj)
  add_dependencies(test_btfgen_archive btfgen_test_obj)
endif()
add_test(NAME btfgen.archive COMMAND test_btfgen_archive)
set_tests_properties(btfgen.archive PROPERTIES TIMEOUT 300)

if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  # The reader is compiled into the fuzzer itself so it gets coverage.
  add_executable(fuzz_btfgen_archive ${ECC_TESTS_DIR}/fuzz/fuzz_btfgen_archive.c
		 ${ECC_SOURCE_DIR}/runtime-min/rtmin_btfarchive.c)
  target_include_directories(fuzz_btfgen_archive PRIVATE ${ECC_SOURCE_DIR}/runtime-min)
  target_compile_options(fuzz_btfgen_archive PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_btfgen_archive PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_btfgen_archive PRIVATE common PkgConfig::LIBARCHIVE)
  # A short smoke run from the seeds (no corpus directory is written).
  file(GLOB BTFGEN_FUZZ_SEEDS ${ECC_TESTS_DIR}/btfgen/fuzz-seeds/*)
  string(REPLACE ";" "," BTFGEN_FUZZ_SEEDS "${BTFGEN_FUZZ_SEEDS}")
  add_test(NAME btfgen.fuzz_smoke COMMAND fuzz_btfgen_archive -max_total_time=10 -timeout=10
	   -rss_limit_mb=2048 -seed_inputs=${BTFGEN_FUZZ_SEEDS})
endif()

# ecc -b/--btfgen through the real driver, then ecli run of the tar (both
# targets exist by now: tests/ is added after compiler/ and runtime-min/).
if(TARGET ecc)
  set(BTFGEN_T_ECLI "")
  if(TARGET ecli)
    set(BTFGEN_T_ECLI $<TARGET_FILE:ecli>)
  endif()
  add_test(NAME btfgen.ecc_e2e COMMAND ${ECC_TESTS_DIR}/btfgen/e2e_ecc_btfgen.sh
	   $<TARGET_FILE:ecc> ${ECC_TESTS_DIR}/btfgen/core_probe.bpf.c ${BTFGEN_T_ECLI})
  set_tests_properties(btfgen.ecc_e2e PROPERTIES TIMEOUT 300)
endif()

add_executable(test_btfgen_archive_tar ${ECC_TESTS_DIR}/unit/test_btfgen_archive_tar.c)
target_link_libraries(test_btfgen_archive_tar PRIVATE btfgen_archive_t rtmin_btfarchive common
		      PkgConfig::LIBARCHIVE)
target_include_directories(test_btfgen_archive_tar PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME btfgen.archive_tar COMMAND test_btfgen_archive_tar)
