# The Docker image and the CI template (Dockerfile, scripts/docker-entry.sh,
# templates/github-actions, templates/user-repo). No Docker engine runs on
# the test machines: the entry script runs directly on temp directories.
add_executable(docker_check_files ${ECC_TESTS_DIR}/docker/check_files.c)
target_include_directories(docker_check_files PRIVATE ${ECC_SOURCE_DIR}/common)
target_link_libraries(docker_check_files PRIVATE common PkgConfig::CJSON PkgConfig::YAML)

if(TARGET ecc)
  set(ECC_DOCKER_ECC $<TARGET_FILE:ecc>)
else()
  set(ECC_DOCKER_ECC "")
endif()

add_test(NAME docker.entry COMMAND ${ECC_TESTS_DIR}/docker/test_entry.sh ${ECC_SOURCE_DIR}
	 "${ECC_DOCKER_ECC}" $<TARGET_FILE:docker_check_files>)
set_tests_properties(docker.entry PROPERTIES TIMEOUT 300
		     ENVIRONMENT "PATH=/usr/lib/llvm-14/bin:$ENV{PATH}")
add_test(NAME docker.workflow COMMAND ${ECC_TESTS_DIR}/docker/test_workflow.sh ${ECC_SOURCE_DIR}
	 $<TARGET_FILE:docker_check_files>)
set_tests_properties(docker.workflow PROPERTIES TIMEOUT 900)
add_test(NAME docker.dockerfile COMMAND ${ECC_TESTS_DIR}/docker/test_dockerfile.sh
	 ${ECC_SOURCE_DIR} "${ECC_DOCKER_ECC}")
set_tests_properties(docker.dockerfile PROPERTIES TIMEOUT 300)
# The build stage's commands on exactly the files its COPY lines name.
add_test(NAME docker.builder_stage COMMAND ${ECC_TESTS_DIR}/docker/test_builder_stage.sh
	 ${ECC_SOURCE_DIR})
set_tests_properties(docker.builder_stage PROPERTIES TIMEOUT 900)
