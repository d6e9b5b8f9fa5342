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
	 /usr/include/${ECC_DOC_MULTIARCH})
