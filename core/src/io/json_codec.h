// Internal: the JSON codec of every FORMAT.md entity, shared by design_io.cpp and the edit
// operations (edit.cpp). Decoders throw SchemaFailure internally; the public entry points
// catch it and turn it into an Error, so nothing throws across the API.
// Thread-safety: pure functions over values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/result.h>

namespace netvirt::core::io::detail {

// A JSON path as a linked list of stack nodes: cheap to extend, rendered only on error.
struct PathNode {
    const PathNode *parent = nullptr;
    std::string_view key;      // object key (empty for an array index)
    std::size_t index = 0;     // array index when isIndex
    bool isIndex = false;
    bool quoted = false;       // a data-dependent key (an id in layout.nodes): ["..."]
    std::string_view root;     // only on the root node: a prefix such as "hosts[2]"
};

std::string renderPath(const PathNode &node);

struct SchemaFailure {
    ErrorCode code = ErrorCode::Schema;
    std::string message; // "path: what", without the source
};

[[noreturn]] void fail(const PathNode &at, std::string_view what, ErrorCode code = ErrorCode::Schema);

void decode(const Json &j, const PathNode &p, HostGroup &out);
void decode(const Json &j, const PathNode &p, LogicalNetwork &out);
void decode(const Json &j, const PathNode &p, Site &out);
void decode(const Json &j, const PathNode &p, IpPool &out);
void decode(const Json &j, const PathNode &p, MacPool &out);
void decode(const Json &j, const PathNode &p, UplinkPortProfile &out);
void decode(const Json &j, const PathNode &p, VnicPortProfile &out);
void decode(const Json &j, const PathNode &p, PortClassification &out);
void decode(const Json &j, const PathNode &p, LogicalSwitch &out);
void decode(const Json &j, const PathNode &p, PhysicalNic &out);
void decode(const Json &j, const PathNode &p, HostVnic &out);
void decode(const Json &j, const PathNode &p, Host &out);
void decode(const Json &j, const PathNode &p, VmSubnet &out);
void decode(const Json &j, const PathNode &p, VmNetwork &out);
void decode(const Json &j, const PathNode &p, VmNic &out);
void decode(const Json &j, const PathNode &p, Vm &out);
void decode(const Json &j, const PathNode &p, Gateway &out);
void decode(const Json &j, const PathNode &p, Layout &out);
// The whole design; checks format and version first.
void decode(const Json &j, const PathNode &p, Design &out);

Json encode(const HostGroup &e);
Json encode(const LogicalNetwork &e);
Json encode(const Site &e);
Json encode(const IpPool &e);
Json encode(const MacPool &e);
Json encode(const UplinkPortProfile &e);
Json encode(const VnicPortProfile &e);
Json encode(const PortClassification &e);
Json encode(const LogicalSwitch &e);
Json encode(const PhysicalNic &e);
Json encode(const HostVnic &e);
Json encode(const Host &e);
Json encode(const VmSubnet &e);
Json encode(const VmNetwork &e);
Json encode(const VmNic &e);
Json encode(const Vm &e);
Json encode(const Gateway &e);
Json encode(const Layout &e);
Json encode(const Design &d);

// The JSON path of an entity in the file ("hosts[2].switches[0].hostVnics[1]").
std::string entityPath(const Design &d, const EntityRef &ref);

} // namespace netvirt::core::io::detail
