# vndoc_target_defaults(target): warnings, include root and sanitizers for
# every vndoc target.
function(vndoc_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral)
  if(VNDOC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L
    $<$<CONFIG:Debug>:VNDOC_DEBUG_CHECKS>)
  if(VNDOC_FUZZ)
    # Coverage for libFuzzer in every library, sanitizers everywhere.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(VNDOC_SANITIZE)
    target_compile_options(${target} PRIVATE
      -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined,float-cast-overflow)
  endif()
endfunction()

# vndoc_add_library(name SOURCES ... LINKS ...): one static library per module.
function(vndoc_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  add_library(vndoc_${name} STATIC ${ARG_SOURCES})
  target_include_directories(vndoc_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(vndoc_${name} PUBLIC ${ARG_LINKS})
  vndoc_target_defaults(vndoc_${name})
endfunction()
