// Frames from a VM vNIC into a small fixed design's pipeline (pipeline_design.h). Byte 0
// picks the ingress port and the team state; the rest is the frame. Every transmitted frame
// is fed to the receiving host. Invariants: nothing is delivered into another routing domain,
// no action points outside the frame buffers, the pipeline never reads past the frame, and
// fromPort (the burst fast path) takes the same decisions as fromPortGeneral.
#include <cstdlib>
#include <memory>
#include <vector>

#include <netvirt/emulator/packet/packet.h>

#include "pipeline_design.h"

using namespace netvirt::emulator::forwarding;
using namespace netvirt::emulator::packet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const auto &w = fuzzdesign::world();
    const PolicySnapshot &s = *w.snap;
    static auto buf = std::make_unique<FrameBuffer>();
    static auto wire = std::make_unique<FrameBuffer>();
    static ActionList out = ActionList::forSnapshot(s);
    static ActionList out2 = ActionList::forSnapshot(s);
    static DropCounters counters(s);
    const std::uint32_t port = data[0] % s.ports().size();
    if (!buf->assign(ConstBytes(data + 1, size - 1)))
        return 0;
    PipelineContext ctx;
    ctx.snapshot = &s;
    ctx.host = s.ports()[port].host;
    ctx.nicDownMask = (data[0] >> 4) & 3;
    ctx.counters = &counters;
    fromPort(ctx, port, *buf, out);
    {
        static auto one = std::make_unique<FrameBuffer>();
        static ActionList burstOut = ActionList::forSnapshot(s);
        static DropCounters burstCounters(s);
        if (!one->assign(ConstBytes(data + 1, size - 1)))
            std::abort();
        PipelineContext b = ctx;
        b.counters = &burstCounters;
        fromPortGeneral(b, port, *one, burstOut);
        if (!fuzzdesign::sameActions(out, burstOut))
            std::abort();
    }
    const std::uint32_t rd = s.ports()[port].rd;
    for (const auto &a : out) {
        if (a.kind == ActionKind::Deliver && s.ports()[a.port].rd != rd)
            std::abort();
        if (a.size() > FrameBuffer::kCapacityBytes)
            std::abort();
        if (a.kind != ActionKind::Transmit || !a.copyTo(*wire))
            continue;
        const ParsedFrame pf = parseFrame(wire->data());
        if (!pf.isIpv4())
            continue;
        const auto owner = s.paOwner(IpKey::fromV4(pf.ipv4(wire->cdata()).dst()));
        if (owner == kNone)
            continue;
        PipelineContext rx = ctx;
        rx.host = owner >> 16;
        rx.nicDownMask = 0;
        fromProvider(rx, 0, *wire, out2);
        for (const auto &b : out2)
            if (b.kind == ActionKind::Deliver && s.ports()[b.port].rd != rd)
                std::abort();
    }
    return 0;
}
