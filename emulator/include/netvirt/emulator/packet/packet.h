// The packet layer in one include: views, parseFrame, checksums, FrameBuffer, builders,
// NVGRE, IP rewrite and flow hashing (pcap_file.h is separate: it is not on the packet path).
// Thread-safety: see each header; everything here is values and pure functions.
#pragma once

#include <netvirt/emulator/packet/builders.h>
#include <netvirt/emulator/packet/bytes.h>
#include <netvirt/emulator/packet/checksum.h>
#include <netvirt/emulator/packet/dhcp.h>
#include <netvirt/emulator/packet/ethernet.h>
#include <netvirt/emulator/packet/flow_hash.h>
#include <netvirt/emulator/packet/frame_buffer.h>
#include <netvirt/emulator/packet/icmp.h>
#include <netvirt/emulator/packet/ip.h>
#include <netvirt/emulator/packet/nvgre.h>
#include <netvirt/emulator/packet/parsed_frame.h>
#include <netvirt/emulator/packet/rewrite.h>
#include <netvirt/emulator/packet/transport.h>
