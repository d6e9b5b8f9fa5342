# The Wasm engine: spec suite, unit and hostile-module tests, fuzz target.
add_executable(wasm_spec_runner ${ECC_TESTS_DIR}/wasm/spec_runner.c
  ${ECC_TESTS_DIR}/wasm/spectest_module.c)
target_link_libraries(wasm_spec_runner PRIVATE wasmi common PkgConfig::CJSON)
add_test(NAME wasm.spec COMMAND wasm_spec_runner ${ECC_SHARED_DIR}/wasm-spec)
set_tests_properties(wasm.spec PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)

add_executable(wasmi_invoke ${ECC_TESTS_DIR}/wasm/wasmi_invoke.c)
target_link_libraries(wasmi_invoke PRIVATE wasmi common)

# Test modules are written in the text format and assembled at build time.
find_program(ECC_WAT2WASM wat2wasm)
file(GLOB ECC_WASM_MODS CONFIGURE_DEPENDS ${ECC_TESTS_DIR}/wasm/mods/*.wat)
set(ECC_WASM_MODS_DIR ${CMAKE_CURRENT_BINARY_DIR}/wasm-mods)
set(ecc_wasm_mod_outputs)
if(ECC_WAT2WASM)
  foreach(wat ${ECC_WASM_MODS})
    get_filename_component(base ${wat} NAME_WE)
    add_custom_command(OUTPUT ${ECC_WASM_MODS_DIR}/${base}.wasm
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ECC_WASM_MODS_DIR}
      COMMAND ${ECC_WAT2WASM} --enable-all ${wat} -o ${ECC_WASM_MODS_DIR}/${base}.wasm
      DEPENDS ${wat} VERBATIM)
    list(APPEND ecc_wasm_mod_outputs ${ECC_WASM_MODS_DIR}/${base}.wasm)
  endforeach()
endif()
add_custom_target(wasm_test_mods DEPENDS ${ecc_wasm_mod_outputs})

find_package(Threads REQUIRED)
add_executable(test_wasmi ${ECC_TESTS_DIR}/unit/test_wasmi.c)
target_link_libraries(test_wasmi PRIVATE wasmi common Threads::Threads)
target_include_directories(test_wasmi PRIVATE ${ECC_TESTS_DIR}/unit)
add_dependencies(test_wasmi wasm_test_mods wasmi_invoke)
if(ECC_WAT2WASM)
  add_test(NAME wasm.engine COMMAND test_wasmi ${ECC_WASM_MODS_DIR} $<TARGET_FILE:wasmi_invoke>)
else()
  # counted as skipped by CTest (exit 77), with the reason printed
  add_test(NAME wasm.engine COMMAND sh -c
    "echo 'skipping wasm.engine: wat2wasm (Debian package wabt) is not installed'; exit 77")
  set_tests_properties(wasm.engine PROPERTIES SKIP_RETURN_CODE 77)
endif()

# libFuzzer target for the decoder and validator (clang, -DECC_FUZZ=ON). The
# engine's sources are compiled into the fuzzer itself, instrumented there,
# so the wasmi libraries other programs link stay uninstrumented.
if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  file(GLOB ecc_wasmi_sources ${ECC_SOURCE_DIR}/runtime-min/wasm/*.c)
  add_executable(fuzz_wasmi_decode ${ECC_TESTS_DIR}/fuzz/fuzz_wasmi_decode.c
    ${ecc_wasmi_sources})
  target_include_directories(fuzz_wasmi_decode PRIVATE ${ECC_SOURCE_DIR}/runtime-min/wasm)
  target_compile_options(fuzz_wasmi_decode PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_wasmi_decode PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_wasmi_decode PRIVATE m)
  add_dependencies(fuzz_wasmi_decode wasm_test_mods)
  # smoke run: new inputs go to a scratch corpus, seeds come from the test modules
  add_test(NAME wasm.fuzz_decode_smoke
    COMMAND ${CMAKE_COMMAND} -E env sh -c
      "d=$(mktemp -d) && $<TARGET_FILE:fuzz_wasmi_decode> -runs=20000 -max_len=8192 \"$d\" \"$1\"; r=$?; rm -rf \"$d\"; exit $r"
      sh ${ECC_WASM_MODS_DIR})
endif()

# Real clang output: tests/wasm/progs/mix.c built for wasm32 and natively,
# results compared function by function.
find_program(ECC_CLANG_WASM NAMES clang clang-14)
if(ECC_CLANG_WASM)
  set(mix_src ${ECC_TESTS_DIR}/wasm/progs/mix.c)
  set(mix_wasm ${CMAKE_CURRENT_BINARY_DIR}/wasm-progs/mix.wasm)
  add_custom_command(OUTPUT ${mix_wasm}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/wasm-progs
    COMMAND ${ECC_CLANG_WASM} --target=wasm32 -O2 -mbulk-memory -mnontrapping-fptoint
            -msign-ext -nostdlib -Wl,--no-entry -o ${mix_wasm} ${mix_src}
    DEPENDS ${mix_src} VERBATIM)
  add_custom_target(wasm_test_progs DEPENDS ${mix_wasm})
  add_executable(wasm_mix_native ${mix_src} ${ECC_TESTS_DIR}/wasm/progs/mix_main.c)
  target_link_libraries(wasm_mix_native PRIVATE m)
  add_dependencies(wasm_mix_native wasm_test_progs wasmi_invoke)
  add_test(NAME wasm.clang_programs
    COMMAND sh ${ECC_TESTS_DIR}/wasm/run_progs.sh $<TARGET_FILE:wasmi_invoke> ${mix_wasm}
            $<TARGET_FILE:wasm_mix_native>)
endif()
