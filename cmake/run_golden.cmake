# Runs one golden CLI case (ctest -P script).
#   -DJOURNEY=<path to journey> -DCASE_DIR=<tests/golden/<suite>/<case>>
# The case directory holds:
#   args            the command line (after `journey`), shell-style quoting; run in CASE_DIR
#   expected.out    expected stdout (required)
#   expected.err    expected stderr (optional; without it stderr must be empty)
#   exit            expected exit code (optional; default 0)
# With the environment variable JOURNEY_UPDATE_GOLDEN=1 the expected files are rewritten.

file(READ "${CASE_DIR}/args" _args)
string(STRIP "${_args}" _args)
separate_arguments(_argv UNIX_COMMAND "${_args}")

set(_want_exit 0)
if(EXISTS "${CASE_DIR}/exit")
  file(READ "${CASE_DIR}/exit" _want_exit)
  string(STRIP "${_want_exit}" _want_exit)
endif()

execute_process(
  COMMAND "${JOURNEY}" ${_argv}
  WORKING_DIRECTORY "${CASE_DIR}"
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _err
  RESULT_VARIABLE _rc)

if("$ENV{JOURNEY_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${CASE_DIR}/expected.out" "${_out}")
  if(NOT _err STREQUAL "")
    file(WRITE "${CASE_DIR}/expected.err" "${_err}")
  elseif(EXISTS "${CASE_DIR}/expected.err")
    file(REMOVE "${CASE_DIR}/expected.err")
  endif()
  if(NOT _rc EQUAL 0)
    file(WRITE "${CASE_DIR}/exit" "${_rc}\n")
  elseif(EXISTS "${CASE_DIR}/exit")
    file(REMOVE "${CASE_DIR}/exit")
  endif()
  message(STATUS "updated ${CASE_DIR}")
  return()
endif()

set(_fail "")
if(NOT _rc STREQUAL _want_exit)
  string(APPEND _fail "exit code ${_rc}, expected ${_want_exit}\n")
endif()
file(READ "${CASE_DIR}/expected.out" _want_out)
if(NOT _out STREQUAL _want_out)
  file(WRITE "${CASE_DIR}/actual.out" "${_out}")
  string(APPEND _fail "stdout differs from expected.out (see actual.out)\n")
endif()
set(_want_err "")
if(EXISTS "${CASE_DIR}/expected.err")
  file(READ "${CASE_DIR}/expected.err" _want_err)
endif()
if(NOT _err STREQUAL _want_err)
  string(APPEND _fail "stderr differs:\n--- got\n${_err}--- expected\n${_want_err}")
endif()
if(NOT _fail STREQUAL "")
  message(FATAL_ERROR "golden case ${CASE_DIR}:\n${_fail}")
endif()
