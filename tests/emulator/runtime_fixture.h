// Shared by the runtime tests: the bundled red-blue example running in memory (endpoint VMs,
// in-memory underlay) on `threads` workers.
#pragma once

#include <QtGlobal>

#include <memory>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/runtime/emulation.h>

namespace runtime_fixture {

inline std::unique_ptr<netvirt::emulator::runtime::Emulation> startRedBlue(unsigned threads = 2)
{
    namespace runtime = netvirt::emulator::runtime;
    auto design = netvirt::core::io::loadDesign(NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json");
    if (!design)
        qFatal("red-blue.json: %s", design.error().message.c_str());
    runtime::EmulationOverrides o;
    o.threads = threads;
    o.attach = runtime::AttachKind::Endpoint;
    o.underlay = runtime::UnderlayKind::Memory;
    auto settings = runtime::resolveSettings(*design, o);
    if (!settings)
        qFatal("settings: %s", settings.error().message.c_str());
    auto emu = runtime::Emulation::create(std::move(design.value()), std::move(settings.value()));
    if (!emu)
        qFatal("create: %s", emu.error().message.c_str());
    auto started = (*emu)->start();
    if (!started)
        qFatal("start: %s", started.error().message.c_str());
    return std::move(emu.value());
}

} // namespace runtime_fixture
