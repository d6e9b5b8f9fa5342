# Tests of the Wasm host: WASI preview 1, the wasm_bpf ABI and `ecli run`.
#
# Unit tests build the host functions from source against a fake engine
# (tests/wasmhost/fake_engine.c), so they run without the interpreter.
set(WASMHOST_DIR ${ECC_SOURCE_DIR}/runtime-min/wasmhost)
set(WASMHOST_TESTS ${ECC_TESTS_DIR}/wasmhost)
file(GLOB WASMHOST_HOST_SOURCES CONFIGURE_DEPENDS ${WASMHOST_DIR}/wasmi_*.c)
list(FILTER WASMHOST_HOST_SOURCES EXCLUDE REGEX "wasmi_cli[^/]*\\.c$")
list(APPEND WASMHOST_HOST_SOURCES ${WASMHOST_TESTS}/fake_engine.c)

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

# The --invoke signature reader (the file also holds the call itself, hence wasmi).
add_executable(test_wasmi_wasi_invoke ${ECC_TESTS_DIR}/unit/test_wasmi_wasi_invoke.c
               ${WASMHOST_DIR}/wasmi_cli_invoke.c)
target_include_directories(test_wasmi_wasi_invoke PRIVATE ${ECC_TESTS_DIR}/unit ${WASMHOST_DIR}
                           ${ECC_SOURCE_DIR}/runtime-min/wasm)
