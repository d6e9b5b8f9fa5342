# Doc comments and export-header structs (compiler/ecc_doc*.c). The tests
# build the two sources themselves, so they do not depend on the rest of
# ecc_core building.
set(ECC_DOC_DIR ${ECC_SOURCE_DIR}/compiler)
execute_process(COMMAND llvm-config-14 --includedir OUTPUT_VARIABLE ECC_DOC_LLVM_INCLUDE
		OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND llvm-config-14 --libdir OUTPUT_VARIABLE ECC_DOC_LLVM_LIBDIR
		OUTPUT_STRIP_TRAILING_WHITESPACE)
find_library(ECC_DOC_LIBCLANG NAMES clang libclang.so.1 HINTS ${ECC_DOC_LLVM_LIBDIR} REQUIRED)

add_executable(test_ecc_doc_text ${ECC_TESTS_DIR}/unit/test_ecc_doc_text.c
	       ${ECC_DOC_DIR}/ecc_doc_text.c)
target_include_directories(test_ecc_doc_text PRIVATE ${ECC_TESTS_DIR}/unit ${ECC_DOC_DIR})
target_link_libraries(test_ecc_doc_text PRIVATE common PkgConfig::CJSON m)
add_test(NAME doc.text COMMAND test_ecc_doc_text)

execute_process(COMMAND ${CMAKE_C_COMPILER} -print-multiarch OUTPUT_VARIABLE ECC_DOC_MULTIARCH
		OUTPUT_STRIP_TRAILING_WHITESPACE)
add_executable(test_ecc_doc ${ECC_TESTS_DIR}/unit/test_ecc_doc.c ${ECC_DOC_DIR}/ecc_doc.c
	       ${ECC_DOC_DIR}/ecc_doc_text.c)
target_include_directories(test_ecc_doc PRIVATE ${ECC_TESTS_DIR}/unit ${ECC_DOC_DIR}
			   ${ECC_DOC_LLVM_INCLUDE})
target_link_libraries(test_ecc_doc PRIVATE common PkgConfig::CJSON ${ECC_DOC_LIBCLANG} m)
add_test(NAME doc.libclang COMMAND test_ecc_doc ${ECC_TESTS_DIR}/doc
	 /usr/include/${ECC_DOC_MULTIARCH} ${ECC_SOURCE_DIR}/examples)
# Every example builds with clang, its header alone too, and passes the verifier.
add_test(NAME doc.examples_build COMMAND ${ECC_TESTS_DIR}/doc/examples.sh
	 ${ECC_SOURCE_DIR}/examples)

if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  add_executable(fuzz_doc_text ${ECC_TESTS_DIR}/fuzz/fuzz_doc_text.c ${ECC_DOC_DIR}/ecc_doc_text.c)
  target_include_directories(fuzz_doc_text PRIVATE ${ECC_DOC_DIR})
  target_compile_options(fuzz_doc_text PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_doc_text PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_doc_text PRIVATE common PkgConfig::CJSON m)
  # A short smoke run from the seeds (no corpus directory is written).
  file(GLOB ECC_DOC_FUZZ_SEEDS ${ECC_TESTS_DIR}/doc/fuzz-seeds/*)
  string(REPLACE ";" "," ECC_DOC_FUZZ_SEEDS "${ECC_DOC_FUZZ_SEEDS}")
  add_test(NAME doc.fuzz_smoke COMMAND fuzz_doc_text -max_total_time=10 -timeout=10
	   -rss_limit_mb=2048 -seed_inputs=${ECC_DOC_FUZZ_SEEDS})
endif()
