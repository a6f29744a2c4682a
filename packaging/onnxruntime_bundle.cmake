# ONNX Runtime for Node.js, installed with the onnxruntime runner (libexec/graphs/onnxruntime-node/node_modules, where
# graphs-ort-runner.mjs looks: beside the other architecture-dependent helpers, as its prebuilt library has no place
# under share/) so that an installed graphs, the Debian package included, runs
# `graphs benchmark --runtime onnxruntime` with Node.js alone: no npm, no network.
#
# The module is taken from the folder ./scripts/install-onnxruntime.sh fills (third_party/onnxruntime-node, at the
# version runners/onnxruntime/package.json pins), so a build that ran the setup downloads nothing more. Only what runs
# on this platform is installed: the npm package (290 MB unpacked) carries Windows, macOS and Linux arm64 builds too;
# linux-x64 needs its JavaScript, the N-API binding and libonnxruntime.so.1 (46 MB), plus onnxruntime-common. Its
# other dependencies (adm-zip, global-agent, …) serve only its download script, which is never run.
#
# Sets GRAPHS_ORT_BUNDLED, GRAPHS_ORT_VERSION and GRAPHS_ORT_ARCH for the package's dependencies and copyright file.

option(GRAPHS_BUNDLE_ONNXRUNTIME "Install ONNX Runtime for Node.js with the onnxruntime runner (and in the .deb)" ON)
set(GRAPHS_ORT_NODE_MODULES_DIR "${PROJECT_SOURCE_DIR}/third_party/onnxruntime-node/node_modules" CACHE PATH
    "node_modules folder holding onnxruntime-node and onnxruntime-common (./scripts/install-onnxruntime.sh fills it)")

set(GRAPHS_ORT_BUNDLED OFF)
set(_runner_json "${PROJECT_SOURCE_DIR}/runners/onnxruntime/package.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_runner_json}")
file(READ "${_runner_json}" _json)
string(JSON GRAPHS_ORT_VERSION GET "${_json}" dependencies onnxruntime-node)

# Node's name for the architecture (process.arch), which names the prebuilt folder.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
    set(GRAPHS_ORT_ARCH x64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(GRAPHS_ORT_ARCH arm64)
else()
    set(GRAPHS_ORT_ARCH "")
endif()

set(_ort "${GRAPHS_ORT_NODE_MODULES_DIR}/onnxruntime-node")
set(_common "${GRAPHS_ORT_NODE_MODULES_DIR}/onnxruntime-common")
set(_why "")
if(NOT GRAPHS_BUNDLE_ONNXRUNTIME)
    set(_why "GRAPHS_BUNDLE_ONNXRUNTIME is OFF")
elseif(NOT GRAPHS_ORT_ARCH)
    set(_why "onnxruntime-node has no Linux build for ${CMAKE_SYSTEM_PROCESSOR}")
elseif(NOT EXISTS "${_ort}/package.json" OR NOT EXISTS "${_common}/package.json")
    string(CONCAT _why "${GRAPHS_ORT_NODE_MODULES_DIR} lacks onnxruntime-node: "
        "run ./scripts/install-onnxruntime.sh, then configure again")
else()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_ort}/package.json")
    file(READ "${_ort}/package.json" _json)
    string(JSON _found GET "${_json}" version)
    # bin/napi-v<N>/<platform>/<arch>/: the folder its dist/binding.js loads from.
    file(GLOB _binary_dirs LIST_DIRECTORIES true "${_ort}/bin/napi-v*/linux/${GRAPHS_ORT_ARCH}")
    if(NOT _found STREQUAL GRAPHS_ORT_VERSION)
        string(CONCAT _why "${_ort} is version ${_found}, the runner pins ${GRAPHS_ORT_VERSION}: "
            "run ./scripts/install-onnxruntime.sh")
    elseif(NOT _binary_dirs)
        set(_why "${_ort} holds no linux/${GRAPHS_ORT_ARCH} build")
    else()
        set(GRAPHS_ORT_BUNDLED ON)
    endif()
endif()
if(GRAPHS_BUNDLE_ONNXRUNTIME AND NOT GRAPHS_ORT_BUNDLED)
    message(STATUS "ONNX Runtime for Node.js is not bundled: ${_why}")
endif()
add_feature_info(onnxruntime-node GRAPHS_ORT_BUNDLED
    "ONNX Runtime ${GRAPHS_ORT_VERSION} for Node.js, installed with the onnxruntime runner and carried by the .deb")

if(GRAPHS_ORT_BUNDLED)
    set(_destination "${CMAKE_INSTALL_LIBEXECDIR}/graphs/onnxruntime-node/node_modules")
    install(FILES "${_ort}/package.json" "${_ort}/README.md" DESTINATION "${_destination}/onnxruntime-node")
    install(DIRECTORY "${_ort}/dist" DESTINATION "${_destination}/onnxruntime-node" FILES_MATCHING PATTERN "*.js")
    foreach(_dir IN LISTS _binary_dirs)
        get_filename_component(_parent "${_dir}" DIRECTORY)
        file(RELATIVE_PATH _relative "${_ort}" "${_parent}")
        install(DIRECTORY "${_dir}" DESTINATION "${_destination}/onnxruntime-node/${_relative}")
    endforeach()
    install(FILES "${_common}/package.json" "${_common}/README.md" DESTINATION "${_destination}/onnxruntime-common")
    install(DIRECTORY "${_common}/dist" DESTINATION "${_destination}/onnxruntime-common"
        FILES_MATCHING PATTERN "*.js" PATTERN "package.json")
endif()
