# One library target per module: sources under <module>/src, public headers under
# <module>/include/netvirt/<module>/. Sources are globbed so new files need no CMake edit.
function(netvirt_add_module name)
  cmake_parse_arguments(ARG "" "" "PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/src/*.h
       ${CMAKE_CURRENT_SOURCE_DIR}/include/*.h ${CMAKE_CURRENT_SOURCE_DIR}/src/*.qrc)
  # Headers stay in the source list so that AUTOMOC sees the Q_OBJECT classes they declare.
  set(_compiled ${_srcs})
  list(FILTER _compiled INCLUDE REGEX "\\.(cpp|qrc)$")
  if(NOT _compiled)
    # A module without sources yet is header-only.
    add_library(netvirt_${name} INTERFACE)
    target_include_directories(netvirt_${name} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_link_libraries(netvirt_${name} INTERFACE ${ARG_PUBLIC_LIBS})
    add_library(netvirt::${name} ALIAS netvirt_${name})
    return()
  endif()
  add_library(netvirt_${name} STATIC ${_srcs})
  add_library(netvirt::${name} ALIAS netvirt_${name})
  target_include_directories(netvirt_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(netvirt_${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  set_target_properties(netvirt_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# One test executable per tests/<dir>/tst_<unit>.cpp, registered with CTest and a label.
function(netvirt_add_test file)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "LIBS" ${ARGN})
  get_filename_component(_name ${file} NAME_WE)
  add_executable(${_name} ${file})
  target_link_libraries(${_name} PRIVATE ${ARG_LIBS} Qt6::Test)
  target_compile_definitions(${_name} PRIVATE
    NETVIRT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    NETVIRT_BINARY_DIR="${PROJECT_BINARY_DIR}"
    NETVIRT_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  add_test(NAME ${_name} COMMAND ${_name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${_name} PROPERTIES LABELS "${ARG_LABEL}" TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;NETVIRT_CLI=$<TARGET_FILE:netvirt>")
endfunction()
