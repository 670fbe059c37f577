<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ComparisonPanel</name>
    <message>
        <source>Clear Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind or rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No comparison. Use Design → Compare With… to compare the open design with another version of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes of the open design since &lt;b&gt;%1&lt;/b&gt;: %2 added, %3 changed, %4 removed; %5 new problems (%6 errors), %7 resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fields: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on the diagram (only in %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switches changed in use (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not in the open design (only in %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesignReport</name>
    <message>
        <source>%1 (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info(s)</source>
        <translation>
            <numerusform>%n info</numerusform>
            <numerusform>%n infos</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors first, then by rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network virtualization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untagged (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used / size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>site %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM subnet %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 needed, %3 available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used counts the addresses and MACs of the design, given or allocated by IPAM, that lie in each pool&apos;s range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplink port profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LACP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>static</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>switch independent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyper-V port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplink port profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual ports (classification → vNIC profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absolute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bandwidth: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vNIC port profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VMQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPsec task offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SR-IOV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC spoofing allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>router guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guest teaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minimum weight %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maximum %1 Mbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port profiles and classifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physical NICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switches and teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host vNICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (derived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Mbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>team of %n</source>
        <translation>
            <numerusform>team of %n</numerusform>
            <numerusform>team of %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uplink(s)</source>
        <translation>
            <numerusform>%n uplink</numerusform>
            <numerusform>%n uplinks</numerusform>
        </translation>
    </message>
    <message>
        <source> (allocated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (remote)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM subnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VSID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network virtualization, IP Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network virtualization, NVGRE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (standard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forwarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vNIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM network / subnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch, classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP, unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design review: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Validates clean.&lt;/b&gt; No errors and no warnings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Not clean.&lt;/b&gt; The findings below must be resolved or accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network virtualization design review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents of the design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No diagram was drawn for this report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>netvirt report: drawing the report needs a QApplication</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagramExport</name>
    <message>
        <source>Relationship diagram exported by NetVirt Designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no entity with the id %1 to highlight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export: the selection holds no diagram node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export: the diagram is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: the image may be at most %2 pixels wide and high.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>netvirt export: drawing the diagram needs a QApplication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no entity with the id %2 (--highlight)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityFactory</name>
    <message>
        <source>New host group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New logical network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New IP pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site %1 has no subnet for a pool yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an IP pool onto a network site or a VM subnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subnet %1 is not a valid IPv4 prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New MAC pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New uplink port profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New vNIC port profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New port classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New logical switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HV-NEW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a physical NIC onto a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a host vNIC onto a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1 has no logical switch for a host vNIC: bind one of its NICs to a switch first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vNIC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New VM network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a VM subnet onto a VM network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subnet %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM-NEW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a vNIC onto a virtual machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no NetVirt entities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to paste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityStyle</name>
    <message>
        <source>Host group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplink port profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vNIC port profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physical NIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host vNIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM subnet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM vNIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplink port profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vNIC port profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port classifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical switches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Physical NICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host vNICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM subnets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM vNICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayoutEngine</name>
    <message>
        <source>Virtual machines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network sites and pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical switches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uplink port profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vNIC port profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port classifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC pools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PolicyPanel</name>
    <message>
        <source>Show the policy of one VM network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the policy that concerns one host: its provider addresses, the records of the VMs it runs and the routes of their VM networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;VM network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows, or the whole table, as tab-separated text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookup records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer routes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All VM networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n row(s) of %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PolicyTableModel</name>
    <message>
        <source>VM network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VSID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing domain ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next hop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP Rewrite vNIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelationshipProposer</name>
    <message>
        <source>%1 is already bound to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An entity cannot be bound to itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop onto an entity of the design.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already connected to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC belongs to its VM; drag the VM onto a host to place it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VM vNIC connects to a VM network, a VM subnet, a logical switch or a port classification, not to a %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no vNIC: add one from the palette first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has several vNICs: drag from the vNIC to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VM runs on a host and connects through its vNICs; it cannot be bound to a %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host vNIC connects to a standard VM network or a port classification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VM network is bound to a logical network; VMs connect to it through their vNICs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 a site of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network site belongs to a logical network and is scoped to host groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let %1 carry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An uplink port profile carries network sites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer %2 on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already offers %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a vNIC port profile first: a virtual port pairs a classification with a profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use %2 on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag from the switch to a port classification to add a virtual port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add virtual port %2 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A logical switch offers uplink port profiles and virtual ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 to host group %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host is a member of a host group and deploys logical switches on its NICs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A physical NIC is bound to one logical switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already deployed on %2 and the host has no free NIC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 offers no uplink port profile yet: bind it to one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind %1 of %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 a child of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no subnet for the pool: add one to the site first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IP pool lies on a site subnet or on a VM subnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A MAC pool is scoped to host groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gateway serves a VM subnet and runs on a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has no relationship between a %1 and a %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewTools</name>
    <message>
        <source>Auto-&amp;arrange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange the diagram in layers that follow the green arrows, with few crossings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-arrange, &amp;Keep Manual Positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange the nodes that were never placed, around those placed by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compiled HNV policy: lookup records, customer routes and provider addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare With…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the open design with another design file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the comparison markers from the diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Review &amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the design-review report (PDF): diagram, findings and one table per entity kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare With Design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetVirt designs (*.netvirt *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not compare with %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with %1: %2 added, %3 changed, %4 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to arrange: the design is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-arrange: every node already stands where it would go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-arrange (keep manual positions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-arrange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-arrange failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Auto-arranged %n node(s) in %1 ms: %2 edge crossings before, %3 after. Undo restores the previous layout.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>design-review.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Review Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote the review report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the review report: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>A reference names an id that does not exist or an entity of the wrong kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two entities share an id, or two entities of one kind (or children of one parent) share a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An object nothing uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host group tree has a cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A site subnet is not a valid prefix, or its VLAN is outside 0-4094.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two intersecting site subnets carry the same VLAN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A site is scoped to no host group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IP pool&apos;s range is empty or leaves its subnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two IP pools of the same subnet overlap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pool&apos;s gateway, DNS server or reserved address lies outside the subnet, or the gateway is allocatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IP pool is exhausted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address is invalid or lies outside where it belongs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two addresses collide in one address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC takes its address from a pool but its VM is not provisioned from a template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A MAC pool range is invalid or overlaps another MAC pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two vNICs share a MAC address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An uplink port profile carries no network site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A virtual port names a classification without a port profile, or a switch offers a classification twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum-bandwidth weights of a switch&apos;s virtual ports sum to more than 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A physical NIC is bound to more than one logical switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A NoTeam logical switch is bound to more than one physical NIC on a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teamed NICs of a logical switch on a host are bound to different uplink port profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host binds a NIC with an uplink port profile that the logical switch does not offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A logical switch is deployed on a host with no physical NIC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC names a logical switch that is not deployed on its VM&apos;s host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC names a port classification that its logical switch does not offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A logical switch in use changed uplink mode, uplink profiles or extensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC&apos;s VM network is not reachable from its host (follow the green arrows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC is bound to no VM network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC on an isolated VM network names no VM subnet of that network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A vNIC on a standard VM network names a VM subnet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VM has no vNIC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host vNIC is on a VM network not reachable through its own switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host vNIC shares a logical switch with VMs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A standard VM network&apos;s vNIC has an address in no site subnet reachable from its host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host vNIC is on an isolated VM network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An isolated VM network sits on a logical network without network virtualization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VSID is out of range, or two VM subnets share a VSID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two VM subnets of one VM network overlap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer address space overlaps the provider address space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host runs isolated VMs but has no provider address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An isolated vNIC reaches its logical network only through uplinks without network virtualization.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IP Rewrite VM network&apos;s hosts cannot give every vNIC its own provider address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A physical NIC carrying NVGRE traffic has an MTU below 1542.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gateway&apos;s VM network is not isolated or not reached by its host, or two gateways share an external prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving a VM to another host would leave it unconnected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Validator</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logical switch %1 is not deployed on host %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no uplink port profile of logical switch %1 on host %2 carries a site of logical network %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sites of logical network %1 carried to host %2 are not scoped to its host group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot reach VM network %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 names &quot;%3&quot;, which does not exist or is of the wrong kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not used by anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is bound to no VM network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM %1 has no vNIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site %1 is scoped to no host group: no host can reach it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool %1 is exhausted: %2 addresses needed, %3 free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address %1 is used by more than one vNIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address %1 is used twice in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name %1 is used more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum-bandwidth weights of %1 sum to %2, more than 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Draw, validate and emulate Hyper-V Network Virtualization designs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design to open (.netvirt or .json).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window to &lt;png&gt; and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size for --screenshot, as WIDTHxHEIGHT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entity by id after opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange the diagram in lanes after opening (an undoable edit).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::DesignDocument</name>
    <message>
        <source>Untitled design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n entities</source>
        <translation>
            <numerusform>Delete %n entity</numerusform>
            <numerusform>Delete %n entities</numerusform>
        </translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n entities</source>
        <translation>
            <numerusform>Move %n entity</numerusform>
            <numerusform>Move %n entities</numerusform>
        </translation>
    </message>
    <message>
        <source>This problem has no automatic fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::DiagramScene</name>
    <message>
        <source>static</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not placed on a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolated · %1 · on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVGRE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard · on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · VSID %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network virtualization enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network virtualization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VLAN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Gb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Mb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teamed uplinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No teaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %n extension(s)</source>
        <translation>
            <numerusform> · %n extension</numerusform>
            <numerusform> · %n extensions</numerusform>
        </translation>
    </message>
    <message>
        <source>LACP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>static team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>switch independent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HNV · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no HNV · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VMQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SR-IOV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPsec offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max %1 Mbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>root host group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fabric side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host groups and supporting objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a valid VM-to-host chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already runs on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop to move %1 to %2: its vNICs stay connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot move to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not moved to %2: the move would leave it unconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now runs on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::DiagramView</name>
    <message>
        <source>Cannot bind: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop onto another entity to bind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entity has no name to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binding cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Collapse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpand All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::MainWindow</name>
    <message>
        <source>Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery file discarded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual &amp;Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange in &amp;Lanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagram arranged in lanes; Undo restores the previous layout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About NetVirt Designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About NetVirt Designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;NetVirt Designer %1&lt;/h3&gt;&lt;p&gt;Design, validate and emulate Hyper-V Network Virtualization designs in the model of System Center VMM.&lt;/p&gt;&lt;p&gt;Follow the green arrows: VM → vNIC → VM network → logical network → site ← uplink port profile ← logical switch ← host.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red and Blue tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three-tier application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converged host networking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken design (training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find entity by name or id (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors, warnings and infos of the rule engine (F8: next problem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>100%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — NetVirt Designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 hosts · %2 VMs · %3 VM networks · %n entities</source>
        <translation>
            <numerusform>%1 hosts · %2 VMs · %3 VM networks · %n entity</numerusform>
            <numerusform>%1 hosts · %2 VMs · %3 VM networks · %n entities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info(s)</source>
        <translation>
            <numerusform>%n info</numerusform>
            <numerusform>%n infos</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design &quot;%1&quot; has been modified.
Do you want to save your changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New design.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Design</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetVirt designs (*.netvirt *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example &quot;%1&quot; is not bundled with this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example &quot;%1&quot; could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the example &quot;%1&quot;. Save As to keep your changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>design.netvirt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Design As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetVirt design (*.netvirt);;JSON design (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving failed; the design is still open and unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetVirt Designer did not exit cleanly. An unsaved design was autosaved at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetVirt Designer did not exit cleanly. Unsaved changes to %1 were autosaved at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design recovered. Save it to keep the recovered changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n entities; references to them are now reported as problems.</source>
        <translation>
            <numerusform>Deleted %n entity; references to them are now reported as problems.</numerusform>
            <numerusform>Deleted %n entities; references to them are now reported as problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n entities.</source>
        <translation>
            <numerusform>Copied %n entity.</numerusform>
            <numerusform>Copied %n entities.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot paste: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n entities with fresh ids.</source>
        <translation>
            <numerusform>Pasted %n entity with fresh ids.</numerusform>
            <numerusform>Pasted %n entities with fresh ids.</numerusform>
        </translation>
    </message>
    <message>
        <source>No entity matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — fix available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The design validates clean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Diagram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the diagram to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the diagram: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::MinimapWidget</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::OutlinePanel</name>
    <message>
        <source>Filter by name or id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::PalettePanel</name>
    <message>
        <source>Drag onto the diagram, or double-click to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a %1: drag it onto the diagram (onto its parent for vNICs, NICs and subnets) or double-click</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::ProblemsPanel</name>
    <message>
        <source>Fix available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the suggested fix of the selected problem (undoable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n info(s)</source>
        <translation>
            <numerusform>%n info</numerusform>
            <numerusform>%n infos</numerusform>
        </translation>
    </message>
    <message>
        <source>The selected problem has no automatic fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix applied; Undo reverts it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot apply the fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>netvirt::designer::PropertiesPanel</name>
    <message>
        <source>&quot;%1&quot; is not a prefix such as 10.1.1.0/24.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prefix length of &quot;%1&quot; is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has host bits set: did you mean %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MAC address such as 00:1D:D8:B7:1C:01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n entities selected&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n entity selected&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n entities selected&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an entity to see its properties.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) — edit them in the diagram</source>
        <translation>
            <numerusform>%n item — edit them in the diagram</numerusform>
            <numerusform>%n items — edit them in the diagram</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, as in the design file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON of the right shape.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
