# Precompiled headers (option WICK_PCH): the headers most of Wick's files
# include, compiled once per set instead of once per file.
#   core set: the standard library, QtCore and spdlog (no QtGui: core stays
#             free of it);
#   ui set:   the core set, QtGui/QtWidgets and qcustomplot.h.
# A set is compiled by one target and reused by the others of the same flags:
#   wick_pch_host(<name> <set> <usage>)  an object library that only compiles
#                                        the set, with the usage requirements
#                                        of <usage> and nothing else;
#   wick_pch(<target> <set>)             the target compiles the set itself;
#   wick_pch(<target> REUSE <host>)      the target reuses host's.
# GCC refuses a header precompiled with a macro that is not defined where it
# is used (-Winvalid-pch, an error under WICK_WERROR), while extra macros at
# the use are fine: so a host gets its users' common requirements only, never
# one target's private definitions (wick_core's simdjson ones, say).
# The sources still include what they use: a build without WICK_PCH (the
# default, and the fuzz build) must compile, so never rely on the set.
# ccache caches files built with a precompiled header when CCACHE_SLOPPINESS
# holds pch_defines,time_macros (.ci/run and scripts/build set it).
option(WICK_PCH "Build with precompiled headers (cmake/WickPrecompiledHeaders.cmake)" OFF)

set(WICK_PCH_CORE_HEADERS
    <algorithm> <array> <atomic> <cmath> <cstddef> <cstdint> <deque> <functional>
    <limits> <map> <memory> <mutex> <optional> <span> <string> <string_view>
    <unordered_map> <utility> <vector>
    <QByteArray> <QByteArrayView> <QDateTime> <QElapsedTimer> <QHash> <QJsonArray>
    <QJsonDocument> <QJsonObject> <QList> <QMetaObject> <QObject> <QPointer> <QSet>
    <QString> <QStringList> <QThread> <QTimeZone> <QTimer> <QUrl>
    <spdlog/spdlog.h>)
set(WICK_PCH_UI_HEADERS
    ${WICK_PCH_CORE_HEADERS}
    <QAction> <QColor> <QComboBox> <QDialog> <QFont> <QFontMetrics> <QFormLayout>
    <QHBoxLayout> <QLabel> <QLineEdit> <QMenu> <QPainter> <QPushButton> <QToolButton>
    <QVBoxLayout> <QWidget>
    <qcustomplot.h>)

if(WICK_PCH AND NOT MSVC)
    target_compile_options(wick_options INTERFACE -Winvalid-pch)
endif()

function(wick_pch target)
    if(NOT WICK_PCH)
        return()
    endif()
    if(ARGV1 STREQUAL "REUSE")
        target_precompile_headers(${target} REUSE_FROM ${ARGV2})
    elseif(ARGV1 STREQUAL "core")
        target_precompile_headers(${target} PRIVATE ${WICK_PCH_CORE_HEADERS})
    elseif(ARGV1 STREQUAL "ui")
        target_precompile_headers(${target} PRIVATE ${WICK_PCH_UI_HEADERS})
    else()
        message(FATAL_ERROR "wick_pch(${target} ${ARGV1}): the set is core, ui or REUSE <host>")
    endif()
endfunction()

function(wick_pch_host name set usage)
    if(NOT WICK_PCH)
        return()
    endif()
    add_library(${name} OBJECT ${PROJECT_SOURCE_DIR}/cmake/PchHost.cpp)
    target_link_libraries(${name} PRIVATE ${usage})
    wick_pch(${name} ${set})
endfunction()
