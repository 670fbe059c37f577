// Frames from the provider network into a small fixed design's pipeline (pipeline_design.h).
// Byte 0 picks the receiving host and NIC; the rest is the frame. Invariants: a delivered
// frame belongs to the routing domain of its NVGRE VSID (or, for IP Rewrite, the port's own),
// and a delivery only follows an accepted NVGRE or Rewrite packet addressed to this host;
// fromProvider (the burst fast path) takes the same decisions as fromProviderGeneral.
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
    static ActionList out = ActionList::forSnapshot(s);
    const ConstBytes frame(data + 1, size - 1);
    if (!buf->assign(frame))
        return 0;
    // What the frame claims before the pipeline edits it.
    const ParsedFrame pf = parseFrame(frame);
    const NvgreInfo nv = parseNvgre(frame, pf);
    PipelineContext ctx;
    ctx.snapshot = &s;
    ctx.host = data[0] % s.hosts().size();
    const auto nic = static_cast<std::uint16_t>((data[0] >> 4) % s.hosts()[ctx.host].nics.size());
    fromProvider(ctx, nic, *buf, out);
    {
        static auto one = std::make_unique<FrameBuffer>();
        static ActionList burstOut = ActionList::forSnapshot(s);
        if (!one->assign(frame))
            std::abort();
        fromProviderGeneral(ctx, nic, *one, burstOut);
        if (!fuzzdesign::sameActions(out, burstOut))
            std::abort();
    }
    for (const auto &a : out) {
        if (a.kind != ActionKind::Deliver)
            continue;
        const auto &p = s.ports()[a.port];
        if (p.host != ctx.host)
            std::abort();
        if (nv.ok()) {
            const auto vi = s.vsidIndex(nv.vsid);
            if (vi == kNone || s.vsids()[vi].rd != p.rd)
                std::abort();
        } else if (!pf.isIpv4() || !p.rewrite) {
            std::abort();
        }
    }
    return 0;
}
