# The CLI is a short-lived process that scripts start thousands of times: loading ~45 shared
# libraries (every abseil component, Cap'n Proto, KJ, compression libraries) cost more CPU than a
# small query. Debian ships static archives of all of them and of RocksDB, so the CLI links those
# archives, and the C++ runtime statically too: only libc and libm stay shared. (Relocating
# libstdc++'s shared library alone cost more than half of `annals --version`.)
#
# annals_link_cli_dependencies(TARGET) links TARGET's third-party dependencies: the static archives
# when every one is found (ANNALS_STATIC_CLI, default ON), else the shared libraries.
option(ANNALS_STATIC_CLI "Link the annals CLI against static archives of its dependencies" ON)

function(annals_link_cli_dependencies target)
  set(archives)
  set(missing)
  # libarchive's readers that the CLI uses need lzma (xz) and nettle (zip) too.
  foreach(name rocksdb capnp kj utf8proc xxhash zstd lz4 snappy bz2 z archive lzma nettle)
    find_library(ANNALS_STATIC_${name} NAMES lib${name}.a)
    if(ANNALS_STATIC_${name})
      list(APPEND archives ${ANNALS_STATIC_${name}})
    else()
      list(APPEND missing lib${name}.a)
    endif()
  endforeach()
  find_library(ANNALS_STATIC_absl_base NAMES libabsl_base.a)
  if(ANNALS_STATIC_absl_base)
    get_filename_component(absl_dir ${ANNALS_STATIC_absl_base} DIRECTORY)
    file(GLOB absl_archives ${absl_dir}/libabsl_*.a)
    list(APPEND archives ${absl_archives})
  else()
    list(APPEND missing libabsl_base.a)
  endif()

  if(ANNALS_STATIC_CLI AND NOT missing)
    # The archives come right after the engine on the link line, so they resolve its symbols; the
    # shared libraries that the engine's link interface names after them are then unused, and
    # --as-needed leaves them out of the binary.
    string(JOIN "," group ${archives})
    target_link_libraries(${target} PRIVATE "$<LINK_GROUP:RESCAN,${group}>")
    target_link_options(${target} PRIVATE -Wl,--as-needed -static-libstdc++ -static-libgcc)
  else()
    if(ANNALS_STATIC_CLI)
      message(STATUS "annals CLI links shared libraries: no ${missing}")
    endif()
    find_package(ZLIB REQUIRED)
    pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
    target_link_libraries(${target} PRIVATE ZLIB::ZLIB PkgConfig::ZSTD PkgConfig::UTF8PROC
                          PkgConfig::LIBARCHIVE)
  endif()
endfunction()
