// `netvirt trace` (CLI.md): builds one synthetic packet from a vNIC — an ICMP echo request, a
// UDP datagram or a TCP SYN of 64 bytes of IP with TTL 64 — and runs it through the real
// forwarding pipeline on every host it crosses (ingress host → provider network → receiving
// host), recording each decision as a numbered step. Printers give CLI.md's text and JSON.
// Thread-safety: pure functions over a const Design.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/result.h>

namespace netvirt::emulator::trace {

enum class Proto : std::uint8_t { Icmp = 1, Udp, Tcp };
std::optional<Proto> parseProto(std::string_view text); // "icmp" | "udp" | "tcp"
std::string_view protoName(Proto proto);

struct TraceStep {
    int number = 0;
    std::string host;    // host id
    std::string stage;   // ingress, lookup, route, encap, decap, rewrite, deliver, drop, ...
    std::string detail;
};

struct TraceResult {
    std::string from;    // the vNIC id
    std::string to;
    Proto proto = Proto::Icmp;
    std::uint16_t dport = 80;
    std::vector<TraceStep> steps;
    bool delivered = false;
    std::string reason;  // FORWARDING.md drop reason when !delivered

    int exitCode() const { return delivered ? 0 : 1; }
};

// Errors (exit 2 in the CLI): `from` names no VM or vNIC, the VM has no vNIC, `to` is not an
// address, or the vNIC has no customer address to send from.
core::Result<TraceResult> runTrace(const core::Design &design, std::string_view from, std::string_view to,
                                   Proto proto = Proto::Icmp, std::uint16_t dport = 80);

// "1 host-a  ingress   port vm-red-web1/nic0 vsid 5001 ca 10.1.1.7" … then "delivered" or
// "dropped: REASON", each line ending in a newline.
std::string printTraceText(const TraceResult &result);
// {"from", "to", "proto", "dport"?, "steps": [{"step", "host", "stage", "detail"}],
//  "result": "delivered" | "dropped", "reason"?}
std::string printTraceJson(const TraceResult &result);

} // namespace netvirt::emulator::trace
