# Tests of the compiler pipeline: YAML, btfgen, skelgen, and ecc end to end.
set(ECC_CT ${ECC_TESTS_DIR}/compiler)
# Shared by the ecc tests on purpose: they run in parallel and must cope with
# one another creating cache entries.
set(ECC_TEST_CACHE ${CMAKE_BINARY_DIR}/ecc-test-cache)
set(ECC_TEST_BTF ${ECC_CT}/btf/kernel_types.btf)

add_executable(test_yaml ${ECC_TESTS_DIR}/unit/test_yaml.c)
target_link_libraries(test_yaml PRIVATE common)
target_include_directories(test_yaml PRIVATE ${ECC_TESTS_DIR}/unit)
add_test(NAME compiler.yaml COMMAND test_yaml)

foreach(t btfgen skelgen)
  if(EXISTS ${ECC_TESTS_DIR}/unit/test_${t}.c)
    add_executable(test_${t} ${ECC_TESTS_DIR}/unit/test_${t}.c)
    # Through ecc_core: it carries every library btfgen/skelgen need.
    target_link_libraries(test_${t} PRIVATE ecc_core)
    target_include_directories(test_${t} PRIVATE ${ECC_TESTS_DIR}/unit)
    add_test(NAME compiler.unit_${t} COMMAND test_${t})
  endif()
endforeach()

