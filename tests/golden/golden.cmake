# Registers every tests/golden/<suite>/<case>/ directory that has an `args` file as
# one CTest test "golden: <suite>/<case>" (see cmake/run_golden.cmake).
file(GLOB _golden_args CONFIGURE_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/*/*/args")
foreach(_args ${_golden_args})
  get_filename_component(_case_dir "${_args}" DIRECTORY)
  file(RELATIVE_PATH _name "${CMAKE_CURRENT_LIST_DIR}" "${_case_dir}")
  add_test(NAME "golden: ${_name}"
    COMMAND ${CMAKE_COMMAND} -DJOURNEY=$<TARGET_FILE:journey> -DCASE_DIR=${_case_dir}
            -P ${PROJECT_SOURCE_DIR}/cmake/run_golden.cmake)
  set_tests_properties("golden: ${_name}" PROPERTIES LABELS "golden")
endforeach()
