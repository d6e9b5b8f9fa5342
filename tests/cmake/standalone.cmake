# Standalone executables (ecc -s): the trailer reader, the writer, and the
# stub end to end. runtime-min/standalone.cmake defines rtmin_standalone and
# ecli_standalone (including it again is harmless).
include(${ECC_SOURCE_DIR}/runtime-min/standalone.cmake)

# The trailer reader on crafted files (and a copy of the test with a payload).
add_executable(test_rtmin_standalone ${ECC_TESTS_DIR}/unit/test_rtmin_standalone.c)
target_include_directories(test_rtmin_standalone PRIVATE ${ECC_TESTS_DIR}/unit)
target_link_libraries(test_rtmin_standalone PRIVATE rtmin_standalone common PkgConfig::ZLIB)
add_test(NAME standalone.trailer COMMAND test_rtmin_standalone)

# The writer (compiler/ecc_standalone.c, built in so the test does not need
# the whole compiler) and the stub lookup by $ECC_STANDALONE_STUB.
add_executable(test_rtmin_standalone_write ${ECC_TESTS_DIR}/unit/test_rtmin_standalone_write.c
	       ${ECC_SOURCE_DIR}/compiler/ecc_standalone.c)
target_include_directories(test_rtmin_standalone_write PRIVATE ${ECC_TESTS_DIR}/unit
			   ${ECC_SOURCE_DIR}/compiler)
target_link_libraries(test_rtmin_standalone_write PRIVATE rtmin_standalone common)
add_test(NAME standalone.write COMMAND test_rtmin_standalone_write)

# sa_write PACKAGE OUT [STUB]: the writer as a command, built without a
# compiled-in stub path (the lookup test copies it to a directory of its own).
add_executable(sa_write ${ECC_TESTS_DIR}/standalone/sa_write.c
	       ${ECC_SOURCE_DIR}/compiler/ecc_standalone.c)
target_include_directories(sa_write PRIVATE ${ECC_SOURCE_DIR}/compiler)
target_link_libraries(sa_write PRIVATE rtmin_standalone common)

if(TARGET ecli_standalone)
  add_test(NAME standalone.stub_lookup COMMAND ${ECC_TESTS_DIR}/standalone/stub_lookup.sh
	   $<TARGET_FILE:sa_write> $<TARGET_FILE:ecli_standalone>)
endif()

# End to end through ecc, the stub and ecli (skips, saying why, until ecli.c
# calls rtmin_standalone__payload, and the events case without root).
if(TARGET ecc AND TARGET ecli AND TARGET ecli_standalone)
  foreach(c help events static errors formats)
    add_test(NAME standalone.e2e.${c} COMMAND ${ECC_TESTS_DIR}/standalone/e2e_standalone.sh ${c})
    set_tests_properties(standalone.e2e.${c} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
      ENVIRONMENT "ECC=$<TARGET_FILE:ecc>;ECLI=$<TARGET_FILE:ecli>;STUB=$<TARGET_FILE:ecli_standalone>;SA_WRITE=$<TARGET_FILE:sa_write>;SRC_DIR=${ECC_SOURCE_DIR}")
  endforeach()
endif()

if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  # The reader is compiled into the fuzzer itself so it gets coverage.
  add_executable(fuzz_rtmin_standalone ${ECC_TESTS_DIR}/fuzz/fuzz_rtmin_standalone.c
		 ${ECC_SOURCE_DIR}/runtime-min/rtmin_standalone.c)
  target_include_directories(fuzz_rtmin_standalone PRIVATE ${ECC_SOURCE_DIR}/runtime-min)
  target_compile_options(fuzz_rtmin_standalone PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_rtmin_standalone PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_rtmin_standalone PRIVATE common PkgConfig::ZLIB)
  # A short smoke run from the seeds (no corpus directory is written).
  file(GLOB SA_FUZZ_SEEDS ${ECC_TESTS_DIR}/standalone/fuzz-seeds/*)
  string(REPLACE ";" "," SA_FUZZ_SEEDS "${SA_FUZZ_SEEDS}")
  add_test(NAME standalone.fuzz_smoke COMMAND fuzz_rtmin_standalone -max_total_time=10
	   -timeout=10 -rss_limit_mb=2048 -seed_inputs=${SA_FUZZ_SEEDS})
endif()
