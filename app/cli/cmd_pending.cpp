// Commands whose module is still being integrated in this build.
#include "cli.h"

#include <ostream>

namespace netvirt::cli {
namespace {
int notYet(std::ostream &err, const char *cmd)
{
    err << "netvirt " << cmd << ": not available in this build yet\n";
    return kExitUsage;
}
} // namespace
int runEmulate(const ParsedArgs &, std::ostream &, std::ostream &err) { return notYet(err, "emulate"); }
int runCtl(const ParsedArgs &, std::ostream &, std::ostream &err) { return notYet(err, "ctl"); }
int runReplay(const ParsedArgs &, std::ostream &, std::ostream &err) { return notYet(err, "replay"); }
int runExport(const ParsedArgs &, std::ostream &, std::ostream &err) { return notYet(err, "export"); }
int runReport(const ParsedArgs &, std::ostream &, std::ostream &err) { return notYet(err, "report"); }
} // namespace netvirt::cli
