# Shared helpers: warning flags, sanitizers and the library target pattern.

function(journey_set_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
    # g++ 12 reports impossible memcpy overlaps inside std::string at -O3
    # (GCC bug 105651, e.g. for "x" + std::to_string(n)); the warning is noise there.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(JOURNEY_WERROR)
    target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
  endif()
endfunction()

if(JOURNEY_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

set(JOURNEY_INSTALL_TARGETS "" CACHE INTERNAL "")

# journey_add_library(<name> [SOURCES ...] [PUBLIC_DEPS ...] [PRIVATE_DEPS ...])
# Without SOURCES, every src/*.cpp is compiled.
# Creates journey_<name> with alias journey::<name>, whose only public include
# directory is <dir>/include.
function(journey_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  if(NOT ARG_SOURCES)
    # Every .cpp under src/ belongs to the library.
    file(GLOB ARG_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  endif()
  if(NOT ARG_SOURCES)
    message(STATUS "journeykit: ${name} has no sources yet; skipped")
    return()
  endif()
  add_library(journey_${name} STATIC ${ARG_SOURCES})
  add_library(journey::${name} ALIAS journey_${name})
  set_target_properties(journey_${name} PROPERTIES
    EXPORT_NAME ${name}
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(journey_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(journey_${name} PUBLIC cxx_std_20)
  if(ARG_PUBLIC_DEPS)
    target_link_libraries(journey_${name} PUBLIC ${ARG_PUBLIC_DEPS})
  endif()
  if(ARG_PRIVATE_DEPS)
    target_link_libraries(journey_${name} PRIVATE ${ARG_PRIVATE_DEPS})
  endif()
  journey_set_warnings(journey_${name})
  install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  set(JOURNEY_INSTALL_TARGETS ${JOURNEY_INSTALL_TARGETS} journey_${name} CACHE INTERNAL "")
  if(JOURNEY_BUILD_HEADERS)
    file(GLOB_RECURSE _hdrs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/*.hpp)
    set(_hsrcs "")
    foreach(_h ${_hdrs})
      file(RELATIVE_PATH _rel ${CMAKE_CURRENT_SOURCE_DIR}/include ${_h})
      string(MAKE_C_IDENTIFIER ${_rel} _id)
      set(_src ${CMAKE_CURRENT_BINARY_DIR}/headercheck/${_id}.cpp)
      file(WRITE ${_src}.in "#include <${_rel}>\n")
      configure_file(${_src}.in ${_src} COPYONLY)
      list(APPEND _hsrcs ${_src})
    endforeach()
    add_library(journey_${name}_headercheck OBJECT ${_hsrcs})
    target_link_libraries(journey_${name}_headercheck PRIVATE journey_${name})
    journey_set_warnings(journey_${name}_headercheck)
  endif()
endfunction()
