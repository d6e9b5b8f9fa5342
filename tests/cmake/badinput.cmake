# The bad-input suite: tests/badinput/<case>/ (see tests/badinput/run.sh).
if(TARGET ecc AND TARGET ecli)
  file(GLOB BADINPUT_CASES LIST_DIRECTORIES true ${ECC_TESTS_DIR}/badinput/*)
  foreach(case_dir ${BADINPUT_CASES})
    if(IS_DIRECTORY ${case_dir} AND EXISTS ${case_dir}/cmd)
      get_filename_component(case_name ${case_dir} NAME)
      add_test(NAME badinput.${case_name}
               COMMAND bash ${ECC_TESTS_DIR}/badinput/run.sh $<TARGET_FILE:ecc> $<TARGET_FILE:ecli> ${case_dir})
    endif()
  endforeach()
endif()