if(TARGET ecc)
  add_executable(ecc_pkgcheck ${ECC_CT}/pkgcheck.c ${ECC_CT}/pkgdecode.c)
  target_link_libraries(ecc_pkgcheck PRIVATE ecc_core)
  add_executable(ecc_pkgload ${ECC_CT}/pkgload.c ${ECC_CT}/pkgdecode.c)
  target_link_libraries(ecc_pkgload PRIVATE ecc_core)

  # Real kernel: the package loads, attaches, and its events decode by name.
  add_test(NAME compiler.load_ringbuf
           COMMAND sh ${ECC_CT}/load.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecc_pkgload>
                   ${ECC_CT}/cases/ringbuf/ringbuf.bpf.c ${ECC_CT}/cases/ringbuf/ringbuf.h events)
  set_tests_properties(compiler.load_ringbuf PROPERTIES SKIP_RETURN_CODE 77
                       ENVIRONMENT "ECC_CACHE_DIR=${ECC_TEST_CACHE}")
  add_test(NAME compiler.nonroot
           COMMAND sh ${ECC_CT}/nonroot.sh $<TARGET_FILE:ecc>
                   ${ECC_CT}/cases/ringbuf/ringbuf.bpf.c ${ECC_CT}/cases/ringbuf/ringbuf.h)
  set_tests_properties(compiler.nonroot PROPERTIES SKIP_RETURN_CODE 77)
  add_test(NAME compiler.load_cases
           COMMAND sh ${ECC_CT}/load.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecc_pkgload> --all
                   ${ECC_CT}/cases)
  set_tests_properties(compiler.load_cases PROPERTIES SKIP_RETURN_CODE 77
                       ENVIRONMENT "ECC_CACHE_DIR=${ECC_TEST_CACHE}")

  # One golden test per test program: cases/<name>/{<name>.bpf.c | <name>.h,
  # [<name>.h], [flags], expected.skel.json}.
  file(GLOB ECC_CASES LIST_DIRECTORIES true ${ECC_CT}/cases/*)
  foreach(dir ${ECC_CASES})
    if(NOT EXISTS ${dir}/expected.skel.json)
      continue()
    endif()
    get_filename_component(name ${dir} NAME)
    set(args "")
    if(EXISTS ${dir}/flags)
      file(STRINGS ${dir}/flags args)
    endif()
    if(EXISTS ${dir}/${name}.bpf.c)
      list(APPEND args ${dir}/${name}.bpf.c)
      if(EXISTS ${dir}/${name}.h)
        list(APPEND args ${dir}/${name}.h)
      endif()
    else()
      list(APPEND args ${dir}/${name}.h)
    endif()
    add_test(NAME compiler.golden.${name}
             COMMAND sh ${ECC_CT}/golden.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecc_pkgcheck>
                     ${ECC_TEST_BTF} ${dir}/expected.skel.json ${args})
    set_tests_properties(compiler.golden.${name} PROPERTIES
                         ENVIRONMENT "ECC_CACHE_DIR=${ECC_TEST_CACHE}")
  endforeach()

  # Goldens of examples/<name>/ (written by the examples' authors) live in
  # tests/compiler/examples/<name>.skel.json.
  file(GLOB ECC_EXAMPLES LIST_DIRECTORIES true ${ECC_SOURCE_DIR}/examples/*)
  foreach(dir ${ECC_EXAMPLES})
    get_filename_component(name ${dir} NAME)
    if(NOT EXISTS ${dir}/${name}.bpf.c OR NOT EXISTS ${ECC_CT}/examples/${name}.skel.json)
      continue()
    endif()
    set(args ${dir}/${name}.bpf.c)
    if(EXISTS ${dir}/${name}.h)
      list(APPEND args ${dir}/${name}.h)
    endif()
    add_test(NAME compiler.example.${name}
             COMMAND sh ${ECC_CT}/golden.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecc_pkgcheck>
                     ${ECC_TEST_BTF} ${ECC_CT}/examples/${name}.skel.json ${args})
    set_tests_properties(compiler.example.${name} PROPERTIES
                         ENVIRONMENT "ECC_CACHE_DIR=${ECC_TEST_CACHE}")
  endforeach()

  add_executable(test_ecc_cli ${ECC_CT}/test_cli.c)
  target_link_libraries(test_ecc_cli PRIVATE ecc_core)
  target_include_directories(test_ecc_cli PRIVATE ${ECC_TESTS_DIR}/unit)
  add_test(NAME compiler.cli COMMAND test_ecc_cli)

  # Its own empty cache: parallel runs, precompiled header correctness, user vmlinux.h.
  add_test(NAME compiler.cache
           COMMAND sh ${ECC_CT}/cache.sh $<TARGET_FILE:ecc> ${ECC_TEST_BTF}
                   ${ECC_CT}/cases/ringbuf/ringbuf.bpf.c ${ECC_CT}/cases/ringbuf/ringbuf.h)

  add_test(NAME compiler.pkgcheck_rejects
           COMMAND sh ${ECC_CT}/pkgcheck_rejects.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecc_pkgcheck>
                   ${ECC_TEST_BTF} ${ECC_CT}/cases/ringbuf/ringbuf.bpf.c ${ECC_CT}/cases/ringbuf/ringbuf.h)
  set_tests_properties(compiler.pkgcheck_rejects PROPERTIES ENVIRONMENT "ECC_CACHE_DIR=${ECC_TEST_CACHE}")

  if(EXISTS ${ECC_CT}/errors.sh)
    add_test(NAME compiler.errors
             COMMAND sh ${ECC_CT}/errors.sh $<TARGET_FILE:ecc> ${ECC_TEST_BTF} ${ECC_CT}/errors)
    set_tests_properties(compiler.errors PROPERTIES ENVIRONMENT "ECC_CACHE_DIR=${ECC_TEST_CACHE}")
  endif()
endif()

if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  # yaml.c is compiled into the fuzzer itself so it gets coverage.
  add_executable(fuzz_yaml ${ECC_CT}/fuzz_yaml.c ${ECC_SOURCE_DIR}/common/yaml.c)
  target_compile_options(fuzz_yaml PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_yaml PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_yaml PRIVATE common)
  file(GLOB YAML_FUZZ_SEEDS ${ECC_CT}/fuzz-seeds/yaml/*)
  string(REPLACE ";" "," YAML_FUZZ_SEEDS "${YAML_FUZZ_SEEDS}")
  add_test(NAME compiler.fuzz_yaml_smoke COMMAND fuzz_yaml -max_total_time=10 -timeout=10
           -rss_limit_mb=2048 -seed_inputs=${YAML_FUZZ_SEEDS})
endif()
