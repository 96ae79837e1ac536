include(CMakePackageConfigHelpers)

install(TARGETS ${JOURNEY_INSTALL_TARGETS}
  EXPORT journeykitTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT journeykitTargets
  NAMESPACE journey::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/journeykit)
configure_package_config_file(
  ${CMAKE_CURRENT_SOURCE_DIR}/cmake/journeykitConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/journeykitConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/journeykit)
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/journeykitConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/journeykitConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/journeykitConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/journeykit)
