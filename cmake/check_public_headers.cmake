# Proves that the public headers need only the standard library and abseil: each header in
# HEADER_DIR/annals is compiled on its own (-fsyntax-only, warnings as errors) with the compiler's
# default include directories switched off (-nostdinc) and replaced by copies of them from which
# the engine's private dependencies are removed. A public header that includes, say,
# "rocksdb/db.h" or "capnp/message.h" then fails with "No such file or directory".
#
# Run as: cmake -DCXX=<compiler> -DSYSTEM_DIRS=<dir|dir...> -DABSL_DIRS=<abseil's include dirs>
#               -DHEADER_DIR=<engine/include> -DWORK_DIR=<scratch dir> -P check_public_headers.cmake
# (lists separated by `|`, which survive add_test where `;` would not).
cmake_minimum_required(VERSION 3.20)
foreach(var CXX SYSTEM_DIRS ABSL_DIRS HEADER_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_public_headers: -D${var}=... is required")
  endif()
  string(REPLACE "|" ";" ${var} "${${var}}")
endforeach()

# Top-level entries of an include directory that belong to the engine's private dependencies.
set(FORBIDDEN rocksdb capnp kj rapidjson utf8proc.h xxhash.h xxh3.h xxh_x86dispatch.h)

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Each default include directory becomes a directory of symlinks to its entries, minus FORBIDDEN,
# searched in the same order (so #include_next in the standard library still works).
set(include_flags)
set(index 0)
foreach(dir IN LISTS SYSTEM_DIRS)
  if(NOT IS_DIRECTORY ${dir})
    continue()
  endif()
  set(mirror ${WORK_DIR}/system/${index})
  math(EXPR index "${index} + 1")
  file(MAKE_DIRECTORY ${mirror})
  file(GLOB entries RELATIVE ${dir} ${dir}/*)
  foreach(entry IN LISTS entries)
    if(NOT entry IN_LIST FORBIDDEN)
      file(CREATE_LINK ${dir}/${entry} ${mirror}/${entry} SYMBOLIC)
    endif()
  endforeach()
  list(APPEND include_flags -isystem ${mirror})
endforeach()
if(index EQUAL 0)
  message(FATAL_ERROR "check_public_headers: no system include directory in '${SYSTEM_DIRS}'")
endif()

# Of abseil's include directories (often a system one, shared with other libraries) only the
# absl/ subdirectory is made reachable.
list(REMOVE_DUPLICATES ABSL_DIRS)
foreach(dir IN LISTS ABSL_DIRS)
  if(NOT dir IN_LIST SYSTEM_DIRS AND IS_DIRECTORY ${dir}/absl)
    set(mirror ${WORK_DIR}/absl/${index})
    math(EXPR index "${index} + 1")
    file(MAKE_DIRECTORY ${mirror})
    file(CREATE_LINK ${dir}/absl ${mirror}/absl SYMBOLIC)
    list(PREPEND include_flags -isystem ${mirror})
  endif()
endforeach()

file(GLOB headers RELATIVE ${HEADER_DIR} ${HEADER_DIR}/annals/*.h)
if(NOT headers)
  message(FATAL_ERROR "check_public_headers: no headers in ${HEADER_DIR}/annals")
endif()
set(failed)
foreach(header IN LISTS headers)
  string(MAKE_C_IDENTIFIER ${header} name)
  set(source ${WORK_DIR}/${name}.cc)
  file(WRITE ${source} "#include \"${header}\"  // first: the header must be self-contained\n")
  execute_process(
    COMMAND ${CXX} -std=c++20 -fsyntax-only -Wall -Wextra -Werror -nostdinc ${include_flags}
            -I ${HEADER_DIR} ${source}
    RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(result EQUAL 0)
    message(STATUS "ok: ${header}")
  else()
    message("FAILED: ${header}\n${output}")
    list(APPEND failed ${header})
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "public headers that need more than the standard library and abseil: "
                      "${failed}")
endif()
