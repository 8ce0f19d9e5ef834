#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the crafted fuzz seeds of tests/fuzz/seeds/ (committed, small).

They reach the parser paths no fixture of test_binaries/ does: a dynamic
linker image (MH_DYLINKER, with LC_UNIXTHREAD and with LC_MAIN), a 64-bit
fat header choosing x86_64 over x86_64h, and a fat arch table too long for
the loader's 256-byte probe buffer (-E2BIG), and the limits a fuzzer does
not reach by mutation (measured with llvm-cov): MACHO_MAX_SEGMENTS
segments and one more, a MACHO_MAX_PATH dylinker path, two x86_64 thread
states. Run from anywhere; rewrites the files in place.
"""
import os
import struct

PAGE = 0x1000
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")

MH_MAGIC_64, CPU_X86_64, CPU_ARM64 = 0xfeedfacf, 0x01000007, 0x0100000c
MH_EXECUTE, MH_DYLINKER, MH_PIE = 2, 7, 0x200000
LC_SEGMENT_64, LC_UNIXTHREAD, LC_MAIN = 0x19, 0x5, 0x80000028
LC_LOAD_DYLINKER = 0xe
MAX_SEGMENTS, MAX_PATH = 32, 1024	# macho_parser.h
FAT_MAGIC, FAT_MAGIC_64 = 0xcafebabe, 0xcafebabf


def segment(name, vmaddr, vmsize, fileoff, filesize, prot):
    return struct.pack("<II16sQQQQiiII", LC_SEGMENT_64, 72, name.encode(),
                       vmaddr, vmsize, fileoff, filesize, prot, prot, 0, 0)


def thread_state(rip):
    regs = [0] * 21
    regs[16] = rip				# rax..r15, then rip
    return struct.pack("<II21Q", 4, 42, *regs)	# x86_THREAD_STATE64


def unixthread(rip, nstates=1):
    states = thread_state(rip) * nstates
    return struct.pack("<II", LC_UNIXTHREAD, 8 + len(states)) + states


def load_dylinker(path):
    size = (12 + len(path) + 1 + 7) // 8 * 8	# cmdsize: a multiple of 8
    name = path.encode().ljust(size - 12, b"\0")
    return struct.pack("<III", LC_LOAD_DYLINKER, size, 12) + name


def entry_main(entryoff):
    return struct.pack("<IIQQ", LC_MAIN, 24, entryoff, 0)


def image(filetype, flags, cmds, size=PAGE):
    body = b"".join(cmds)
    hdr = struct.pack("<IiiIIIII", MH_MAGIC_64, CPU_X86_64, 3, filetype,
                      len(cmds), len(body), flags, 0)
    return (hdr + body).ljust(size, b"\0")


def dylinker(entry):
    text = segment("__TEXT", 0, PAGE, 0, PAGE, 5)
    return image(MH_DYLINKER, 0, [text, entry])


def fat(archs, fat64, payloads):
    """archs: (cputype, subtype, slice index or None for a bogus slice)."""
    entsize = 32 if fat64 else 20
    table_end = 8 + len(archs) * entsize
    first = (table_end + PAGE - 1) // PAGE * PAGE
    offsets = [first + i * PAGE for i in range(len(payloads))]
    out = struct.pack(">II", FAT_MAGIC_64 if fat64 else FAT_MAGIC, len(archs))
    for cpu, sub, idx in archs:
        off, size = (offsets[idx], len(payloads[idx])) if idx is not None \
            else (0, 0)
        if fat64:
            out += struct.pack(">iiQQII", cpu, sub, off, size, 12, 0)
        else:
            out += struct.pack(">iiIII", cpu, sub, off, size, 12)
    out = out.ljust(first, b"\0")
    for p in payloads:
        out += p.ljust(PAGE, b"\0")
    return out


def many_segments(n):
    """__TEXT at 64 KiB, then n - 1 zero-fill data pages from 1 MiB."""
    segs = [segment("__TEXT", 0x10000, PAGE, 0, PAGE, 5)]
    segs += [segment("__DATA%d" % i, 0x100000 + i * PAGE, PAGE, 0, 0, 3)
             for i in range(n - 1)]
    return image(MH_EXECUTE, 0, segs + [unixthread(0x10100)])


def dyld_path(length):
    text = segment("__TEXT", 0x10000, PAGE, 0, PAGE, 5)
    return image(MH_EXECUTE, 0, [text, load_dylinker("/" * length),
                                 entry_main(0x100)])


def main():
    exe = image(MH_EXECUTE, MH_PIE, [segment("__TEXT", 0, PAGE, 0, PAGE, 5),
                                     unixthread(0x200)])
    seeds = {
        "dylinker-unixthread": dylinker(unixthread(0x100)),
        "dylinker-main": dylinker(entry_main(0x100)),
        "execute-pie-unixthread": exe,
        # x86_64h first: the generic x86_64 slice must still win
        "fat64-x86_64h-x86_64": fat([(CPU_ARM64, 0, None),
                                     (CPU_X86_64, 8, 0),
                                     (CPU_X86_64, 3, 1)], True, [exe, exe]),
        # 14 entries * 20 + 8 > 256: the x86_64 one is past bprm->buf
        "fat-table-past-probe-buffer": fat([(CPU_ARM64, 0, None)] * 13 +
                                           [(CPU_X86_64, 3, 0)], False,
                                           [exe]),
    }
    seeds.update({
        "segments-max": many_segments(MAX_SEGMENTS),
        "segments-max-plus-one": many_segments(MAX_SEGMENTS + 1),
        "dylinker-path-max": dyld_path(MAX_PATH - 1),
        "dylinker-path-too-long": dyld_path(MAX_PATH),
        "unixthread-two-x86-states": image(MH_EXECUTE, 0, [
            segment("__TEXT", 0, PAGE, 0, PAGE, 5), unixthread(0x100, 2)]),
    })
    os.makedirs(OUT, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
