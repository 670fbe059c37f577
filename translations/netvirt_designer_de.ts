<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>ComparisonPanel</name>
        <message>
            <source>Clear Comparison</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind or rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entity</source>
            <translation>Objekt</translation>
        </message>
        <message>
            <source>Details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Comparison cleared.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No comparison. Use Design → Compare With… to compare the open design with another version of it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes of the open design since &lt;b&gt;%1&lt;/b&gt;: %2 added, %3 changed, %4 removed; %5 new problems (%6 errors), %7 resolved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>fields: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Removed (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>removed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not on the diagram (only in %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Switches changed in use (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New problems (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved problems (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>resolved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not in the open design (only in %2).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DesignReport</name>
        <message>
            <source>%1 (missing)</source>
            <translation>%1 (fehlt)</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>Warnung</translation>
        </message>
        <message>
            <source>Info</source>
            <translation>Hinweis</translation>
        </message>
        <message>
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation>Schweregrad</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <source>Entities</source>
            <translation>Objekte</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n Fehler</numerusform>
                <numerusform>%n Fehler</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n Warnung</numerusform>
                <numerusform>%n Warnungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n info(s)</source>
            <translation>
                <numerusform>%n Hinweis</numerusform>
                <numerusform>%n Hinweise</numerusform>
            </translation>
        </message>
        <message>
            <source>Errors first, then by rule.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Validation findings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Logical network</source>
            <translation>Logisches Netzwerk</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>Network virtualization</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sites</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Site</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host groups</source>
            <translation>Hostgruppen</translation>
        </message>
        <message>
            <source>Subnet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VLAN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>untagged (0)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IP pool</source>
            <translation>IP-Pool</translation>
        </message>
        <message>
            <source>On</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Range</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gateway</source>
            <translation>Gateway</translation>
        </message>
        <message>
            <source>DNS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reserved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used / size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>site %1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VM subnet %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MAC pool</source>
            <translation>MAC-Pool</translation>
        </message>
        <message>
            <source>%1: %2 needed, %3 available</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shortages:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used counts the addresses and MACs of the design, given or allocated by IPAM, that lie in each pool's range.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uplink port profile</source>
            <translation>Uplink-Portprofil</translation>
        </message>
        <message>
            <source>Teaming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LACP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>static</source>
            <translation>statisch</translation>
        </message>
        <message>
            <source>switch independent</source>
            <translation>switchunabhängig</translation>
        </message>
        <message>
            <source>address hash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hyper-V port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Logical switch</source>
            <translation>Logischer Switch</translation>
        </message>
        <message>
            <source>Uplinks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uplink port profiles</source>
            <translation>Uplink-Portprofile</translation>
        </message>
        <message>
            <source>Virtual ports (classification → vNIC profile)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extensions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (default)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>weight</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>absolute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bandwidth: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>vNIC port profile</source>
            <translation>vNIC-Portprofil</translation>
        </message>
        <message>
            <source>Offload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Security</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bandwidth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VMQ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IPsec task offload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SR-IOV</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MAC spoofing allowed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DHCP guard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>router guard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>guest teaming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>minimum weight %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>maximum %1 Mbps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port classification</source>
            <translation>Portklassifizierung</translation>
        </message>
        <message>
            <source>Description</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port profiles and classifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host group</source>
            <translation>Hostgruppe</translation>
        </message>
        <message>
            <source>Parent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Physical NICs</source>
            <translation>Physische Netzwerkkarten</translation>
        </message>
        <message>
            <source>Switches and teams</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host vNICs</source>
            <translation>Host-vNICs</translation>
        </message>
        <message>
            <source>Provider addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (derived)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MTU %1</source>
            <translation>MTU %1</translation>
        </message>
        <message>
            <source>%1 Mbps</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>team of %n</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n uplink(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source> (allocated)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (remote)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VM network</source>
            <translation>VM-Netzwerk</translation>
        </message>
        <message>
            <source>Isolation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VM subnet</source>
            <translation>VM-Subnetz</translation>
        </message>
        <message>
            <source>Prefix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VSID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>network virtualization, IP Rewrite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>network virtualization, NVGRE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none (standard)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>External</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mode</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NAT</source>
            <translation>NAT</translation>
        </message>
        <message>
            <source>forwarding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>vNIC</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VM network / subnet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MAC</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Switch, classification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DHCP, unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PA %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>%1 kann nicht geschrieben werden: %2</translation>
        </message>
        <message>
            <source>Untitled design</source>
            <translation>Unbenannter Entwurf</translation>
        </message>
        <message>
            <source>Design review: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot write %1.</source>
            <translation>%1 kann nicht geschrieben werden.</translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Validates clean.&lt;/b&gt; No errors and no warnings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Not clean.&lt;/b&gt; The findings below must be resolved or accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network virtualization design review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Validation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Objects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Count</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contents of the design</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Diagram</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No diagram was drawn for this report.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>netvirt report: drawing the report needs a QApplication</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DiagramExport</name>
        <message>
            <source>Relationship diagram exported by NetVirt Designer</source>
            <translation>Beziehungsdiagramm, exportiert von NetVirt Designer</translation>
        </message>
        <message>
            <source>There is no entity with the id %1 to highlight.</source>
            <translation>Es gibt kein Objekt mit der ID %1 zum Hervorheben.</translation>
        </message>
        <message>
            <source>Nothing to export: the selection holds no diagram node.</source>
            <translation>Nichts zu exportieren: die Auswahl enthält keinen Diagrammknoten.</translation>
        </message>
        <message>
            <source>Nothing to export: the diagram is empty.</source>
            <translation>Nichts zu exportieren: das Diagramm ist leer.</translation>
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>%1 kann nicht geschrieben werden: %2</translation>
        </message>
        <message>
            <source>Cannot write %1: the image may be at most %2 pixels wide and high.</source>
            <translation>%1 kann nicht geschrieben werden: das Bild darf höchstens %2 Pixel breit und hoch sein.</translation>
        </message>
        <message>
            <source>Cannot write %1.</source>
            <translation>%1 kann nicht geschrieben werden.</translation>
        </message>
        <message>
            <source>netvirt export: drawing the diagram needs a QApplication</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: no entity with the id %2 (--highlight)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>EntityFactory</name>
        <message>
            <source>New host group</source>
            <translation>Neue Hostgruppe</translation>
        </message>
        <message>
            <source>New logical network</source>
            <translation>Neues Logisches Netzwerk</translation>
        </message>
        <message>
            <source>New site</source>
            <translation>Neuer Standort</translation>
        </message>
        <message>
            <source>New IP pool</source>
            <translation>Neuer IP-Pool</translation>
        </message>
        <message>
            <source>Site %1 has no subnet for a pool yet.</source>
            <translation>Standort %1 hat noch kein Subnetz für einen Pool.</translation>
        </message>
        <message>
            <source>Drop an IP pool onto a network site or a VM subnet.</source>
            <translation>Ziehen Sie einen IP-Pool auf einen Netzwerkstandort oder ein VM-Subnetz.</translation>
        </message>
        <message>
            <source>The subnet %1 is not a valid IPv4 prefix.</source>
            <translation>Das Subnetz %1 ist kein gültiges IPv4-Präfix.</translation>
        </message>
        <message>
            <source>New MAC pool</source>
            <translation>Neuer MAC-Pool</translation>
        </message>
        <message>
            <source>New uplink port profile</source>
            <translation>Neues Uplink-Portprofil</translation>
        </message>
        <message>
            <source>New vNIC port profile</source>
            <translation>Neues vNIC-Portprofil</translation>
        </message>
        <message>
            <source>New port classification</source>
            <translation>Neue Portklassifizierung</translation>
        </message>
        <message>
            <source>New logical switch</source>
            <translation>Neuer Logischer Switch</translation>
        </message>
        <message>
            <source>HV-NEW</source>
            <translation>HV-NEU</translation>
        </message>
        <message>
            <source>Drop a physical NIC onto a host.</source>
            <translation>Ziehen Sie eine physische Netzwerkkarte auf einen Host.</translation>
        </message>
        <message>
            <source>Drop a host vNIC onto a host.</source>
            <translation>Ziehen Sie eine Host-vNIC auf einen Host.</translation>
        </message>
        <message>
            <source>Host %1 has no logical switch for a host vNIC: bind one of its NICs to a switch first.</source>
            <translation>Host %1 hat keinen Logischen Switch für eine Host-vNIC: binden Sie zuerst eine seiner Netzwerkkarten an einen Switch.</translation>
        </message>
        <message>
            <source>vNIC %1</source>
            <translation>vNIC %1</translation>
        </message>
        <message>
            <source>New VM network</source>
            <translation>Neues VM-Netzwerk</translation>
        </message>
        <message>
            <source>Drop a VM subnet onto a VM network.</source>
            <translation>Ziehen Sie ein VM-Subnetz auf ein VM-Netzwerk.</translation>
        </message>
        <message>
            <source>Subnet %1</source>
            <translation>Subnetz %1</translation>
        </message>
        <message>
            <source>VM-NEW</source>
            <translation>VM-NEU</translation>
        </message>
        <message>
            <source>Drop a vNIC onto a virtual machine.</source>
            <translation>Ziehen Sie eine vNIC auf einen virtuellen Computer.</translation>
        </message>
        <message>
            <source>New gateway</source>
            <translation>Neues Gateway</translation>
        </message>
        <message>
            <source>Add %1</source>
            <translation>%1 hinzufügen</translation>
        </message>
        <message>
            <source>The clipboard holds no NetVirt entities.</source>
            <translation>Die Zwischenablage enthält keine NetVirt-Objekte.</translation>
        </message>
        <message>
            <source>Nothing to paste.</source>
            <translation>Nichts einzufügen.</translation>
        </message>
        <message>
            <source>Paste</source>
            <translation>Einfügen</translation>
        </message>
    </context>
    <context>
        <name>EntityStyle</name>
        <message>
            <source>Host group</source>
            <translation>Hostgruppe</translation>
        </message>
        <message>
            <source>Logical network</source>
            <translation>Logisches Netzwerk</translation>
        </message>
        <message>
            <source>Network site</source>
            <translation>Netzwerkstandort</translation>
        </message>
        <message>
            <source>IP pool</source>
            <translation>IP-Pool</translation>
        </message>
        <message>
            <source>MAC pool</source>
            <translation>MAC-Pool</translation>
        </message>
        <message>
            <source>Uplink port profile</source>
            <translation>Uplink-Portprofil</translation>
        </message>
        <message>
            <source>vNIC port profile</source>
            <translation>vNIC-Portprofil</translation>
        </message>
        <message>
            <source>Port classification</source>
            <translation>Portklassifizierung</translation>
        </message>
        <message>
            <source>Logical switch</source>
            <translation>Logischer Switch</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Physical NIC</source>
            <translation>Physische Netzwerkkarte</translation>
        </message>
        <message>
            <source>Host vNIC</source>
            <translation>Host-vNIC</translation>
        </message>
        <message>
            <source>VM network</source>
            <translation>VM-Netzwerk</translation>
        </message>
        <message>
            <source>VM subnet</source>
            <translation>VM-Subnetz</translation>
        </message>
        <message>
            <source>Virtual machine</source>
            <translation>Virtueller Computer</translation>
        </message>
        <message>
            <source>VM vNIC</source>
            <translation>VM-vNIC</translation>
        </message>
        <message>
            <source>Gateway</source>
            <translation>Gateway</translation>
        </message>
        <message>
            <source>Entity</source>
            <translation>Objekt</translation>
        </message>
        <message>
            <source>Host groups</source>
            <translation>Hostgruppen</translation>
        </message>
        <message>
            <source>Logical networks</source>
            <translation>Logische Netzwerke</translation>
        </message>
        <message>
            <source>Network sites</source>
            <translation>Netzwerkstandorte</translation>
        </message>
        <message>
            <source>IP pools</source>
            <translation>IP-Pools</translation>
        </message>
        <message>
            <source>MAC pools</source>
            <translation>MAC-Pools</translation>
        </message>
        <message>
            <source>Uplink port profiles</source>
            <translation>Uplink-Portprofile</translation>
        </message>
        <message>
            <source>vNIC port profiles</source>
            <translation>vNIC-Portprofile</translation>
        </message>
        <message>
            <source>Port classifications</source>
            <translation>Portklassifizierungen</translation>
        </message>
        <message>
            <source>Logical switches</source>
            <translation>Logische Switches</translation>
        </message>
        <message>
            <source>Hosts</source>
            <translation>Hosts</translation>
        </message>
        <message>
            <source>Physical NICs</source>
            <translation>Physische Netzwerkkarten</translation>
        </message>
        <message>
            <source>Host vNICs</source>
            <translation>Host-vNICs</translation>
        </message>
        <message>
            <source>VM networks</source>
            <translation>VM-Netzwerke</translation>
        </message>
        <message>
            <source>VM subnets</source>
            <translation>VM-Subnetze</translation>
        </message>
        <message>
            <source>Virtual machines</source>
            <translation>Virtuelle Computer</translation>
        </message>
        <message>
            <source>VM vNICs</source>
            <translation>VM-vNICs</translation>
        </message>
        <message>
            <source>Gateways</source>
            <translation>Gateways</translation>
        </message>
        <message>
            <source>Entities</source>
            <translation>Objekte</translation>
        </message>
    </context>
    <context>
        <name>LayoutEngine</name>
        <message>
            <source>Virtual machines</source>
            <translation>Virtuelle Computer</translation>
        </message>
        <message>
            <source>VM networks</source>
            <translation>VM-Netzwerke</translation>
        </message>
        <message>
            <source>Logical networks</source>
            <translation>Logische Netzwerke</translation>
        </message>
        <message>
            <source>Network sites and pools</source>
            <translation>Netzwerkstandorte und Pools</translation>
        </message>
        <message>
            <source>Hosts</source>
            <translation>Hosts</translation>
        </message>
        <message>
            <source>Logical switches</source>
            <translation>Logische Switches</translation>
        </message>
        <message>
            <source>Uplink port profiles</source>
            <translation>Uplink-Portprofile</translation>
        </message>
        <message>
            <source>Host groups</source>
            <translation>Hostgruppen</translation>
        </message>
        <message>
            <source>vNIC port profiles</source>
            <translation>vNIC-Portprofile</translation>
        </message>
        <message>
            <source>Port classifications</source>
            <translation>Portklassifizierungen</translation>
        </message>
        <message>
            <source>MAC pools</source>
            <translation>MAC-Pools</translation>
        </message>
    </context>
    <context>
        <name>PolicyPanel</name>
        <message>
            <source>Show the policy of one VM network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the policy that concerns one host: its provider addresses, the records of the VMs it runs and the routes of their VM networks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;VM network:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Host:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy the selected rows, or the whole table, as tab-separated text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lookup records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer routes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All VM networks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All hosts</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n row(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n row(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s) of %1.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>PolicyTableModel</name>
        <message>
            <source>VM network</source>
            <translation>VM-Netzwerk</translation>
        </message>
        <message>
            <source>Customer address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VSID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MAC address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <source>VM name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Routing domain ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Destination prefix</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next hop</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Metric</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prefix length</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>VLAN</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interface</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Logical switch</source>
            <translation>Logischer Switch</translation>
        </message>
        <message>
            <source>Site</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IP Rewrite vNIC</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>team of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>none</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RelationshipProposer</name>
        <message>
            <source>%1 is already bound to %2.</source>
            <translation>%1 ist bereits an %2 gebunden.</translation>
        </message>
        <message>
            <source>An entity cannot be bound to itself.</source>
            <translation>Ein Objekt kann nicht an sich selbst gebunden werden.</translation>
        </message>
        <message>
            <source>Drop onto an entity of the design.</source>
            <translation>Auf ein Objekt des Entwurfs ziehen.</translation>
        </message>
        <message>
            <source>%1 is already connected to %2.</source>
            <translation>%1 ist bereits mit %2 verbunden.</translation>
        </message>
        <message>
            <source>Connect %1 to %2</source>
            <translation>%1 mit %2 verbinden</translation>
        </message>
        <message>
            <source>Attach %1 to %2</source>
            <translation>%1 an %2 anschließen</translation>
        </message>
        <message>
            <source>Classify %1 as %2</source>
            <translation>%1 als %2 klassifizieren</translation>
        </message>
        <message>
            <source>A vNIC belongs to its VM; drag the VM onto a host to place it.</source>
            <translation>Eine vNIC gehört zu ihrer VM; ziehen Sie die VM auf einen Host, um sie dort zu platzieren.</translation>
        </message>
        <message>
            <source>A VM vNIC connects to a VM network, a VM subnet, a logical switch or a port classification, not to a %1.</source>
            <translation>Eine VM-vNIC verbindet sich mit einem VM-Netzwerk, einem VM-Subnetz, einem Logischen Switch oder einer Portklassifizierung, nicht mit: %1.</translation>
        </message>
        <message>
            <source>Place %1 on %2</source>
            <translation>%1 auf %2 platzieren</translation>
        </message>
        <message>
            <source>%1 has no vNIC: add one from the palette first.</source>
            <translation>%1 hat keine vNIC: fügen Sie zuerst eine aus der Palette hinzu.</translation>
        </message>
        <message>
            <source>%1 has several vNICs: drag from the vNIC to connect.</source>
            <translation>%1 hat mehrere vNICs: ziehen Sie von der vNIC aus, um zu verbinden.</translation>
        </message>
        <message>
            <source>A VM runs on a host and connects through its vNICs; it cannot be bound to a %1.</source>
            <translation>Eine VM läuft auf einem Host und verbindet sich über ihre vNICs; sie kann nicht gebunden werden an: %1.</translation>
        </message>
        <message>
            <source>A host vNIC connects to a standard VM network or a port classification.</source>
            <translation>Eine Host-vNIC verbindet sich mit einem Standard-VM-Netzwerk oder einer Portklassifizierung.</translation>
        </message>
        <message>
            <source>Put %1 on %2</source>
            <translation>%1 auf %2 legen</translation>
        </message>
        <message>
            <source>A VM network is bound to a logical network; VMs connect to it through their vNICs.</source>
            <translation>Ein VM-Netzwerk ist an ein Logisches Netzwerk gebunden; VMs verbinden sich über ihre vNICs damit.</translation>
        </message>
        <message>
            <source>Make %1 a site of %2</source>
            <translation>%1 zu einem Standort von %2 machen</translation>
        </message>
        <message>
            <source>Scope %1 to %2</source>
            <translation>%1 für %2 gelten lassen</translation>
        </message>
        <message>
            <source>A network site belongs to a logical network and is scoped to host groups.</source>
            <translation>Ein Netzwerkstandort gehört zu einem Logischen Netzwerk und gilt für Hostgruppen.</translation>
        </message>
        <message>
            <source>Let %1 carry %2</source>
            <translation>%1 soll %2 führen</translation>
        </message>
        <message>
            <source>An uplink port profile carries network sites.</source>
            <translation>Ein Uplink-Portprofil führt Netzwerkstandorte.</translation>
        </message>
        <message>
            <source>Offer %2 on %1</source>
            <translation>%2 auf %1 anbieten</translation>
        </message>
        <message>
            <source>%1 already offers %2.</source>
            <translation>%1 bietet %2 bereits an.</translation>
        </message>
        <message>
            <source>Add a vNIC port profile first: a virtual port pairs a classification with a profile.</source>
            <translation>Fügen Sie zuerst ein vNIC-Portprofil hinzu: ein virtueller Port verbindet eine Klassifizierung mit einem Profil.</translation>
        </message>
        <message>
            <source>Use %2 on %1</source>
            <translation>%2 auf %1 verwenden</translation>
        </message>
        <message>
            <source>Drag from the switch to a port classification to add a virtual port.</source>
            <translation>Ziehen Sie vom Switch auf eine Portklassifizierung, um einen virtuellen Port hinzuzufügen.</translation>
        </message>
        <message>
            <source>Add virtual port %2 to %1</source>
            <translation>Virtuellen Port %2 zu %1 hinzufügen</translation>
        </message>
        <message>
            <source>A logical switch offers uplink port profiles and virtual ports.</source>
            <translation>Ein Logischer Switch bietet Uplink-Portprofile und virtuelle Ports an.</translation>
        </message>
        <message>
            <source>Move %1 to host group %2</source>
            <translation>%1 in Hostgruppe %2 verschieben</translation>
        </message>
        <message>
            <source>A host is a member of a host group and deploys logical switches on its NICs.</source>
            <translation>Ein Host ist Mitglied einer Hostgruppe und stellt Logische Switches auf seinen Netzwerkkarten bereit.</translation>
        </message>
        <message>
            <source>A physical NIC is bound to one logical switch.</source>
            <translation>Eine physische Netzwerkkarte ist an einen Logischen Switch gebunden.</translation>
        </message>
        <message>
            <source>%1 is already deployed on %2 and the host has no free NIC.</source>
            <translation>%1 ist bereits auf %2 bereitgestellt, und der Host hat keine freie Netzwerkkarte.</translation>
        </message>
        <message>
            <source>%1 offers no uplink port profile yet: bind it to one first.</source>
            <translation>%1 bietet noch kein Uplink-Portprofil an: binden Sie zuerst eines.</translation>
        </message>
        <message>
            <source>Deploy %1 on %2</source>
            <translation>%1 auf %2 bereitstellen</translation>
        </message>
        <message>
            <source>Bind %1 of %2 to %3</source>
            <translation>%1 von %2 an %3 binden</translation>
        </message>
        <message>
            <source>Make %1 a child of %2</source>
            <translation>%1 %2 unterordnen</translation>
        </message>
        <message>
            <source>%1 has no subnet for the pool: add one to the site first.</source>
            <translation>%1 hat kein Subnetz für den Pool: fügen Sie dem Standort zuerst eines hinzu.</translation>
        </message>
        <message>
            <source>An IP pool lies on a site subnet or on a VM subnet.</source>
            <translation>Ein IP-Pool liegt in einem Standort-Subnetz oder einem VM-Subnetz.</translation>
        </message>
        <message>
            <source>A MAC pool is scoped to host groups.</source>
            <translation>Ein MAC-Pool gilt für Hostgruppen.</translation>
        </message>
        <message>
            <source>Run %1 on %2</source>
            <translation>%1 auf %2 ausführen</translation>
        </message>
        <message>
            <source>A gateway serves a VM subnet and runs on a host.</source>
            <translation>Ein Gateway bedient ein VM-Subnetz und läuft auf einem Host.</translation>
        </message>
        <message>
            <source>The model has no relationship between a %1 and a %2.</source>
            <translation>Das Modell kennt keine Beziehung zwischen %1 und %2.</translation>
        </message>
    </context>
    <context>
        <name>ReviewTools</name>
        <message>
            <source>Auto-&amp;arrange</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Arrange the diagram in layers that follow the green arrows, with few crossings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-arrange, &amp;Keep Manual Positions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Arrange the nodes that were never placed, around those placed by hand</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;Policy…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The compiled HNV policy: lookup records, customer routes and provider addresses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Compare With…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare the open design with another design file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;lear Comparison</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the comparison markers from the diagram</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export Review &amp;Report…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the design-review report (PDF): diagram, findings and one table per entity kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Comparison</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compare With Design</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NetVirt designs (*.netvirt *.json);;All files (*)</source>
            <translation>NetVirt-Entwürfe (*.netvirt *.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Could not compare with %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compared with %1: %2 added, %3 changed, %4 removed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to arrange: the design is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-arrange: every node already stands where it would go.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-arrange (keep manual positions)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-arrange</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-arrange failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Auto-arranged %n node(s) in %1 ms: %2 edge crossings before, %3 after. Undo restores the previous layout.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>design-review.pdf</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export Review Report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF document (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrote the review report %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not write the review report: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Rules</name>
        <message>
            <source>A reference names an id that does not exist or an entity of the wrong kind.</source>
            <translation>Ein Verweis nennt eine ID, die nicht existiert, oder ein Objekt der falschen Art.</translation>
        </message>
        <message>
            <source>Two entities share an id, or two entities of one kind (or children of one parent) share a name.</source>
            <translation>Zwei Objekte haben dieselbe ID, oder zwei Objekte einer Art (oder Kinder eines Elternobjekts) haben denselben Namen.</translation>
        </message>
        <message>
            <source>An object nothing uses.</source>
            <translation>Ein Objekt, das nichts verwendet.</translation>
        </message>
        <message>
            <source>The host group tree has a cycle.</source>
            <translation>Der Baum der Hostgruppen enthält einen Zyklus.</translation>
        </message>
        <message>
            <source>A site subnet is not a valid prefix, or its VLAN is outside 0-4094.</source>
            <translation>Ein Standort-Subnetz ist kein gültiges Präfix, oder sein VLAN liegt außerhalb von 0–4094.</translation>
        </message>
        <message>
            <source>Two intersecting site subnets carry the same VLAN.</source>
            <translation>Zwei sich überschneidende Standort-Subnetze tragen dasselbe VLAN.</translation>
        </message>
        <message>
            <source>A site is scoped to no host group.</source>
            <translation>Ein Standort gilt für keine Hostgruppe.</translation>
        </message>
        <message>
            <source>An IP pool's range is empty or leaves its subnet.</source>
            <translation>Der Bereich eines IP-Pools ist leer oder verlässt sein Subnetz.</translation>
        </message>
        <message>
            <source>Two IP pools of the same subnet overlap.</source>
            <translation>Zwei IP-Pools desselben Subnetzes überlappen sich.</translation>
        </message>
        <message>
            <source>A pool's gateway, DNS server or reserved address lies outside the subnet, or the gateway is allocatable.</source>
            <translation>Gateway, DNS-Server oder reservierte Adresse eines Pools liegen außerhalb des Subnetzes, oder das Gateway ist vergebbar.</translation>
        </message>
        <message>
            <source>An IP pool is exhausted.</source>
            <translation>Ein IP-Pool ist erschöpft.</translation>
        </message>
        <message>
            <source>An address is invalid or lies outside where it belongs.</source>
            <translation>Eine Adresse ist ungültig oder liegt außerhalb ihres Bereichs.</translation>
        </message>
        <message>
            <source>Two addresses collide in one address space.</source>
            <translation>Zwei Adressen kollidieren in einem Adressraum.</translation>
        </message>
        <message>
            <source>A vNIC takes its address from a pool but its VM is not provisioned from a template.</source>
            <translation>Eine vNIC bezieht ihre Adresse aus einem Pool, aber ihre VM wird nicht aus einer Vorlage bereitgestellt.</translation>
        </message>
        <message>
            <source>A MAC pool range is invalid or overlaps another MAC pool.</source>
            <translation>Ein MAC-Pool-Bereich ist ungültig oder überlappt einen anderen MAC-Pool.</translation>
        </message>
        <message>
            <source>Two vNICs share a MAC address.</source>
            <translation>Zwei vNICs haben dieselbe MAC-Adresse.</translation>
        </message>
        <message>
            <source>An uplink port profile carries no network site.</source>
            <translation>Ein Uplink-Portprofil führt keinen Netzwerkstandort.</translation>
        </message>
        <message>
            <source>A virtual port names a classification without a port profile, or a switch offers a classification twice.</source>
            <translation>Ein virtueller Port nennt eine Klassifizierung ohne Portprofil, oder ein Switch bietet eine Klassifizierung doppelt an.</translation>
        </message>
        <message>
            <source>The minimum-bandwidth weights of a switch's virtual ports sum to more than 100.</source>
            <translation>Die Mindestbandbreiten-Gewichtungen der virtuellen Ports eines Switches ergeben mehr als 100.</translation>
        </message>
        <message>
            <source>A physical NIC is bound to more than one logical switch.</source>
            <translation>Eine physische Netzwerkkarte ist an mehr als einen Logischen Switch gebunden.</translation>
        </message>
        <message>
            <source>A NoTeam logical switch is bound to more than one physical NIC on a host.</source>
            <translation>Ein Logischer Switch ohne Teaming ist auf einem Host an mehr als eine physische Netzwerkkarte gebunden.</translation>
        </message>
        <message>
            <source>The teamed NICs of a logical switch on a host are bound to different uplink port profiles.</source>
            <translation>Die Netzwerkkarten im Team eines Logischen Switches auf einem Host sind an verschiedene Uplink-Portprofile gebunden.</translation>
        </message>
        <message>
            <source>A host binds a NIC with an uplink port profile that the logical switch does not offer.</source>
            <translation>Ein Host bindet eine Netzwerkkarte mit einem Uplink-Portprofil, das der Logische Switch nicht anbietet.</translation>
        </message>
        <message>
            <source>A logical switch is deployed on a host with no physical NIC.</source>
            <translation>Ein Logischer Switch ist auf einem Host ohne physische Netzwerkkarte bereitgestellt.</translation>
        </message>
        <message>
            <source>A vNIC names a logical switch that is not deployed on its VM's host.</source>
            <translation>Eine vNIC nennt einen Logischen Switch, der auf dem Host ihrer VM nicht bereitgestellt ist.</translation>
        </message>
        <message>
            <source>A vNIC names a port classification that its logical switch does not offer.</source>
            <translation>Eine vNIC nennt eine Portklassifizierung, die ihr Logischer Switch nicht anbietet.</translation>
        </message>
        <message>
            <source>A logical switch in use changed uplink mode, uplink profiles or extensions.</source>
            <translation>Ein verwendeter Logischer Switch hat Uplink-Modus, Uplink-Profile oder Erweiterungen geändert.</translation>
        </message>
        <message>
            <source>A vNIC's VM network is not reachable from its host (follow the green arrows).</source>
            <translation>Das VM-Netzwerk einer vNIC ist von ihrem Host aus nicht erreichbar (folgen Sie den grünen Pfeilen).</translation>
        </message>
        <message>
            <source>A vNIC is bound to no VM network.</source>
            <translation>Eine vNIC ist an kein VM-Netzwerk gebunden.</translation>
        </message>
        <message>
            <source>A vNIC on an isolated VM network names no VM subnet of that network.</source>
            <translation>Eine vNIC in einem isolierten VM-Netzwerk nennt kein VM-Subnetz dieses Netzwerks.</translation>
        </message>
        <message>
            <source>A vNIC on a standard VM network names a VM subnet.</source>
            <translation>Eine vNIC in einem Standard-VM-Netzwerk nennt ein VM-Subnetz.</translation>
        </message>
        <message>
            <source>A VM has no vNIC.</source>
            <translation>Eine VM hat keine vNIC.</translation>
        </message>
        <message>
            <source>A host vNIC is on a VM network not reachable through its own switch.</source>
            <translation>Eine Host-vNIC liegt in einem VM-Netzwerk, das über ihren eigenen Switch nicht erreichbar ist.</translation>
        </message>
        <message>
            <source>A host vNIC shares a logical switch with VMs.</source>
            <translation>Eine Host-vNIC teilt sich einen Logischen Switch mit VMs.</translation>
        </message>
        <message>
            <source>A standard VM network's vNIC has an address in no site subnet reachable from its host.</source>
            <translation>Eine vNIC eines Standard-VM-Netzwerks hat eine Adresse in keinem Standort-Subnetz, das von ihrem Host erreichbar ist.</translation>
        </message>
        <message>
            <source>A host vNIC is on an isolated VM network.</source>
            <translation>Eine Host-vNIC liegt in einem isolierten VM-Netzwerk.</translation>
        </message>
        <message>
            <source>An isolated VM network sits on a logical network without network virtualization.</source>
            <translation>Ein isoliertes VM-Netzwerk liegt auf einem Logischen Netzwerk ohne Netzwerkvirtualisierung.</translation>
        </message>
        <message>
            <source>A VSID is out of range, or two VM subnets share a VSID.</source>
            <translation>Eine VSID liegt außerhalb des gültigen Bereichs, oder zwei VM-Subnetze teilen sich eine VSID.</translation>
        </message>
        <message>
            <source>Two VM subnets of one VM network overlap.</source>
            <translation>Zwei VM-Subnetze eines VM-Netzwerks überlappen sich.</translation>
        </message>
        <message>
            <source>A customer address space overlaps the provider address space.</source>
            <translation>Ein Kundenadressraum überlappt den Anbieteradressraum.</translation>
        </message>
        <message>
            <source>A host runs isolated VMs but has no provider address.</source>
            <translation>Ein Host führt isolierte VMs aus, hat aber keine Anbieteradresse.</translation>
        </message>
        <message>
            <source>An isolated vNIC reaches its logical network only through uplinks without network virtualization.</source>
            <translation>Eine isolierte vNIC erreicht ihr Logisches Netzwerk nur über Uplinks ohne Netzwerkvirtualisierung.</translation>
        </message>
        <message>
            <source>An IP Rewrite VM network's hosts cannot give every vNIC its own provider address.</source>
            <translation>Die Hosts eines VM-Netzwerks mit IP-Umschreibung können nicht jeder vNIC eine eigene Anbieteradresse geben.</translation>
        </message>
        <message>
            <source>A physical NIC carrying NVGRE traffic has an MTU below 1542.</source>
            <translation>Eine physische Netzwerkkarte mit NVGRE-Verkehr hat eine MTU unter 1542.</translation>
        </message>
        <message>
            <source>A gateway's VM network is not isolated or not reached by its host, or two gateways share an external prefix.</source>
            <translation>Das VM-Netzwerk eines Gateways ist nicht isoliert oder von seinem Host nicht erreichbar, oder zwei Gateways teilen sich ein externes Präfix.</translation>
        </message>
        <message>
            <source>Moving a VM to another host would leave it unconnected.</source>
            <translation>Das Verschieben einer VM auf einen anderen Host würde sie vom Netzwerk trennen.</translation>
        </message>
    </context>
    <context>
        <name>Validator</name>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>Warnung</translation>
        </message>
        <message>
            <source>Info</source>
            <translation>Hinweis</translation>
        </message>
        <message>
            <source>logical switch %1 is not deployed on host %2</source>
            <translation>der Logische Switch %1 ist auf Host %2 nicht bereitgestellt</translation>
        </message>
        <message>
            <source>no uplink port profile of logical switch %1 on host %2 carries a site of logical network %3</source>
            <translation>kein Uplink-Portprofil des Logischen Switches %1 auf Host %2 führt einen Standort des Logischen Netzwerks %3</translation>
        </message>
        <message>
            <source>the sites of logical network %1 carried to host %2 are not scoped to its host group</source>
            <translation>die zu Host %2 geführten Standorte des Logischen Netzwerks %1 gelten nicht für seine Hostgruppe</translation>
        </message>
        <message>
            <source>%1 cannot reach VM network %2: %3</source>
            <translation>%1 erreicht das VM-Netzwerk %2 nicht: %3</translation>
        </message>
        <message>
            <source>%1: %2 names "%3", which does not exist or is of the wrong kind</source>
            <translation>%1: %2 nennt „%3“, das nicht existiert oder von der falschen Art ist</translation>
        </message>
        <message>
            <source>%1 is not used by anything</source>
            <translation>%1 wird von nichts verwendet</translation>
        </message>
        <message>
            <source>%1 is bound to no VM network</source>
            <translation>%1 ist an kein VM-Netzwerk gebunden</translation>
        </message>
        <message>
            <source>VM %1 has no vNIC</source>
            <translation>VM %1 hat keine vNIC</translation>
        </message>
        <message>
            <source>Site %1 is scoped to no host group: no host can reach it</source>
            <translation>Standort %1 gilt für keine Hostgruppe: kein Host kann ihn erreichen</translation>
        </message>
        <message>
            <source>Pool %1 is exhausted: %2 addresses needed, %3 free</source>
            <translation>Pool %1 ist erschöpft: %2 Adressen benötigt, %3 frei</translation>
        </message>
        <message>
            <source>MAC address %1 is used by more than one vNIC</source>
            <translation>MAC-Adresse %1 wird von mehr als einer vNIC verwendet</translation>
        </message>
        <message>
            <source>Address %1 is used twice in %2</source>
            <translation>Adresse %1 wird in %2 doppelt verwendet</translation>
        </message>
        <message>
            <source>The name %1 is used more than once</source>
            <translation>Der Name %1 wird mehrfach verwendet</translation>
        </message>
        <message>
            <source>Minimum-bandwidth weights of %1 sum to %2, more than 100</source>
            <translation>Die Mindestbandbreiten-Gewichtungen von %1 ergeben %2, mehr als 100</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Draw, validate and emulate Hyper-V Network Virtualization designs.</source>
            <translation>Entwürfe für die Hyper-V-Netzwerkvirtualisierung zeichnen, prüfen und emulieren.</translation>
        </message>
        <message>
            <source>Design to open (.netvirt or .json).</source>
            <translation>Zu öffnender Entwurf (.netvirt oder .json).</translation>
        </message>
        <message>
            <source>Render the main window to &lt;png&gt; and exit.</source>
            <translation>Das Hauptfenster als &lt;png&gt; ausgeben und beenden.</translation>
        </message>
        <message>
            <source>Window size for --screenshot, as WIDTHxHEIGHT.</source>
            <translation>Fenstergröße für --screenshot, als BREITExHÖHE.</translation>
        </message>
        <message>
            <source>Select an entity by id after opening.</source>
            <translation>Nach dem Öffnen ein Objekt per ID auswählen.</translation>
        </message>
        <message>
            <source>Arrange the diagram in lanes after opening (an undoable edit).</source>
            <translation>Das Diagramm nach dem Öffnen in Bahnen anordnen (rückgängig machbar).</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::DesignDocument</name>
        <message>
            <source>Untitled design</source>
            <translation>Unbenannter Entwurf</translation>
        </message>
        <message>
            <source>Untitled</source>
            <translation>Unbenannt</translation>
        </message>
        <message>
            <source>Change %1 of %2</source>
            <translation>%1 von %2 ändern</translation>
        </message>
        <message>
            <source>Delete %1</source>
            <translation>%1 löschen</translation>
        </message>
        <message numerus="yes">
            <source>Delete %n entities</source>
            <translation>
                <numerusform>%n Objekt löschen</numerusform>
                <numerusform>%n Objekte löschen</numerusform>
            </translation>
        </message>
        <message>
            <source>Move %1</source>
            <translation>%1 verschieben</translation>
        </message>
        <message numerus="yes">
            <source>Move %n entities</source>
            <translation>
                <numerusform>%n Objekt verschieben</numerusform>
                <numerusform>%n Objekte verschieben</numerusform>
            </translation>
        </message>
        <message>
            <source>This problem has no automatic fix.</source>
            <translation>Für dieses Problem gibt es keine automatische Korrektur.</translation>
        </message>
        <message>
            <source>Fix %1: %2</source>
            <translation>%1 korrigieren: %2</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::DiagramScene</name>
        <message>
            <source>static</source>
            <translation>statisch</translation>
        </message>
        <message>
            <source>pool</source>
            <translation>Pool</translation>
        </message>
        <message>
            <source>DHCP</source>
            <translation>DHCP</translation>
        </message>
        <message>
            <source>on %1</source>
            <translation>auf %1</translation>
        </message>
        <message>
            <source>not placed on a host</source>
            <translation>keinem Host zugewiesen</translation>
        </message>
        <message>
            <source>Isolated · %1 · on %2</source>
            <translation>Isoliert · %1 · auf %2</translation>
        </message>
        <message>
            <source>IP Rewrite</source>
            <translation>IP-Umschreibung</translation>
        </message>
        <message>
            <source>NVGRE</source>
            <translation>NVGRE</translation>
        </message>
        <message>
            <source>Standard · on %1</source>
            <translation>Standard · auf %1</translation>
        </message>
        <message>
            <source>%1 · VSID %2</source>
            <translation>%1 · VSID %2</translation>
        </message>
        <message>
            <source>%1 %2 → %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NAT</source>
            <translation>NAT</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Weiterleitung</translation>
        </message>
        <message>
            <source>Network virtualization enabled</source>
            <translation>Netzwerkvirtualisierung aktiviert</translation>
        </message>
        <message>
            <source>No network virtualization</source>
            <translation>Keine Netzwerkvirtualisierung</translation>
        </message>
        <message>
            <source>of %1</source>
            <translation>von %1</translation>
        </message>
        <message>
            <source>VLAN %1</source>
            <translation>VLAN %1</translation>
        </message>
        <message>
            <source>untagged</source>
            <translation>ohne Tag</translation>
        </message>
        <message>
            <source> · remote</source>
            <translation> · entfernt</translation>
        </message>
        <message>
            <source>MTU %1</source>
            <translation>MTU %1</translation>
        </message>
        <message>
            <source>%1 Gb</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 Mb</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Teamed uplinks</source>
            <translation>Uplinks im Team</translation>
        </message>
        <message>
            <source>No teaming</source>
            <translation>Kein Teaming</translation>
        </message>
        <message numerus="yes">
            <source> · %n extension(s)</source>
            <translation>
                <numerusform> · %n Erweiterung</numerusform>
                <numerusform> · %n Erweiterungen</numerusform>
            </translation>
        </message>
        <message>
            <source>LACP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>static team</source>
            <translation>statisches Team</translation>
        </message>
        <message>
            <source>switch independent</source>
            <translation>switchunabhängig</translation>
        </message>
        <message>
            <source>HNV · %1</source>
            <translation>HNV · %1</translation>
        </message>
        <message>
            <source>no HNV · %1</source>
            <translation>kein HNV · %1</translation>
        </message>
        <message>
            <source>VMQ</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SR-IOV</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IPsec offload</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>weight %1</source>
            <translation>Gewichtung %1</translation>
        </message>
        <message>
            <source>max %1 Mbps</source>
            <translation>max. %1 Mbit/s</translation>
        </message>
        <message>
            <source>defaults</source>
            <translation>Standardwerte</translation>
        </message>
        <message>
            <source>in %1</source>
            <translation>in %1</translation>
        </message>
        <message>
            <source>root host group</source>
            <translation>Stamm-Hostgruppe</translation>
        </message>
        <message>
            <source>Tenant side</source>
            <translation>Mandantenseite</translation>
        </message>
        <message>
            <source>Fabric side</source>
            <translation>Fabric-Seite</translation>
        </message>
        <message>
            <source>Host groups and supporting objects</source>
            <translation>Hostgruppen und unterstützende Objekte</translation>
        </message>
        <message>
            <source>On a valid VM-to-host chain</source>
            <translation>Auf einer gültigen Kette von VM zu Host</translation>
        </message>
        <message>
            <source>%1 already runs on %2.</source>
            <translation>%1 läuft bereits auf %2.</translation>
        </message>
        <message>
            <source>Drop to move %1 to %2: its vNICs stay connected.</source>
            <translation>Loslassen verschiebt %1 auf %2: seine vNICs bleiben verbunden.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>%1 cannot move to %2: %3</source>
            <translation>%1 kann nicht auf %2 verschoben werden: %3</translation>
        </message>
        <message>
            <source>%1 was not moved to %2: the move would leave it unconnected.</source>
            <translation>%1 wurde nicht auf %2 verschoben: die Verschiebung würde die VM vom Netzwerk trennen.</translation>
        </message>
        <message>
            <source>%1 now runs on %2.</source>
            <translation>%1 läuft jetzt auf %2.</translation>
        </message>
        <message>
            <source>Cannot move %1: %2</source>
            <translation>%1 kann nicht verschoben werden: %2</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::DiagramView</name>
        <message>
            <source>Cannot bind: %1</source>
            <translation>Verbinden nicht möglich: %1</translation>
        </message>
        <message>
            <source>Drop onto another entity to bind it.</source>
            <translation>Auf ein anderes Objekt ziehen, um es zu verbinden.</translation>
        </message>
        <message>
            <source>This entity has no name to edit.</source>
            <translation>Dieses Objekt hat keinen bearbeitbaren Namen.</translation>
        </message>
        <message>
            <source>Cannot rename: %1</source>
            <translation>Umbenennen nicht möglich: %1</translation>
        </message>
        <message>
            <source>Binding cancelled.</source>
            <translation>Verbinden abgebrochen.</translation>
        </message>
        <message>
            <source>&amp;Expand</source>
            <translation>&amp;Aufklappen</translation>
        </message>
        <message>
            <source>&amp;Collapse</source>
            <translation>&amp;Zuklappen</translation>
        </message>
        <message>
            <source>Collapse &amp;All</source>
            <translation>&amp;Alle zuklappen</translation>
        </message>
        <message>
            <source>E&amp;xpand All</source>
            <translation>Alle auf&amp;klappen</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::MainWindow</name>
        <message>
            <source>Recover</source>
            <translation>Wiederherstellen</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Verwerfen</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Recovery file discarded.</source>
            <translation>Wiederherstellungsdatei verworfen.</translation>
        </message>
        <message>
            <source>%1%</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New</source>
            <translation>&amp;Neu</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>Ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>Speichern &amp;unter…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Rückgängig</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Wiederholen</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Ausschneiden</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Einfügen</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation>&amp;Alles auswählen</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Suchen…</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Umbenennen</translation>
        </message>
        <message>
            <source>Zoom &amp;In</source>
            <translation>Ver&amp;größern</translation>
        </message>
        <message>
            <source>Zoom &amp;Out</source>
            <translation>Ver&amp;kleinern</translation>
        </message>
        <message>
            <source>Zoom to &amp;Fit</source>
            <translation>&amp;In Fenster einpassen</translation>
        </message>
        <message>
            <source>Actual &amp;Size</source>
            <translation>&amp;Originalgröße</translation>
        </message>
        <message>
            <source>&amp;Minimap</source>
            <translation>Über&amp;sichtskarte</translation>
        </message>
        <message>
            <source>&amp;Snap to Grid</source>
            <translation>Am &amp;Raster ausrichten</translation>
        </message>
        <message>
            <source>Arrange in &amp;Lanes</source>
            <translation>In &amp;Bahnen anordnen</translation>
        </message>
        <message>
            <source>Diagram arranged in lanes; Undo restores the previous layout.</source>
            <translation>Diagramm in Bahnen angeordnet; Rückgängig stellt die vorige Anordnung wieder her.</translation>
        </message>
        <message>
            <source>&amp;Next Problem</source>
            <translation>&amp;Nächstes Problem</translation>
        </message>
        <message>
            <source>&amp;About NetVirt Designer</source>
            <translation>Ü&amp;ber NetVirt Designer</translation>
        </message>
        <message>
            <source>About NetVirt Designer</source>
            <translation>Über NetVirt Designer</translation>
        </message>
        <message>
            <source>&lt;h3&gt;NetVirt Designer %1&lt;/h3&gt;&lt;p&gt;Design, validate and emulate Hyper-V Network Virtualization designs in the model of System Center VMM.&lt;/p&gt;&lt;p&gt;Follow the green arrows: VM → vNIC → VM network → logical network → site ← uplink port profile ← logical switch ← host.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;NetVirt Designer %1&lt;/h3&gt;&lt;p&gt;Entwerfen, prüfen und emulieren Sie Entwürfe für die Hyper-V-Netzwerkvirtualisierung im Modell von System Center VMM.&lt;/p&gt;&lt;p&gt;Folgen Sie den grünen Pfeilen: VM → vNIC → VM-Netzwerk → Logisches Netzwerk → Standort ← Uplink-Portprofil ← Logischer Switch ← Host.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>&amp;Zuletzt geöffnet</translation>
        </message>
        <message>
            <source>Open &amp;Example</source>
            <translation>&amp;Beispiel öffnen</translation>
        </message>
        <message>
            <source>Red and Blue tenants</source>
            <translation>Mandanten Rot und Blau</translation>
        </message>
        <message>
            <source>Three-tier application</source>
            <translation>Dreischichtige Anwendung</translation>
        </message>
        <message>
            <source>Converged host networking</source>
            <translation>Konvergente Host-Netzwerke</translation>
        </message>
        <message>
            <source>IP Rewrite</source>
            <translation>IP-Umschreibung</translation>
        </message>
        <message>
            <source>Broken design (training)</source>
            <translation>Fehlerhafter Entwurf (Übung)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;Panels</source>
            <translation>&amp;Bereiche</translation>
        </message>
        <message>
            <source>&amp;Design</source>
            <translation>&amp;Entwurf</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Über &amp;Qt</translation>
        </message>
        <message>
            <source>Main</source>
            <translation>Haupt</translation>
        </message>
        <message>
            <source>Find entity by name or id (Ctrl+F)</source>
            <translation>Objekt nach Name oder ID suchen (Strg+F)</translation>
        </message>
        <message>
            <source>Palette</source>
            <translation>Palette</translation>
        </message>
        <message>
            <source>Outline</source>
            <translation>Gliederung</translation>
        </message>
        <message>
            <source>Properties</source>
            <translation>Eigenschaften</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <source>Errors, warnings and infos of the rule engine (F8: next problem)</source>
            <translation>Fehler, Warnungen und Hinweise der Regelprüfung (F8: nächstes Problem)</translation>
        </message>
        <message>
            <source>100%</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1[*] — NetVirt Designer</source>
            <translation>%1[*] — NetVirt Designer</translation>
        </message>
        <message numerus="yes">
            <source>%1 hosts · %2 VMs · %3 VM networks · %n entities</source>
            <translation>
                <numerusform>%1 Hosts · %2 VMs · %3 VM-Netzwerke · %n Objekt</numerusform>
                <numerusform>%1 Hosts · %2 VMs · %3 VM-Netzwerke · %n Objekte</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n Fehler</numerusform>
                <numerusform>%n Fehler</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n Warnung</numerusform>
                <numerusform>%n Warnungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n info(s)</source>
            <translation>
                <numerusform>%n Hinweis</numerusform>
                <numerusform>%n Hinweise</numerusform>
            </translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Ungespeicherte Änderungen</translation>
        </message>
        <message>
            <source>The design "%1" has been modified.
Do you want to save your changes?</source>
            <translation>Der Entwurf „%1“ wurde geändert.
Möchten Sie die Änderungen speichern?</translation>
        </message>
        <message>
            <source>New design.</source>
            <translation>Neuer Entwurf.</translation>
        </message>
        <message>
            <source>Open Design</source>
            <translation>Entwurf öffnen</translation>
        </message>
        <message>
            <source>NetVirt designs (*.netvirt *.json);;All files (*)</source>
            <translation>NetVirt-Entwürfe (*.netvirt *.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Could not open %1: %2</source>
            <translation>%1 konnte nicht geöffnet werden: %2</translation>
        </message>
        <message>
            <source>Could not open %1</source>
            <translation>%1 konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>%1 geöffnet</translation>
        </message>
        <message>
            <source>The example "%1" is not bundled with this build.</source>
            <translation>Das Beispiel „%1“ ist in diesem Build nicht enthalten.</translation>
        </message>
        <message>
            <source>The example "%1" could not be read: %2</source>
            <translation>Das Beispiel „%1“ konnte nicht gelesen werden: %2</translation>
        </message>
        <message>
            <source>Opened the example "%1". Save As to keep your changes.</source>
            <translation>Beispiel „%1“ geöffnet. Mit „Speichern unter“ behalten Sie Ihre Änderungen.</translation>
        </message>
        <message>
            <source>design.netvirt</source>
            <translation>entwurf.netvirt</translation>
        </message>
        <message>
            <source>Save Design As</source>
            <translation>Entwurf speichern unter</translation>
        </message>
        <message>
            <source>NetVirt design (*.netvirt);;JSON design (*.json)</source>
            <translation>NetVirt-Entwurf (*.netvirt);;JSON-Entwurf (*.json)</translation>
        </message>
        <message>
            <source>Could not save %1: %2</source>
            <translation>%1 konnte nicht gespeichert werden: %2</translation>
        </message>
        <message>
            <source>Saving failed; the design is still open and unchanged.</source>
            <translation>Speichern fehlgeschlagen; der Entwurf ist weiterhin geöffnet und unverändert.</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>%1 gespeichert</translation>
        </message>
        <message>
            <source>(no recent files)</source>
            <translation>(keine zuletzt geöffneten Dateien)</translation>
        </message>
        <message>
            <source>Clear Menu</source>
            <translation>Menü leeren</translation>
        </message>
        <message>
            <source>Autosave failed: %1</source>
            <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>NetVirt Designer did not exit cleanly. An unsaved design was autosaved at %1.</source>
            <translation>NetVirt Designer wurde nicht ordnungsgemäß beendet. Ein ungespeicherter Entwurf wurde automatisch unter %1 gesichert.</translation>
        </message>
        <message>
            <source>NetVirt Designer did not exit cleanly. Unsaved changes to %1 were autosaved at %2.</source>
            <translation>NetVirt Designer wurde nicht ordnungsgemäß beendet. Ungespeicherte Änderungen an %1 wurden automatisch unter %2 gesichert.</translation>
        </message>
        <message>
            <source>The recovery file could not be read: %1</source>
            <translation>Die Wiederherstellungsdatei konnte nicht gelesen werden: %1</translation>
        </message>
        <message>
            <source>Design recovered. Save it to keep the recovered changes.</source>
            <translation>Entwurf wiederhergestellt. Speichern Sie ihn, um die wiederhergestellten Änderungen zu behalten.</translation>
        </message>
        <message>
            <source>Cannot add: %1</source>
            <translation>Hinzufügen nicht möglich: %1</translation>
        </message>
        <message>
            <source>Added %1 %2.</source>
            <translation>%1 %2 hinzugefügt.</translation>
        </message>
        <message>
            <source>Cannot delete: %1</source>
            <translation>Löschen nicht möglich: %1</translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n entities; references to them are now reported as problems.</source>
            <translation>
                <numerusform>%n Objekt gelöscht; Verweise darauf werden jetzt als Probleme gemeldet.</numerusform>
                <numerusform>%n Objekte gelöscht; Verweise darauf werden jetzt als Probleme gemeldet.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n entities.</source>
            <translation>
                <numerusform>%n Objekt kopiert.</numerusform>
                <numerusform>%n Objekte kopiert.</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot paste: %1</source>
            <translation>Einfügen nicht möglich: %1</translation>
        </message>
        <message numerus="yes">
            <source>Pasted %n entities with fresh ids.</source>
            <translation>
                <numerusform>%n Objekt mit neuer ID eingefügt.</numerusform>
                <numerusform>%n Objekte mit neuen IDs eingefügt.</numerusform>
            </translation>
        </message>
        <message>
            <source>No entity matches "%1".</source>
            <translation>Kein Objekt passt zu „%1“.</translation>
        </message>
        <message>
            <source>Match %1 of %2: %3</source>
            <translation>Treffer %1 von %2: %3</translation>
        </message>
        <message>
            <source> — fix available: %1</source>
            <translation> — Korrektur verfügbar: %1</translation>
        </message>
        <message>
            <source>The design validates clean.</source>
            <translation>Der Entwurf ist fehlerfrei.</translation>
        </message>
        <message>
            <source>&amp;Export Diagram…</source>
            <translation>Diagramm &amp;exportieren…</translation>
        </message>
        <message>
            <source>Export Diagram</source>
            <translation>Diagramm exportieren</translation>
        </message>
        <message>
            <source>SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf)</source>
            <translation>SVG-Bild (*.svg);;PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
        </message>
        <message>
            <source>Exported the diagram to %1</source>
            <translation>Diagramm nach %1 exportiert</translation>
        </message>
        <message>
            <source>Could not export the diagram: %1</source>
            <translation>Das Diagramm konnte nicht exportiert werden: %1</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::MinimapWidget</name>
        <message>
            <source>Overview: click or drag to move the view</source>
            <translation>Übersicht: klicken oder ziehen, um die Ansicht zu verschieben</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::OutlinePanel</name>
        <message>
            <source>Filter by name or id</source>
            <translation>Nach Name oder ID filtern</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::PalettePanel</name>
        <message>
            <source>Drag onto the diagram, or double-click to add</source>
            <translation>Auf das Diagramm ziehen oder doppelklicken, um hinzuzufügen</translation>
        </message>
        <message>
            <source>Add a %1: drag it onto the diagram (onto its parent for vNICs, NICs and subnets) or double-click</source>
            <translation>%1 hinzufügen: auf das Diagramm ziehen (vNICs, Netzwerkkarten und Subnetze auf ihr übergeordnetes Objekt) oder doppelklicken</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::ProblemsPanel</name>
        <message>
            <source>Fix available: %1</source>
            <translation>Korrektur verfügbar: %1</translation>
        </message>
        <message>
            <source>Fix: %1</source>
            <translation>Korrektur: %1</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Schweregrad</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>Entities</source>
            <translation>Objekte</translation>
        </message>
        <message>
            <source>Apply Fix</source>
            <translation>Korrektur anwenden</translation>
        </message>
        <message>
            <source>Apply the suggested fix of the selected problem (undoable)</source>
            <translation>Die vorgeschlagene Korrektur des gewählten Problems anwenden (rückgängig machbar)</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n Fehler</numerusform>
                <numerusform>%n Fehler</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n Warnung</numerusform>
                <numerusform>%n Warnungen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n info(s)</source>
            <translation>
                <numerusform>%n Hinweis</numerusform>
                <numerusform>%n Hinweise</numerusform>
            </translation>
        </message>
        <message>
            <source>The selected problem has no automatic fix</source>
            <translation>Für das gewählte Problem gibt es keine automatische Korrektur</translation>
        </message>
        <message>
            <source>Fix applied; Undo reverts it.</source>
            <translation>Korrektur angewendet; Rückgängig macht sie rückgängig.</translation>
        </message>
        <message>
            <source>Cannot apply the fix: %1</source>
            <translation>Die Korrektur kann nicht angewendet werden: %1</translation>
        </message>
    </context>
    <context>
        <name>netvirt::designer::PropertiesPanel</name>
        <message>
            <source>"%1" is not a prefix such as 10.1.1.0/24.</source>
            <translation>„%1“ ist kein Präfix wie 10.1.1.0/24.</translation>
        </message>
        <message>
            <source>The prefix length of "%1" is out of range.</source>
            <translation>Die Präfixlänge von „%1“ liegt außerhalb des gültigen Bereichs.</translation>
        </message>
        <message>
            <source>"%1" has host bits set: did you mean %2?</source>
            <translation>„%1“ hat gesetzte Host-Bits: meinten Sie %2?</translation>
        </message>
        <message>
            <source>"%1" is not a MAC address such as 00:1D:D8:B7:1C:01.</source>
            <translation>„%1“ ist keine MAC-Adresse wie 00:1D:D8:B7:1C:01.</translation>
        </message>
        <message>
            <source>"%1" is not an IP address.</source>
            <translation>„%1“ ist keine IP-Adresse.</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>Change refused: %1</source>
            <translation>Änderung abgelehnt: %1</translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%n entities selected&lt;/b&gt;</source>
            <translation>
                <numerusform>&lt;b&gt;%n Objekt ausgewählt&lt;/b&gt;</numerusform>
                <numerusform>&lt;b&gt;%n Objekte ausgewählt&lt;/b&gt;</numerusform>
            </translation>
        </message>
        <message>
            <source>&lt;i&gt;Select an entity to see its properties.&lt;/i&gt;</source>
            <translation>&lt;i&gt;Wählen Sie ein Objekt, um seine Eigenschaften zu sehen.&lt;/i&gt;</translation>
        </message>
        <message>
            <source>Id</source>
            <translation>ID</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) — edit them in the diagram</source>
            <translation>
                <numerusform>%n Element — im Diagramm bearbeiten</numerusform>
                <numerusform>%n Elemente — im Diagramm bearbeiten</numerusform>
            </translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(keine)</translation>
        </message>
        <message>
            <source>%1 (missing)</source>
            <translation>%1 (fehlt)</translation>
        </message>
        <message>
            <source>JSON, as in the design file</source>
            <translation>JSON, wie in der Entwurfsdatei</translation>
        </message>
        <message>
            <source>"%1" is not a number.</source>
            <translation>„%1“ ist keine Zahl.</translation>
        </message>
        <message>
            <source>not valid JSON of the right shape.</source>
            <translation>kein gültiges JSON der richtigen Form.</translation>
        </message>
    </context>
</TS>
