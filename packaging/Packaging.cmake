# Packaging: desktop integration files and CPack (DEB + TGZ on Linux, NSIS on
# Windows, DragNDrop on macOS). Included last by the top-level CMakeLists.txt;
# the install rules of wick and wick-cli are in app/CMakeLists.txt.
#   cmake --build build/ci && cd build/ci && cpack -G "DEB;TGZ"

set(WICK_APP_ID "io.github.wick.Wick")

if(WICK_BUILD_UI AND UNIX AND NOT APPLE)
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/wick.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
        RENAME ${WICK_APP_ID}.desktop)
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/${WICK_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/wick.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/wick-256.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps
        RENAME wick.png)
endif()

set(CPACK_PACKAGE_NAME "wick")
set(CPACK_PACKAGE_VENDOR "Wick contributors")
set(CPACK_PACKAGE_CONTACT "Wick maintainers <maintainers@wick-terminal.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Native desktop market terminal")
set(CPACK_PACKAGE_DESCRIPTION
    "Wick collects live and historical market data from public sources, validates it, \
builds bars, computes indicators, draws candlestick charts with indicator panels, keeps \
a watchlist, raises local alerts and caches everything in a local SQLite file so that \
a restart is instant and works offline. wick-cli is its headless command line.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Wick")
set(CPACK_PACKAGE_EXECUTABLES "wick;Wick")
set(CPACK_PACKAGE_ICON "${PROJECT_SOURCE_DIR}/resources/icons/wick-256.png")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/;/build/;/build-.*/;/\\\\.ccache/;/\\\\.cache/")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
endif()

# Debian: dependencies come from dpkg-shlibdeps on the installed binaries.
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# Plugins are loaded at run time, so shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")

# Tarball: wick-<version>-Linux.tar.gz with bin/ and share/ at the top.
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)

# Windows installer.
set(CPACK_NSIS_DISPLAY_NAME "Wick")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/resources/icons/wick.ico")
set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/resources/icons/wick.ico")
set(CPACK_NSIS_PACKAGE_NAME "Wick ${PROJECT_VERSION}")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\wick.exe")
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Wick.lnk' '$INSTDIR\\\\bin\\\\wick.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\Wick.lnk'")

# macOS disk image: drag wick.app onto /Applications.
set(CPACK_DMG_VOLUME_NAME "Wick ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")

include(CPack)
