// VmEndpoint: the built-in VM behind a vNIC port when no TAP or namespace is attached (needs
// no privileges). It answers ARP and ping for its CA, resolves its peers by ARP, sinks UDP,
// and generates ping and UDP flows at a set rate (0 = as fast as the worker takes them). With
// an IPv6 CA it also answers neighbour solicitations and ICMPv6 echo, and pings IPv6 peers
// after resolving them by neighbour discovery.
// Thread-safety: the PortBackend calls run on the owning worker; startPing/startUdpFlow/
// stopTraffic may be called from any thread (they post to the worker); stats() from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include <netvirt/emulator/io/port_backend.h>
#include <netvirt/emulator/packet/bytes.h>
#include <netvirt/emulator/packet/ethernet.h>

namespace netvirt::emulator::io {

struct EndpointConfig {
    packet::MacAddr mac;
    packet::Ipv4Addr ip = 0;
    int prefixLength = 24;
    packet::Ipv4Addr gateway = 0;   // 0: none (off-link traffic is not sent)
    std::uint32_t mtuBytes = 1500;
    std::optional<packet::Ipv6Addr> ip6;        // an IPv6 CA
    int prefixLength6 = 64;
    std::optional<packet::Ipv6Addr> gateway6;   // none: off-link IPv6 traffic is not sent
};

struct EndpointStats {
    std::uint64_t echoRequestsAnswered = 0;
    std::uint64_t arpAnswered = 0;
    std::uint64_t ndAnswered = 0;        // neighbour solicitations for the IPv6 CA
    std::uint64_t pingsSent = 0;
    std::uint64_t pingRepliesReceived = 0;
    std::uint64_t udpSent = 0;
    std::uint64_t udpReceived = 0;
    std::uint64_t udpBytesReceived = 0;
    std::uint64_t unresolved = 0;        // not sent: the next hop's MAC was not known yet
    std::uint64_t icmpErrorsReceived = 0; // time exceeded, fragmentation needed...
    std::uint16_t lastFragNeededMtu = 0;
    std::uint8_t lastReplyTtl = 0;
};

struct FlowSpec {
    packet::Ipv4Addr target = 0;
    std::optional<packet::Ipv6Addr> target6;   // set: an ICMPv6 ping to it (ping flows only)
    double ratePps = 10;            // 0: as fast as possible
    std::uint64_t count = 0;        // 0: until stopped
    std::size_t payloadBytes = 56;  // ICMP echo data or UDP payload
    std::uint16_t udpPort = 9;      // UDP flows only
    bool dontFragment = true;
};

class VmEndpoint final : public PortBackend {
public:
    explicit VmEndpoint(EndpointConfig config);
    ~VmEndpoint() override;

    const EndpointConfig &config() const { return m_config; }

    void startPing(const FlowSpec &flow);
    void startUdpFlow(const FlowSpec &flow);
    void stopTraffic();
    EndpointStats stats() const;

    // PortBackend
    void start(PortContext &context, PortIndex self) override;
    bool transmit(packet::ConstBytes frame) override;
    void stop() override;
    std::string describe() const override { return "endpoint"; }

private:
    enum class FlowKind : std::uint8_t { Ping = 1, Udp };
    struct Flow {
        FlowKind kind = FlowKind::Ping;
        FlowSpec spec;
        std::uint64_t sent = 0;
        std::chrono::steady_clock::time_point started;
    };
    struct Stat {
        std::atomic<std::uint64_t> echoRequestsAnswered{0}, arpAnswered{0}, ndAnswered{0}, pingsSent{0}, pingRepliesReceived{0},
            udpSent{0}, udpReceived{0}, udpBytesReceived{0}, unresolved{0}, icmpErrorsReceived{0};
        std::atomic<std::uint16_t> lastFragNeededMtu{0};
        std::atomic<std::uint8_t> lastReplyTtl{0};
    };

    void post(std::function<void()> fn);
    void startFlow(FlowKind kind, const FlowSpec &flow);
    void tick();
    void scheduleTick();
    bool sendToPeer(packet::Ipv4Addr target, FlowKind kind, const FlowSpec &spec, std::uint16_t seq);
    std::optional<packet::MacAddr> resolve(packet::Ipv4Addr nextHop);
    void sendArpRequest(packet::Ipv4Addr target);
    bool sendPing6(const packet::Ipv6Addr &target, const FlowSpec &spec, std::uint16_t seq);
    std::optional<packet::MacAddr> resolve6(const packet::Ipv6Addr &target);
    bool receiveIpv6(const packet::EthernetView &eth);
    void learn6(const packet::Ipv6Addr &ip, const packet::MacAddr &mac);
    void sendFrame(packet::ConstBytes frame);

    const EndpointConfig m_config;
    PortContext *m_context = nullptr;   // worker thread only, from here on
    PortIndex m_port = 0;
    std::unique_ptr<boost::asio::steady_timer> m_timer;
    std::vector<std::pair<packet::Ipv4Addr, packet::MacAddr>> m_neighbours;
    std::vector<std::pair<packet::Ipv4Addr, std::chrono::steady_clock::time_point>> m_arpPending;
    std::vector<std::pair<packet::Ipv6Addr, packet::MacAddr>> m_neighbours6;
    std::vector<std::pair<packet::Ipv6Addr, std::chrono::steady_clock::time_point>> m_ndPending;
    std::vector<Flow> m_flows;
    bool m_ticking = false;
    std::uint16_t m_ipId = 1;
    std::uint16_t m_echoId = 0x4e56;   // "NV"
    Stat m_stat;
    mutable std::mutex m_postMutex;
    boost::asio::io_context *m_io = nullptr;             // guarded by m_postMutex
    std::vector<std::function<void()>> m_beforeStart;    // guarded by m_postMutex
};

} // namespace netvirt::emulator::io
