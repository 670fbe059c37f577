#!/usr/bin/env python3
"""Writes the rule test designs of tests/data/rules/: one small valid base design and, for every
rule of RULES.md, passing and failing variants. Each file carries its expectation under the
unknown top-level key "expect" (kept by the loader): the exact list of (rule, entities) that
`validate` must report. "expectWhatIf" (with "whatIf": {vm, host}) holds the NV400 results of
a what-if migration, "expectDiff" (with "previous": the old design) the NV157 results of a diff.
Run it from anywhere: python3 tests/data/rules/make_cases.py
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def base():
    def host(hid, name, pa, vnic_ip, vnic_mac):
        return {
            "id": hid, "name": name, "hostGroup": "hg-milan",
            "physicalNics": [
                {"id": hid + "/nic1", "name": "NIC1", "mtu": 1542},
                {"id": hid + "/nic2", "name": "NIC2", "mtu": 1542},
                {"id": hid + "/nic3", "name": "NIC3"},
            ],
            "switches": [
                {"logicalSwitch": "ls-prod",
                 "adapters": [{"nic": hid + "/nic1", "uplinkProfile": "up-prod"},
                              {"nic": hid + "/nic2", "uplinkProfile": "up-prod"}]},
                {"logicalSwitch": "ls-mgmt",
                 "adapters": [{"nic": hid + "/nic3", "uplinkProfile": "up-mgmt"}],
                 "hostVnics": [{"id": hid + "/mgmt", "name": "Management", "vmNetwork": "vmn-mgmt",
                                "classification": "pc-host-mgmt", "ipMode": "Static", "ip": vnic_ip,
                                "mac": vnic_mac}]},
            ],
            "providerAddresses": [pa],
        }

    def vm(vid, name, hid, vmn, sub, ip, mac):
        return {"id": vid, "name": name, "host": hid, "provisioning": "Template",
                "nics": [{"id": vid + "/nic0", "vmNetwork": vmn, "vmSubnet": sub, "logicalSwitch": "ls-prod",
                          "classification": "pc-high", "mac": mac, "ipMode": "Static", "ip": ip}]}

    return {
        "format": "netvirt-design", "version": 1, "name": "rules base",
        "hostGroups": [{"id": "hg-root", "name": "All Hosts"},
                       {"id": "hg-milan", "name": "Milan", "parent": "hg-root"}],
        "logicalNetworks": [{"id": "ln-prod", "name": "Production", "networkVirtualization": True},
                            {"id": "ln-mgmt", "name": "Management", "networkVirtualization": False}],
        "sites": [{"id": "site-milan-prod", "name": "Milan Production", "logicalNetwork": "ln-prod",
                   "hostGroups": ["hg-milan"], "subnets": [{"prefix": "192.168.1.0/24", "vlan": 10}]},
                  {"id": "site-milan-mgmt", "name": "Milan Management", "logicalNetwork": "ln-mgmt",
                   "hostGroups": ["hg-root"], "subnets": [{"prefix": "172.16.0.0/24", "vlan": 20}]}],
        "ipPools": [
            {"id": "pool-pa", "name": "PA pool", "site": "site-milan-prod", "subnet": "192.168.1.0/24",
             "start": "192.168.1.10", "end": "192.168.1.50", "gateway": "192.168.1.1"},
            {"id": "pool-mgmt", "name": "Management pool", "site": "site-milan-mgmt", "subnet": "172.16.0.0/24",
             "start": "172.16.0.10", "end": "172.16.0.50", "gateway": "172.16.0.1"},
            {"id": "pool-red", "name": "Red web pool", "vmSubnet": "vms-red-web",
             "start": "10.1.1.2", "end": "10.1.1.200", "gateway": "10.1.1.1"},
            {"id": "pool-blue", "name": "Blue web pool", "vmSubnet": "vms-blue-web",
             "start": "10.1.1.2", "end": "10.1.1.200", "gateway": "10.1.1.1"},
        ],
        "macPools": [{"id": "mac-default", "name": "Default MAC pool", "start": "00:1D:D8:B7:1C:00",
                      "end": "00:1D:D8:B7:1F:FF", "hostGroups": ["hg-root"]}],
        "uplinkPortProfiles": [
            {"id": "up-prod", "name": "Production uplink", "sites": ["site-milan-prod"], "networkVirtualization": True,
             "teaming": {"mode": "SwitchIndependent", "loadBalancing": "HyperVPort"}},
            {"id": "up-mgmt", "name": "Management uplink", "sites": ["site-milan-mgmt"], "networkVirtualization": False,
             "teaming": {"mode": "SwitchIndependent", "loadBalancing": "HyperVPort"}},
        ],
        "vnicPortProfiles": [{"id": "vpp-high", "name": "High bandwidth", "bandwidth": {"minimumWeight": 50}},
                             {"id": "vpp-mgmt", "name": "Host management", "bandwidth": {"minimumWeight": 10}}],
        "portClassifications": [{"id": "pc-high", "name": "High bandwidth"},
                                {"id": "pc-host-mgmt", "name": "Host management"}],
        "logicalSwitches": [
            {"id": "ls-prod", "name": "Production switch", "uplinkMode": "Team", "bandwidthMode": "Weight",
             "extensions": [], "uplinkProfiles": ["up-prod"],
             "virtualPorts": [{"classification": "pc-high", "vnicProfile": "vpp-high", "default": True}]},
            {"id": "ls-mgmt", "name": "Management switch", "uplinkMode": "NoTeam", "bandwidthMode": "Weight",
             "extensions": [], "uplinkProfiles": ["up-mgmt"],
             "virtualPorts": [{"classification": "pc-host-mgmt", "vnicProfile": "vpp-mgmt"}]},
        ],
        "hosts": [host("host-a", "HV01", "192.168.1.10", "172.16.0.11", "00:1D:D8:B7:1E:01"),
                  host("host-b", "HV02", "192.168.1.11", "172.16.0.12", "00:1D:D8:B7:1E:02")],
        "vmNetworks": [
            {"id": "vmn-red", "name": "Red", "logicalNetwork": "ln-prod", "isolation": "NetworkVirtualization",
             "subnets": [{"id": "vms-red-web", "name": "Red web", "prefix": "10.1.1.0/24", "vsid": 5001}]},
            {"id": "vmn-blue", "name": "Blue", "logicalNetwork": "ln-prod", "isolation": "NetworkVirtualization",
             "subnets": [{"id": "vms-blue-web", "name": "Blue web", "prefix": "10.1.1.0/24", "vsid": 6001}]},
            {"id": "vmn-mgmt", "name": "Management", "logicalNetwork": "ln-mgmt", "isolation": "None"},
        ],
        "vms": [vm("vm-red-web1", "RED-WEB1", "host-a", "vmn-red", "vms-red-web", "10.1.1.7", "00:1D:D8:B7:1C:01"),
                vm("vm-red-web2", "RED-WEB2", "host-b", "vmn-red", "vms-red-web", "10.1.1.8", "00:1D:D8:B7:1C:02"),
                vm("vm-blue-web1", "BLUE-WEB1", "host-a", "vmn-blue", "vms-blue-web", "10.1.1.7", "00:1D:D8:B7:1C:03")],
        "gateways": [{"id": "gw-red", "name": "Red gateway", "vmNetwork": "vmn-red", "vmSubnet": "vms-red-web",
                      "address": "10.1.1.254", "host": "host-b", "externalPrefix": "0.0.0.0/0", "mode": "Forward"}],
    }


def find(d, eid):
    for arr in ("hostGroups", "logicalNetworks", "sites", "ipPools", "macPools", "uplinkPortProfiles",
                "vnicPortProfiles", "portClassifications", "logicalSwitches", "hosts", "vmNetworks", "vms",
                "gateways"):
        for e in d.get(arr, []):
            if e["id"] == eid:
                return e
            for child in ("physicalNics", "subnets", "nics"):
                for c in e.get(child, []):
                    if c.get("id") == eid:
                        return c
            for s in e.get("switches", []):
                for v in s.get("hostVnics", []):
                    if v["id"] == eid:
                        return v
    raise KeyError(eid)


def switch_of(d, hid, ls):
    for s in find(d, hid)["switches"]:
        if s["logicalSwitch"] == ls:
            return s
    raise KeyError(ls)


def E(rule, *entities, **extra):
    r = {"rule": rule, "entities": list(entities)}
    r.update(extra)
    return r


CASES = {}


def case(name, expect, what=None, **extra):
    def deco(fn):
        d = base()
        fn(d)
        d["expect"] = expect
        if what:
            d["description"] = what
        d.update(extra)
        CASES[name] = d
        return fn
    return deco


def nop(d):
    pass


RED1 = "vm-red-web1/nic0"
RED2 = "vm-red-web2/nic0"
BLUE1 = "vm-blue-web1/nic0"

case("base", [], "the valid base design")(nop)

# NV101
@case("nv101-fail-vnic", [E("NV101", RED1)], "a vNIC names an unknown VM network: NV101 only, not NV200/NV202")
def _(d):
    find(d, RED1)["vmNetwork"] = "vmn-x"

@case("nv101-fail-kind", [E("NV101", "vm-blue-web1")], "a VM's host names a site: wrong kind")
def _(d):
    find(d, "vm-blue-web1")["host"] = "site-milan-prod"

@case("nv101-fail-site", [E("NV101", "site-milan-prod")], "a site scoped to an unknown host group: the walk is silent")
def _(d):
    find(d, "site-milan-prod")["hostGroups"] = ["hg-x"]

case("nv101-pass", [], "every reference resolves")(nop)

# NV102
@case("nv102-fail-vm", [E("NV102", "vm-blue-web1", "vm-red-web1")], "two VMs named alike, case-insensitively")
def _(d):
    find(d, "vm-blue-web1")["name"] = "red-web1"

@case("nv102-fail-nic", [E("NV102", "host-a/nic1", "host-a/nic2")], "two NICs of one host named alike")
def _(d):
    find(d, "host-a/nic2")["name"] = "nic1"

@case("nv102-pass", [], "NIC1 on two hosts is fine")
def _(d):
    assert find(d, "host-b/nic1")["name"] == find(d, "host-a/nic1")["name"]

# NV103
@case("nv103-fail-site", [E("NV103", "site-rome-prod"), E("NV103", "pc-unused")], "a site no uplink lists, a classification no port names")
def _(d):
    d["sites"].append({"id": "site-rome-prod", "name": "Rome Production", "logicalNetwork": "ln-prod",
                       "hostGroups": ["hg-milan"], "subnets": [{"prefix": "192.168.2.0/24", "vlan": 10}]})
    d["portClassifications"].append({"id": "pc-unused", "name": "Unused"})

@case("nv103-fail-pool", [E("NV103", "pool-red2")], "an IP pool whose range holds no used address")
def _(d):
    d["ipPools"].append({"id": "pool-red2", "name": "Red web pool 2", "vmSubnet": "vms-red-web",
                         "start": "10.1.1.201", "end": "10.1.1.210"})

@case("nv103-fail-switch", [E("NV103", "ls-spare")], "a logical switch deployed on no host")
def _(d):
    d["logicalSwitches"].append({"id": "ls-spare", "name": "Spare", "uplinkMode": "NoTeam", "extensions": [],
                                 "uplinkProfiles": ["up-prod"], "virtualPorts": []})

case("nv103-pass", [], "everything is used")(nop)

# NV104
@case("nv104-fail", [E("NV104", "hg-milan", "hg-root")], "the host group tree has a cycle")
def _(d):
    find(d, "hg-root")["parent"] = "hg-milan"

case("nv104-pass", [], "a tree")(nop)

# NV110
@case("nv110-fail-vlan", [E("NV110", "site-milan-mgmt")], "VLAN outside 0-4094")
def _(d):
    find(d, "site-milan-mgmt")["subnets"][0]["vlan"] = 5000

@case("nv110-fail-hostbits", [E("NV110", "site-milan-mgmt")], "a prefix with host bits set")
def _(d):
    find(d, "site-milan-mgmt")["subnets"][0]["prefix"] = "172.16.0.1/24"

@case("nv110-pass", [], "VLAN 4094 and 0 are valid")
def _(d):
    find(d, "site-milan-mgmt")["subnets"][0]["vlan"] = 4094
    find(d, "site-milan-prod")["subnets"][0]["vlan"] = 0

# NV111
@case("nv111-fail", [E("NV111", "site-milan-mgmt", "site-milan-prod")], "intersecting subnets on one VLAN across logical networks")
def _(d):
    find(d, "site-milan-mgmt")["subnets"].append({"prefix": "192.168.1.128/25", "vlan": 10})

@case("nv111-pass", [], "the same prefix on another VLAN")
def _(d):
    find(d, "site-milan-mgmt")["subnets"].append({"prefix": "192.168.1.128/25", "vlan": 20})

# NV112
@case("nv112-fail", [E("NV112", "site-milan-prod2")], "a site scoped to no host group")
def _(d):
    d["sites"].append({"id": "site-milan-prod2", "name": "Milan Production 2", "logicalNetwork": "ln-prod",
                       "hostGroups": [], "subnets": [{"prefix": "192.168.3.0/24", "vlan": 10}]})
    find(d, "up-prod")["sites"].append("site-milan-prod2")

case("nv112-pass", [], "every site is scoped")(nop)

# NV120
@case("nv120-fail-leaves", [E("NV120", "pool-red")], "the range leaves the VM subnet")
def _(d):
    find(d, "pool-red")["end"] = "10.1.2.10"

@case("nv120-fail-subnet", [E("NV120", "pool-mgmt"), E("NV103", "pool-mgmt")],
      "the pool names a subnet its site does not have (so it holds no address of the design)")
def _(d):
    find(d, "pool-mgmt").update({"subnet": "172.16.9.0/24", "start": "172.16.9.10", "end": "172.16.9.50",
                                 "gateway": "172.16.9.1"})

@case("nv120-pass", [], "a one-address range")
def _(d):
    find(d, "pool-red")["start"] = "10.1.1.7"
    find(d, "pool-red")["end"] = "10.1.1.8"

# NV121
@case("nv121-fail", [E("NV121", "pool-red", "pool-red2")], "two pools of one VM subnet overlap")
def _(d):
    d["ipPools"].append({"id": "pool-red2", "name": "Red web pool 2", "vmSubnet": "vms-red-web",
                         "start": "10.1.1.150", "end": "10.1.1.250"})
    find(d, RED2)["ip"] = "10.1.1.160"

case("nv121-pass", [], "Red's and Blue's pools have the same numbers on different subnets")(nop)

# NV122
@case("nv122-fail-gateway", [E("NV122", "pool-red")], "the gateway is allocatable")
def _(d):
    find(d, "pool-red")["gateway"] = "10.1.1.5"

@case("nv122-fail-dns", [E("NV122", "pool-mgmt")], "a DNS server outside the subnet")
def _(d):
    find(d, "pool-mgmt")["dns"] = ["8.8.8.8"]

@case("nv122-pass", [], "a reserved gateway inside the range, DNS inside the subnet")
def _(d):
    find(d, "pool-red")["gateway"] = "10.1.1.5"
    find(d, "pool-red")["reserved"] = ["10.1.1.5", "10.1.1.100-10.1.1.110"]
    find(d, "pool-mgmt")["dns"] = ["172.16.0.2"]


def add_pool_vm(d, vid, name, mac):
    d["vms"].append({"id": vid, "name": name, "host": "host-a", "provisioning": "Template",
                     "nics": [{"id": vid + "/nic0", "vmNetwork": "vmn-red", "vmSubnet": "vms-red-web",
                               "logicalSwitch": "ls-prod", "classification": "pc-high", "mac": mac,
                               "ipMode": "Pool"}]})

# NV123
@case("nv123-fail", [E("NV123", "pool-red")], "a template VM needs an address from a full pool")
def _(d):
    find(d, "pool-red")["start"] = "10.1.1.7"
    find(d, "pool-red")["end"] = "10.1.1.8"
    add_pool_vm(d, "vm-red-web3", "RED-WEB3", "00:1D:D8:B7:1C:04")

@case("nv123-pass", [], "one address left for it")
def _(d):
    find(d, "pool-red")["start"] = "10.1.1.7"
    find(d, "pool-red")["end"] = "10.1.1.9"
    add_pool_vm(d, "vm-red-web3", "RED-WEB3", "00:1D:D8:B7:1C:04")

# NV124
@case("nv124-fail-vnic", [E("NV124", RED1)], "a customer address outside its VM subnet")
def _(d):
    find(d, RED1)["ip"] = "10.1.2.7"

@case("nv124-fail-pa", [E("NV124", "host-a")], "a provider address in no site subnet")
def _(d):
    find(d, "host-a")["providerAddresses"] = ["10.9.9.9"]

@case("nv124-fail-gateway", [E("NV124", "gw-red")], "a gateway address outside its VM subnet")
def _(d):
    find(d, "gw-red")["address"] = "10.1.2.254"

case("nv124-pass", [], "all addresses where they belong")(nop)

# NV125
@case("nv125-fail", [E("NV125", RED1, RED2)], "the same address twice in one VM network")
def _(d):
    find(d, RED2)["ip"] = "10.1.1.7"

@case("nv125-fail-pa", [E("NV125", "host-a", "host-b")], "two hosts with the same provider address")
def _(d):
    find(d, "host-b")["providerAddresses"] = ["192.168.1.10"]

case("nv125-pass", [], "Red 10.1.1.7 and Blue 10.1.1.7 coexist")(nop)

# NV126
@case("nv126-fail", [E("NV126", RED1)], "pool mode on a manually provisioned VM")
def _(d):
    find(d, "vm-red-web1")["provisioning"] = "Manual"
    find(d, RED1)["ipMode"] = "Pool"

@case("nv126-pass", [], "pool mode on a template VM")
def _(d):
    find(d, RED1)["ipMode"] = "Pool"

# NV130
@case("nv130-fail-overlap", [E("NV130", "mac-default", "mac-extra")], "two MAC pools overlap")
def _(d):
    d["macPools"].append({"id": "mac-extra", "name": "Extra", "start": "00:1D:D8:B7:1F:00",
                          "end": "00:1D:D8:B7:2F:FF", "hostGroups": ["hg-root"]})
    find(d, "host-b/mgmt")["mac"] = "00:1D:D8:B7:1F:02"

@case("nv130-fail-multicast", [E("NV130", "mac-mc"), E("NV103", "mac-mc")], "a multicast MAC range (and unused)")
def _(d):
    d["macPools"].append({"id": "mac-mc", "name": "Multicast", "start": "01:00:5E:00:00:00",
                          "end": "01:00:5E:00:00:FF", "hostGroups": ["hg-root"]})

@case("nv130-pass", [], "adjacent MAC pools")
def _(d):
    d["macPools"].append({"id": "mac-extra", "name": "Extra", "start": "00:1D:D8:B7:20:00",
                          "end": "00:1D:D8:B7:2F:FF", "hostGroups": ["hg-root"]})
    find(d, "host-b/mgmt")["mac"] = "00:1D:D8:B7:20:02"

# NV131
@case("nv131-fail", [E("NV131", "vm-blue-web1/nic0", RED1)], "two vNICs share a MAC")
def _(d):
    find(d, BLUE1)["mac"] = "00:1d:d8:b7:1c:01"

@case("nv131-fail-hostvnic", [E("NV131", "host-a/mgmt", RED1)], "a host vNIC and a VM vNIC share a MAC")
def _(d):
    find(d, "host-a/mgmt")["mac"] = "00:1D:D8:B7:1C:01"

case("nv131-pass", [], "distinct MACs")(nop)

# NV140
@case("nv140-fail", [E("NV140", "up-empty")], "an uplink port profile without sites")
def _(d):
    d["uplinkPortProfiles"].append({"id": "up-empty", "name": "Empty", "sites": [], "networkVirtualization": False})
    find(d, "ls-mgmt")["uplinkProfiles"].append("up-empty")

case("nv140-pass", [], "every uplink carries a site")(nop)

# NV141
@case("nv141-fail-duplicate", [E("NV141", "ls-prod", "pc-high")], "a switch offers one classification twice")
def _(d):
    find(d, "ls-prod")["virtualPorts"].append({"classification": "pc-high", "vnicProfile": "vpp-mgmt"})

@case("nv141-fail-profile", [E("NV141", "ls-mgmt", "pc-host-mgmt")], "a virtual port without a port profile")
def _(d):
    find(d, "ls-mgmt")["virtualPorts"][0]["vnicProfile"] = ""
    find(d, "ls-prod")["virtualPorts"].append({"classification": "pc-host-mgmt", "vnicProfile": "vpp-mgmt"})

@case("nv141-pass", [], "two switches may offer the same classification")
def _(d):
    find(d, "ls-mgmt")["virtualPorts"].append({"classification": "pc-high", "vnicProfile": "vpp-high"})

# NV142
@case("nv142-fail", [E("NV142", "ls-prod")], "weights sum to 101")
def _(d):
    find(d, "vpp-high")["bandwidth"]["minimumWeight"] = 101

@case("nv142-pass", [], "weights sum to exactly 100")
def _(d):
    find(d, "vpp-high")["bandwidth"]["minimumWeight"] = 90
    find(d, "ls-prod")["virtualPorts"].append({"classification": "pc-host-mgmt", "vnicProfile": "vpp-mgmt"})

# NV150
@case("nv150-fail", [E("NV150", "host-a/nic3")], "a NIC bound to two logical switches")
def _(d):
    find(d, "host-a/nic3")["mtu"] = 1542
    switch_of(d, "host-a", "ls-prod")["adapters"].append({"nic": "host-a/nic3", "uplinkProfile": "up-prod"})

case("nv150-pass", [], "1 NIC : 1 logical switch")(nop)

# NV151
@case("nv151-fail", [E("NV151", "host-a", "ls-mgmt")], "a NoTeam switch with two NICs")
def _(d):
    find(d, "host-a")["physicalNics"].append({"id": "host-a/nic4", "name": "NIC4"})
    switch_of(d, "host-a", "ls-mgmt")["adapters"].append({"nic": "host-a/nic4", "uplinkProfile": "up-mgmt"})

case("nv151-pass", [], "a Team switch with two NICs")(nop)

# NV152
@case("nv152-fail", [E("NV152", "host-a", "ls-prod")], "teamed NICs on different uplink port profiles")
def _(d):
    find(d, "ls-prod")["uplinkProfiles"].append("up-mgmt")
    switch_of(d, "host-a", "ls-prod")["adapters"][1]["uplinkProfile"] = "up-mgmt"

case("nv152-pass", [], "teamed NICs on one uplink port profile")(nop)

# NV153
@case("nv153-fail", [E("NV153", "host-a", "ls-mgmt", "up-prod"), E("NV205", "host-a/mgmt", "host-a", "ls-mgmt")],
      "a NIC bound with an uplink port profile the switch does not offer (the host vNIC then loses its site)")
def _(d):
    switch_of(d, "host-a", "ls-mgmt")["adapters"][0]["uplinkProfile"] = "up-prod"

case("nv153-pass", [], "offered uplink port profiles")(nop)

# NV154
@case("nv154-fail", [E("NV154", "host-b", "ls-mgmt"), E("NV205", "host-b/mgmt", "host-b", "ls-mgmt")],
      "a switch deployed with no physical NIC")
def _(d):
    switch_of(d, "host-b", "ls-mgmt")["adapters"] = []

case("nv154-pass", [], "every deployed switch has a NIC")(nop)

# NV155 (and NV200: switch not on host)
@case("nv155-fail", [E("NV155", RED2, "host-b", "ls-dmz"), E("NV200", RED2, "host-b", "ls-dmz")],
      "a vNIC names a switch not deployed on its host: NV155 and NV200")
def _(d):
    d["logicalSwitches"].append({"id": "ls-dmz", "name": "DMZ switch", "uplinkMode": "NoTeam", "extensions": [],
                                 "uplinkProfiles": ["up-prod"],
                                 "virtualPorts": [{"classification": "pc-high", "vnicProfile": "vpp-high"}]})
    find(d, "host-a")["physicalNics"].append({"id": "host-a/nic4", "name": "NIC4", "mtu": 1542})
    find(d, "host-a")["switches"].append({"logicalSwitch": "ls-dmz",
                                          "adapters": [{"nic": "host-a/nic4", "uplinkProfile": "up-prod"}]})
    find(d, RED2)["logicalSwitch"] = "ls-dmz"

case("nv155-pass", [], "switches deployed")(nop)

# NV156
@case("nv156-fail", [E("NV156", RED1, "ls-prod")], "a classification the switch does not offer")
def _(d):
    find(d, RED1)["classification"] = "pc-host-mgmt"

case("nv156-pass", [], "offered classifications")(nop)

# NV200
@case("nv200-fail-uplink", [E("NV200", RED1, "host-a", "ls-prod"), E("NV200", RED2, "host-b", "ls-prod"),
                            E("NV200", BLUE1, "host-a", "ls-prod"), E("NV308", "gw-red")],
      "no uplink port profile on the host carries a site of the logical network")
def _(d):
    d["uplinkPortProfiles"].append({"id": "up-spare", "name": "Spare uplink", "sites": ["site-milan-prod"],
                                    "networkVirtualization": True})
    find(d, "up-prod")["sites"] = ["site-milan-mgmt"]
    find(d, "ls-prod")["uplinkProfiles"].append("up-spare")

@case("nv200-fail-scope", [E("NV200", RED1, "host-a", "ls-prod"), E("NV200", RED2, "host-b", "ls-prod"),
                           E("NV200", BLUE1, "host-a", "ls-prod"), E("NV308", "gw-red")],
      "the site is carried but scoped to another host group")
def _(d):
    d["hostGroups"].append({"id": "hg-rome", "name": "Rome", "parent": "hg-root"})
    find(d, "site-milan-prod")["hostGroups"] = ["hg-rome"]

@case("nv200-pass", [], "scoped to an ancestor host group")
def _(d):
    find(d, "site-milan-prod")["hostGroups"] = ["hg-root"]

# NV201
@case("nv201-fail", [E("NV201", BLUE1), E("NV103", "pool-blue")], "a disconnected vNIC (Blue's pool then holds nothing)")
def _(d):
    n = find(d, BLUE1)
    del n["vmNetwork"]
    del n["vmSubnet"]

case("nv201-pass", [], "connected vNICs")(nop)

# NV202
@case("nv202-fail-other", [E("NV202", RED1)], "a VM subnet of another VM network")
def _(d):
    find(d, RED1)["vmSubnet"] = "vms-blue-web"

@case("nv202-fail-none", [E("NV202", RED1)], "no VM subnet on an isolated network")
def _(d):
    del find(d, RED1)["vmSubnet"]

case("nv202-pass", [], "VM subnets of the vNICs' networks")(nop)


def add_mgmt_vm(d, sub=None, ip="172.16.0.20"):
    nic = {"id": "vm-mgmt1/nic0", "vmNetwork": "vmn-mgmt", "logicalSwitch": "ls-mgmt",
           "classification": "pc-host-mgmt", "mac": "00:1D:D8:B7:1C:10", "ipMode": "Static", "ip": ip}
    if sub:
        nic["vmSubnet"] = sub
    d["vms"].append({"id": "vm-mgmt1", "name": "MGMT1", "host": "host-a", "provisioning": "Template", "nics": [nic]})

# NV203
@case("nv203-fail", [E("NV203", "vm-mgmt1/nic0"), E("NV206", "host-a/mgmt", "ls-mgmt")], "a VM subnet on a standard network")
def _(d):
    add_mgmt_vm(d, "vms-red-web")

@case("nv203-pass", [E("NV206", "host-a/mgmt", "ls-mgmt")], "no VM subnet on a standard network (NV206 is an info)")
def _(d):
    add_mgmt_vm(d)

# NV204
@case("nv204-fail", [E("NV204", "vm-empty")], "a VM without vNIC")
def _(d):
    d["vms"].append({"id": "vm-empty", "name": "EMPTY", "host": "host-a", "provisioning": "Manual", "nics": []})

case("nv204-pass", [], "every VM has a vNIC")(nop)

# NV205
@case("nv205-fail", [E("NV205", "host-a/mgmt", "host-a", "ls-mgmt")], "a host vNIC on a VM network its switch does not reach")
def _(d):
    d["vmNetworks"].append({"id": "vmn-prod-std", "name": "Production standard", "logicalNetwork": "ln-prod",
                            "isolation": "None"})
    find(d, "host-a/mgmt")["vmNetwork"] = "vmn-prod-std"

case("nv205-pass", [], "host vNICs reach their networks")(nop)

# NV206
@case("nv206-fail", [E("NV206", "host-a/mgmt", "ls-mgmt")], "a host vNIC shares its switch with a VM")
def _(d):
    add_mgmt_vm(d)

case("nv206-pass", [], "converged switch used by no VM")(nop)

# NV207
@case("nv207-fail-hostvnic", [E("NV207", "host-a/mgmt")], "a standard address in no reachable site subnet")
def _(d):
    find(d, "host-a/mgmt")["ip"] = "172.16.1.11"

@case("nv207-fail-vm", [E("NV207", "vm-mgmt1/nic0"), E("NV206", "host-a/mgmt", "ls-mgmt")], "a VM on a standard network with a foreign address")
def _(d):
    add_mgmt_vm(d, ip="10.9.9.9")

case("nv207-pass", [], "standard addresses inside reachable subnets")(nop)

# NV208
@case("nv208-fail", [E("NV208", "host-a/mgmt"), E("NV205", "host-a/mgmt", "host-a", "ls-mgmt")], "a host vNIC on an isolated network")
def _(d):
    find(d, "host-a/mgmt")["vmNetwork"] = "vmn-red"
    find(d, "host-a/mgmt")["ip"] = "10.1.1.50"

case("nv208-pass", [], "host vNICs on standard networks")(nop)

# NV300
@case("nv300-fail", [E("NV300", "vmn-blue"), E("NV300", "vmn-red")], "isolated networks on a logical network without HNV")
def _(d):
    find(d, "ln-prod")["networkVirtualization"] = False

case("nv300-pass", [], "HNV enabled")(nop)

# NV301
@case("nv301-fail-shared", [E("NV301", "vms-blue-web", "vms-red-web")], "two VM subnets share a VSID")
def _(d):
    find(d, "vms-blue-web")["vsid"] = 5001

@case("nv301-fail-range", [E("NV301", "vms-blue-web")], "a VSID below 4096")
def _(d):
    find(d, "vms-blue-web")["vsid"] = 100

@case("nv301-pass", [], "VSIDs at both ends of the range")
def _(d):
    find(d, "vms-blue-web")["vsid"] = 4096
    find(d, "vms-red-web")["vsid"] = 16777214

# NV302
@case("nv302-fail", [E("NV302", "vms-red-db", "vms-red-web")], "two VM subnets of one routing domain overlap")
def _(d):
    find(d, "vmn-red")["subnets"].append({"id": "vms-red-db", "name": "Red db", "prefix": "10.1.0.0/16", "vsid": 5002})

@case("nv302-pass", [], "adjacent VM subnets")
def _(d):
    find(d, "vmn-red")["subnets"].append({"id": "vms-red-db", "name": "Red db", "prefix": "10.1.2.0/24", "vsid": 5002})

# NV303
@case("nv303-fail", [E("NV303", "vms-blue-db", "site-milan-prod")], "a customer subnet inside the provider space")
def _(d):
    find(d, "vmn-blue")["subnets"].append({"id": "vms-blue-db", "name": "Blue db", "prefix": "192.168.1.0/26", "vsid": 6002})

@case("nv303-pass", [], "a customer subnet equal to a subnet of a logical network without HNV")
def _(d):
    find(d, "vmn-blue")["subnets"].append({"id": "vms-blue-db", "name": "Blue db", "prefix": "172.16.0.0/24", "vsid": 6002})

# NV304
@case("nv304-fail", [E("NV304", "host-a")], "no provider address given and none allocatable")
def _(d):
    del find(d, "host-a")["providerAddresses"]
    d["ipPools"] = [p for p in d["ipPools"] if p["id"] != "pool-pa"]

@case("nv304-pass", [], "the provider address is allocated from the PA pool")
def _(d):
    del find(d, "host-a")["providerAddresses"]

# NV305
@case("nv305-fail", [E("NV305", BLUE1), E("NV305", RED1), E("NV305", RED2)], "isolated vNICs through uplinks without HNV")
def _(d):
    find(d, "up-prod")["networkVirtualization"] = False

case("nv305-pass", [], "HNV on the uplink")(nop)

# NV306
@case("nv306-fail", [E("NV306", "vmn-red")], "IP Rewrite without provider addresses to spare")
def _(d):
    find(d, "vmn-red")["translation"] = "Rewrite"
    d["ipPools"] = [p for p in d["ipPools"] if p["id"] != "pool-pa"]

@case("nv306-pass", [], "IP Rewrite with a PA pool")
def _(d):
    find(d, "vmn-red")["translation"] = "Rewrite"

# NV307
@case("nv307-fail", [E("NV307", "host-a/nic1")], "an NVGRE NIC with MTU 1500")
def _(d):
    find(d, "host-a/nic1")["mtu"] = 1500

@case("nv307-pass", [], "MTU 1542 on NVGRE NICs, 1500 elsewhere")(nop)

# NV308
@case("nv308-fail-standard", [E("NV308", "gw-red")], "a gateway on a standard VM network")
def _(d):
    find(d, "gw-red")["vmNetwork"] = "vmn-mgmt"

@case("nv308-fail-prefix", [E("NV308", "gw-red", "gw-red2")], "two gateways of one routing domain, one external prefix")
def _(d):
    g = copy.deepcopy(find(d, "gw-red"))
    g.update({"id": "gw-red2", "name": "Red gateway 2", "address": "10.1.1.253", "host": "host-a"})
    d["gateways"].append(g)

@case("nv308-fail-host", [E("NV308", "gw-red")], "a gateway host that does not reach the VM network")
def _(d):
    d["hosts"].append({"id": "host-c", "name": "HV03", "hostGroup": "hg-milan",
                       "physicalNics": [{"id": "host-c/nic1", "name": "NIC1"}],
                       "switches": [{"logicalSwitch": "ls-mgmt",
                                     "adapters": [{"nic": "host-c/nic1", "uplinkProfile": "up-mgmt"}]}]})
    find(d, "gw-red")["host"] = "host-c"

case("nv308-pass", [], "a gateway on an isolated network its host reaches")(nop)


def add_host_c(d):
    d["hosts"].append({"id": "host-c", "name": "HV03", "hostGroup": "hg-milan",
                       "physicalNics": [{"id": "host-c/nic1", "name": "NIC1"}],
                       "switches": [{"logicalSwitch": "ls-mgmt",
                                     "adapters": [{"nic": "host-c/nic1", "uplinkProfile": "up-mgmt"}]}]})
    d["ipPools"] = [p for p in d["ipPools"] if p["id"] != "pool-pa"]

# NV400
@case("nv400-fail", [], "moving RED-WEB1 to a host without its switch or a provider address",
      whatIf={"vm": "vm-red-web1", "host": "host-c"},
      expectWhatIf=[E("NV400", "vm-red-web1", "host-c", brokenRule="NV155"),
                    E("NV400", "vm-red-web1", "host-c", brokenRule="NV200"),
                    E("NV400", "vm-red-web1", "host-c", brokenRule="NV304")])
def _(d):
    add_host_c(d)

@case("nv400-fail-nv207", [E("NV206", "host-a/mgmt", "ls-mgmt"), E("NV206", "host-b/mgmt", "ls-mgmt")],
      "moving a standard-network VM to a host where its address is in no reachable subnet",
      whatIf={"vm": "vm-mgmt1", "host": "host-b"},
      expectWhatIf=[E("NV400", "vm-mgmt1", "host-b", brokenRule="NV207")])
def _(d):
    add_mgmt_vm(d)
    d["sites"].append({"id": "site-b-mgmt", "name": "Host B management", "logicalNetwork": "ln-mgmt",
                       "hostGroups": ["hg-b"], "subnets": [{"prefix": "172.16.5.0/24", "vlan": 25}]})
    d["hostGroups"].append({"id": "hg-b", "name": "B", "parent": "hg-root"})
    d["uplinkPortProfiles"].append({"id": "up-mgmt-b", "name": "Management uplink B", "sites": ["site-b-mgmt"],
                                    "networkVirtualization": False})
    find(d, "ls-mgmt")["uplinkProfiles"].append("up-mgmt-b")
    find(d, "host-b")["hostGroup"] = "hg-b"
    switch_of(d, "host-b", "ls-mgmt")["adapters"][0]["uplinkProfile"] = "up-mgmt-b"
    find(d, "host-b/mgmt")["ip"] = "172.16.5.12"
    find(d, "site-milan-prod")["hostGroups"] = ["hg-milan", "hg-b"]
    d["vms"][-1]["nics"][0]["mac"] = "00:1D:D8:B7:1C:11"
    d["vms"].append({"id": "vm-mgmt2", "name": "MGMT2", "host": "host-b", "provisioning": "Template",
                     "nics": [{"id": "vm-mgmt2/nic0", "vmNetwork": "vmn-mgmt", "logicalSwitch": "ls-mgmt",
                               "classification": "pc-host-mgmt", "mac": "00:1D:D8:B7:1C:12", "ipMode": "Static",
                               "ip": "172.16.5.20"}]})

@case("nv400-pass", [], "moving RED-WEB1 to a host that reaches Red",
      whatIf={"vm": "vm-red-web1", "host": "host-b"}, expectWhatIf=[])
def _(d):
    pass

# NV157
@case("nv157-fail", [], "changing the extensions of a logical switch in use",
      previous=base(), expectDiff=[E("NV157", "ls-prod")])
def _(d):
    find(d, "ls-prod")["extensions"] = ["Microsoft Windows Filtering Platform"]

@case("nv157-fail-uplinks", [], "changing the uplink profiles of a logical switch in use",
      previous=base(), expectDiff=[E("NV157", "ls-mgmt")])
def _(d):
    find(d, "ls-mgmt")["uplinkMode"] = "Team"

@case("nv157-pass", [E("NV103", "ls-spare")], "a switch nobody uses may change; a renamed switch in use is fine",
      expectDiff=[])
def _(d):
    d["logicalSwitches"].append({"id": "ls-spare", "name": "Spare", "uplinkMode": "NoTeam", "extensions": [],
                                 "uplinkProfiles": ["up-prod"], "virtualPorts": []})
    prev = copy.deepcopy(d)
    find(d, "ls-spare")["uplinkMode"] = "Team"
    find(d, "ls-prod")["name"] = "Production switch 2012"
    d["previous"] = prev


def main():
    for old in os.listdir(HERE):
        if old.endswith(".json"):
            os.remove(os.path.join(HERE, old))
    for name, d in sorted(CASES.items()):
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump(d, f, indent=2)
            f.write("\n")
    print(f"{len(CASES)} designs written to {HERE}")


if __name__ == "__main__":
    main()