target_link_libraries(test_wasmi_wasi_invoke PRIVATE common wasmi)
add_test(NAME wasmhost.invoke_sig COMMAND test_wasmi_wasi_invoke)

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
  # An object whose map asks to be pinned in the host's bpffs: refused.
  add_custom_command(OUTPUT ${WASMHOST_GEN}/pinned.bpf.o
    COMMAND ${WASMHOST_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_x86
            -I${WASMHOST_GEN} -c ${WASMHOST_TESTS}/bpf/pinned.bpf.c -o ${WASMHOST_GEN}/pinned.bpf.o
    DEPENDS ${WASMHOST_TESTS}/bpf/pinned.bpf.c ${WASMHOST_GEN}/vmlinux.h
    COMMENT "wasmhost tests: pinned.bpf.o")
  add_custom_target(wasmhost_probe DEPENDS ${WASMHOST_GEN}/probe.bpf.o ${WASMHOST_GEN}/pinned.bpf.o)
endif()

wasmhost_unit(test_wasmi_bpf ${ECC_TESTS_DIR}/unit/test_wasmi_bpf.c)
target_include_directories(test_wasmi_bpf PRIVATE ${WASMHOST_TESTS}/bpf)
if(WASMHOST_HAVE_BPF)
  add_dependencies(test_wasmi_bpf wasmhost_probe)
  add_test(NAME wasmhost.bpf_unit COMMAND test_wasmi_bpf ${WASMHOST_GEN}/probe.bpf.o
           ${WASMHOST_GEN}/pinned.bpf.o)
  set_tests_properties(wasmhost.bpf_unit PROPERTIES SKIP_RETURN_CODE 77)
endif()

# A standalone `ecli run` for the guest tests.
add_executable(wasmi_run ${WASMHOST_TESTS}/run_main.c)
target_link_libraries(wasmi_run PRIVATE wasmi_app)

# Guests: C compiled to wasm32-wasi at build time, as shared/spec/wasm-bpf-abi.md says.
set(WASMHOST_GUEST_FLAGS --target=wasm32-wasi --sysroot=/usr -nostdlibinc
    -isystem /usr/include/wasm32-wasi -O2 -Wl,--export-table -Wl,--strip-debug)
set(WASMHOST_GUESTS)
function(wasmhost_guest name)
  add_custom_command(OUTPUT ${WASMHOST_GEN}/${name}.wasm
    COMMAND ${WASMHOST_CLANG} ${WASMHOST_GUEST_FLAGS} -I${WASMHOST_GEN}
            -I${WASMHOST_TESTS}/guests -I${WASMHOST_TESTS}/bpf
            ${WASMHOST_TESTS}/guests/${name}.c -o ${WASMHOST_GEN}/${name}.wasm
    DEPENDS ${WASMHOST_TESTS}/guests/${name}.c ${WASMHOST_TESTS}/guests/wasm_bpf_abi.h ${ARGN}
    COMMENT "wasmhost tests: guest ${name}.wasm")
  set(WASMHOST_GUESTS ${WASMHOST_GUESTS} ${WASMHOST_GEN}/${name}.wasm PARENT_SCOPE)
endfunction()

if(WASMHOST_CLANG AND EXISTS /usr/include/wasm32-wasi/stdio.h)
  file(MAKE_DIRECTORY ${WASMHOST_GEN})
  foreach(g hello files lsdir unknown_import spin hostile)
    wasmhost_guest(${g})
  endforeach()
  foreach(c 1 2 3)
    add_custom_command(OUTPUT ${WASMHOST_GEN}/bad_sig${c}.wasm
      COMMAND ${WASMHOST_CLANG} ${WASMHOST_GUEST_FLAGS} -DBAD_CASE=${c}
              ${WASMHOST_TESTS}/guests/bad_sig.c -o ${WASMHOST_GEN}/bad_sig${c}.wasm
      DEPENDS ${WASMHOST_TESTS}/guests/bad_sig.c
      COMMENT "wasmhost tests: guest bad_sig${c}.wasm")
    list(APPEND WASMHOST_GUESTS ${WASMHOST_GEN}/bad_sig${c}.wasm)
  endforeach()
  if(WASMHOST_HAVE_BPF)
    add_custom_command(OUTPUT ${WASMHOST_GEN}/probe_bpf.h
      COMMAND ${CMAKE_COMMAND} -DIN=${WASMHOST_GEN}/probe.bpf.o -DOUT=${WASMHOST_GEN}/probe_bpf.h
              -DNAME=probe_bpf_o -P ${WASMHOST_TESTS}/embed.cmake
      DEPENDS ${WASMHOST_GEN}/probe.bpf.o ${WASMHOST_TESTS}/embed.cmake
      COMMENT "wasmhost tests: embed probe.bpf.o")
    wasmhost_guest(bpf_probe ${WASMHOST_GEN}/probe_bpf.h ${WASMHOST_TESTS}/bpf/probe_event.h)
  endif()
  add_custom_target(wasmhost_guests ALL DEPENDS ${WASMHOST_GUESTS})

  add_executable(test_wasmi_guests ${WASMHOST_TESTS}/test_guests.c)
  target_link_libraries(test_wasmi_guests PRIVATE common)
  target_include_directories(test_wasmi_guests PRIVATE ${ECC_TESTS_DIR}/unit)
  add_dependencies(test_wasmi_guests wasmi_run wasmhost_guests)
  foreach(t hello exit_code stdin unknown_import sandbox hostile sigint sigterm sigint_sleep
          invoke bigdir bpf_e2e bpf_badcb bpf_sigint bpf_xdp)
    add_test(NAME wasmhost.${t}
             COMMAND test_wasmi_guests ${t} $<TARGET_FILE:wasmi_run> ${WASMHOST_GEN})
    set_tests_properties(wasmhost.${t} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
  endforeach()
  # The same through ecli's dispatcher, when ecli is part of the build.
  if(TARGET ecli)
    add_test(NAME wasmhost.ecli
             COMMAND test_wasmi_guests ecli $<TARGET_FILE:ecli> ${WASMHOST_GEN})
    set_tests_properties(wasmhost.ecli PROPERTIES TIMEOUT 60)
  endif()
endif()

if(WASMHOST_CLANG AND TARGET wasmhost_guests)
  add_custom_command(OUTPUT ${WASMHOST_GEN}/calc.wasm
    COMMAND ${WASMHOST_CLANG} --target=wasm32 -nostdlib -O2 -Wl,--no-entry
            -Wl,--export=add -Wl,--export=fib -Wl,--export=scale -Wl,--export=divide
            -Wl,--export=deep ${WASMHOST_TESTS}/guests/calc.c -o ${WASMHOST_GEN}/calc.wasm
    DEPENDS ${WASMHOST_TESTS}/guests/calc.c
    COMMENT "wasmhost tests: calc.wasm (freestanding)")
  add_custom_target(wasmhost_calc ALL DEPENDS ${WASMHOST_GEN}/calc.wasm)
  add_dependencies(test_wasmi_guests wasmhost_calc)
endif()

# Fuzz targets (ECC_FUZZ=ON, clang): host functions on hostile arguments and
# memory, and the --invoke signature reader. A short smoke run each.
if(ECC_FUZZ AND CMAKE_C_COMPILER_ID MATCHES "Clang")
  add_executable(fuzz_wasmi_host ${ECC_TESTS_DIR}/fuzz/fuzz_wasmi_host.c ${WASMHOST_HOST_SOURCES})
  add_executable(fuzz_wasmi_host_sig ${ECC_TESTS_DIR}/fuzz/fuzz_wasmi_host_sig.c
                 ${WASMHOST_DIR}/wasmi_cli_invoke.c)
  target_link_libraries(fuzz_wasmi_host_sig PRIVATE wasmi)
  foreach(t fuzz_wasmi_host fuzz_wasmi_host_sig)
    target_include_directories(${t} PRIVATE ${WASMHOST_TESTS} ${WASMHOST_DIR}
                               ${ECC_SOURCE_DIR}/runtime-min/wasm ${ECC_SOURCE_DIR}/runtime-min)
    target_compile_options(${t} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${t} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${t} PRIVATE common PkgConfig::LIBBPF PkgConfig::LIBELF)
    if(TARGET rtmin_check)
      target_link_libraries(${t} PRIVATE rtmin_check)
      target_compile_definitions(${t} PRIVATE WASMI_APP_HAVE_ELFCHECK=1)
    endif()
    add_test(NAME wasmhost.${t}_smoke COMMAND ${t} -max_total_time=10 -timeout=10
             -rss_limit_mb=2048)
  endforeach()
endif()
