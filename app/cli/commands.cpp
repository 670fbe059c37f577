// The subcommand table: synopsis, help and options of every `netvirt` command (CLI.md).
#include "cli.h"

namespace netvirt::cli {

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
        {"validate", "netvirt validate FILE [--format text|json|sarif] [--what-if migrate VM HOST]",
         "check a design against the rule catalog (the green arrows)",
         "Prints one line per violation, `severity RULE id[,id…]: message`, errors first, then a\n"
         "summary line. --format json prints the violations with their relationship path and fix;\n"
         "--format sarif prints SARIF 2.1.0 for code-review tools. --what-if migrate VM HOST adds\n"
         "one NV400 per rule that moving VM to HOST would break there.\n"
         "Exit status: 1 when there is any error, 0 otherwise, 2 when FILE cannot be read.\n",
         {{"--format", 1, {"text", "json", "sarif"}}, {"--what-if", 3, {}}}, 1, 1, runValidate},
        {"diff", "netvirt diff OLD NEW [--format text|json]",
         "changed entities between two designs, plus NV157 and new violations",
         "Lists added, removed and changed entities (with the changed fields), the violations that\n"
         "NEW introduces or resolves, and NV157 for a logical switch changed while in use.\n"
         "Exit status: 1 when NEW brings a new error (NV157 included), 0 otherwise.\n",
         {{"--format", 1, {"text", "json"}}}, 2, 2, runDiff},
        {"convert", "netvirt convert IN OUT", "convert between .json and .netvirt (zstd)",
         "The output format follows OUT's name: .json writes plain JSON, anything else (.netvirt)\n"
         "zstd-compressed JSON. The input format is recognised by its content.\n",
         {}, 2, 2, runConvert},
        {"allocate", "netvirt allocate FILE [-o OUT]", "fill in PAs, CAs and MACs from pools (IPAM)",
         "Allocates provider addresses for hosts without them, addresses for pool and DHCP vNICs and\n"
         "MACs for vNICs without one, deterministically, and writes the design to OUT (default: FILE,\n"
         "atomically). Exit status 1 when a pool is exhausted (the pool is named).\n",
         {{"-o", 1, {}}}, 1, 1, runAllocate},
        {"policy", "netvirt policy FILE [--format json|powershell]", "print the compiled HNV policy",
         "JSON: provider addresses, lookup records and customer routes. PowerShell: the SCVMM fabric\n"
         "cmdlets for the design's objects and the New-NetVirtualization* lines per host.\n",
         {{"--format", 1, {"json", "powershell"}}}, 1, 1, runPolicy},
        {"trace", "netvirt trace FILE --from VM|VNIC --to ADDRESS [--proto icmp|udp|tcp] [--dport N] [--format text|json]",
         "follow one synthetic packet through the forwarding pipeline",
         "Runs an ICMP echo (or a UDP/TCP SYN to --dport, default 80) from the vNIC through every host\n"
         "it crosses and prints each decision. Ends with `delivered` (exit 0) or `dropped: REASON`\n"
         "(exit 1).\n",
         {{"--from", 1, {}}, {"--to", 1, {}}, {"--proto", 1, {"icmp", "udp", "tcp"}}, {"--dport", 1, {}},
          {"--format", 1, {"text", "json"}}},
         1, 1, runTrace},
        {"export", "netvirt export FILE (--svg|--png|--pdf) OUT [--highlight ID]",
         "export the diagram as SVG, PNG or PDF",
         "Draws the design's diagram without a display. --highlight ID draws that entity's chain in\n"
         "green and red as the designer does.\n",
         {{"--svg", 1, {}}, {"--png", 1, {}}, {"--pdf", 1, {}}, {"--highlight", 1, {}}}, 1, 1, runExport},
        {"report", "netvirt report FILE -o REVIEW.pdf", "write the design-review report (PDF)",
         "A title page with the validation status, the diagram, one table per entity kind and every\n"
         "violation with its rule, message and fix.\n",
         {{"-o", 1, {}}}, 1, 1, runReport},
        {"emulate",
         "netvirt emulate FILE [--attach endpoint|namespace|tap] [--underlay memory|tap] [--threads N] "
         "[--capture DIR] [--duration SECONDS] [--hosts HOSTGROUP] [--underlay-mtu N] [--control SOCKET] "
         "[--stats-interval MS] [--format text|json]",
         "run the design live on emulated Hyper-V hosts",
         "Prints one line per attachment and then `ready`; runs until Ctrl-C, --duration or\n"
         "`netvirt ctl SOCKET stop`, and removes every device and namespace it created.\n",
         {{"--attach", 1, {"endpoint", "namespace", "tap"}}, {"--underlay", 1, {"memory", "tap"}},
          {"--threads", 1, {}}, {"--capture", 1, {}}, {"--duration", 1, {}}, {"--hosts", 1, {}},
          {"--underlay-mtu", 1, {}}, {"--control", 1, {}}, {"--stats-interval", 1, {}},
          {"--format", 1, {"text", "json"}}},
         1, 1, runEmulate},
        {"ctl", "netvirt ctl SOCKET (stats | migrate VM HOST | link HOST NIC up|down | capture start|stop PORT | stop)",
         "control a running emulator", "Sends one command to `netvirt emulate --control SOCKET`.\n", {}, 2, 5,
         runCtl},
        {"replay", "netvirt replay FILE CAPTURE.pcap[.zst] --port ID", "push a capture through the pipeline",
         "Feeds every frame of the capture into the pipeline as if it arrived on port ID (a vNIC or a\n"
         "physical NIC) and prints the decision for each.\n",
         {{"--port", 1, {}}}, 2, 2, runReplay},
        {"generate", "netvirt generate --hosts N --vms M [--tenants T] [--seed S] -o FILE",
         "write a valid synthetic design of any size",
         "Host groups, sites, pools, switches and T tenants (default: one per hundred VMs) with overlapping customer\n"
         "addresses; the same options and seed give the same design.\n",
         {{"--hosts", 1, {}}, {"--vms", 1, {}}, {"--tenants", 1, {}}, {"--seed", 1, {}}, {"-o", 1, {}}}, 0, 0,
         runGenerate},
    };
    return table;
}

} // namespace netvirt::cli
