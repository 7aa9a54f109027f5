# Compiler options shared by every Wick target, applied through wick_options.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# A fast linker when the machine has one (Debian: mold, from scripts/setup):
# every test is an executable linking the static core and UI libraries, and
# with GNU ld the links were a quarter of a clean build's time.
option(WICK_FAST_LINKER "Link with mold when it is installed" ON)
if(WICK_FAST_LINKER AND NOT MSVC AND NOT APPLE)
    find_program(WICK_MOLD mold)
    if(WICK_MOLD)
        add_link_options(-fuse-ld=mold)
    endif()
endif()

add_library(wick_options INTERFACE)
if(MSVC)
    # /fp:precise keeps indicator arithmetic in source order (no contraction).
    target_compile_options(wick_options INTERFACE /W4 /permissive- /fp:precise /utf-8)
    if(WICK_WERROR)
        target_compile_options(wick_options INTERFACE /WX)
    endif()
else()
    # No floating-point contraction: indicator parity with TA-Lib is bit-exact.
    target_compile_options(wick_options INTERFACE -Wall -Wextra -Wpedantic -ffp-contract=off)
    if(WICK_WERROR)
        target_compile_options(wick_options INTERFACE -Werror)
    endif()
    if(WICK_SANITIZE)
        target_compile_options(wick_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(wick_options INTERFACE -fsanitize=address,undefined)
    endif()
endif()
target_compile_definitions(wick_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER)
