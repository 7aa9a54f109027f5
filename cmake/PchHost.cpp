// The one source of a precompiled-header host (cmake/WickPrecompiledHeaders.cmake):
// it compiles nothing of its own; the target exists to build the header set.
