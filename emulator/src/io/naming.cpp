#include <netvirt/emulator/io/naming.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_set>
#include <vector>

namespace netvirt::emulator::io {

std::string tapNameFor(std::string_view id)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : id) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "nvt%012llx", static_cast<unsigned long long>(h & 0xFFFFFFFFFFFFull));
    return buf;
}

std::string namespaceBaseName(std::string_view vmName)
{
    std::string out = "nv-";
    for (char c : vmName) {
        char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-';
        out.push_back(ok ? l : '-');
    }
    if (out.size() > 40)
        out.resize(40);
    return out;
}

std::unordered_map<core::Id, std::string> namespaceNames(const core::Design &design)
{
    std::vector<const core::Vm *> vms;
    for (const auto &vm : design.vms)
        vms.push_back(&vm);
    std::sort(vms.begin(), vms.end(), [](const core::Vm *a, const core::Vm *b) { return a->id < b->id; });

    std::unordered_map<core::Id, std::string> names;
    std::unordered_set<std::string> taken;
    for (const core::Vm *vm : vms) {
        const std::string base = namespaceBaseName(vm->name);
        for (std::size_t i = 0; i < vm->nics.size(); ++i) {
            std::string wanted = i == 0 ? base : base + "-" + std::to_string(i);
            std::string name = wanted;
            for (int n = 2; taken.count(name); ++n)
                name = wanted + "~" + std::to_string(n);
            taken.insert(name);
            names.emplace(vm->nics[i].id, std::move(name));
        }
    }
    return names;
}

} // namespace netvirt::emulator::io
