#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a self-contained ld64.lld executable into a static Mach-O.

ld64.lld (14, 19 and 22) does not implement -static: its output always
starts through dyld (LC_MAIN + LC_LOAD_DYLINKER /usr/lib/dyld, MH_DYLDLINK,
MH_PIE).  This tool makes what `ld64 -static` would have made: it drops the
dyld-only load commands, appends an LC_UNIXTHREAD whose rip is the LC_MAIN
entry point, and clears MH_DYLDLINK and MH_PIE.  Link with

    ld64.lld -arch x86_64 -platform_version macos 11.0 11.0 \\
        -no_pie -headerpad 0x400 -e _start -o prog.lld start.o ...
    macho-mkstatic.py prog.lld prog

Images that import from a dylib, or that still need dyld fixups, are
refused: nobody would apply them.  Standard library only.
"""
import argparse
import os
import struct
import sys

MH_MAGIC_64 = 0xFEEDFACF
CPU_TYPE_X86_64 = 0x01000007
MH_EXECUTE = 0x2
MH_HEADER_SIZE = 32
MH_DYLDLINK = 0x4
MH_PIE = 0x200000

LC_SEGMENT_64 = 0x19
LC_UNIXTHREAD = 0x5
LC_LOAD_DYLINKER = 0xE
LC_LOAD_DYLIB = 0xC
LC_DYLD_INFO = 0x22
LC_DYLD_INFO_ONLY = 0x80000022
LC_DYLD_EXPORTS_TRIE = 0x80000033
LC_DYLD_CHAINED_FIXUPS = 0x80000034
LC_MAIN = 0x80000028

# Commands that only dyld reads: the kernel would refuse LC_MAIN without a
# dylinker, and the exports trie / fixup info describe nothing we need.
DYLD_ONLY = {LC_MAIN, LC_LOAD_DYLINKER, LC_DYLD_INFO, LC_DYLD_INFO_ONLY,
             LC_DYLD_CHAINED_FIXUPS, LC_DYLD_EXPORTS_TRIE}

x86_THREAD_STATE64 = 4
x86_THREAD_STATE64_COUNT = 42          # 21 64-bit registers
X86_RIP_INDEX = 16                     # rax..r15 are 0..15, then rip


class MkstaticError(Exception):
    pass


def needs_binds(cmd, raw):
    """True if an LC_DYLD_INFO(_ONLY) command lists binds.  Rebase info
    is harmless: a non-PIE static image is never slid."""
    if cmd not in (LC_DYLD_INFO, LC_DYLD_INFO_ONLY):
        return False
    # (offset, size) pairs: rebase, bind, weak bind, lazy bind, export
    sizes = struct.unpack_from("<10I", raw, 8)[1::2]
    return any(sizes[1:4])


def first_section_offset(cmds, default):
    """File offset of the first section with content: where the load
    commands must end."""
    first = default
    for raw in cmds:
        cmd, = struct.unpack_from("<I", raw)
        if cmd != LC_SEGMENT_64:
            continue
        nsects, = struct.unpack_from("<I", raw, 64)
        for i in range(nsects):
            sect_off, = struct.unpack_from("<I", raw, 72 + 80 * i + 48)
            if sect_off:
                first = min(first, sect_off)
    return first


def make_static(image):
    if len(image) < MH_HEADER_SIZE:
        raise MkstaticError("file too short for a mach_header_64")
    (magic, cputype, cpusub, filetype, ncmds, sizeofcmds, flags,
     reserved) = struct.unpack_from("<8I", image, 0)
    if magic != MH_MAGIC_64 or cputype != CPU_TYPE_X86_64:
        raise MkstaticError("not a thin x86_64 Mach-O (magic %#x, cputype "
                            "%#x)" % (magic, cputype))
    if filetype != MH_EXECUTE:
        raise MkstaticError("filetype %d is not MH_EXECUTE" % filetype)
    if MH_HEADER_SIZE + sizeofcmds > len(image):
        raise MkstaticError("load commands run past the end of the file")

    kept, text_vmaddr, entryoff = [], None, None
    off = MH_HEADER_SIZE
    for i in range(ncmds):
        if off + 8 > MH_HEADER_SIZE + sizeofcmds:
            raise MkstaticError("load command %d is truncated" % i)
        cmd, size = struct.unpack_from("<2I", image, off)
        if size < 8 or off + size > MH_HEADER_SIZE + sizeofcmds:
            raise MkstaticError("load command %d has bad cmdsize %d" %
                                (i, size))
        raw = bytes(image[off:off + size])
        if cmd == LC_SEGMENT_64 and raw[8:24].rstrip(b"\0") == b"__TEXT":
            text_vmaddr, = struct.unpack_from("<Q", raw, 24)
        elif cmd == LC_MAIN:
            entryoff, = struct.unpack_from("<Q", raw, 8)
        elif cmd == LC_LOAD_DYLIB:
            name_off, = struct.unpack_from("<I", raw, 8)
            name = raw[name_off:].split(b"\0")[0].decode(errors="replace")
            raise MkstaticError("image imports from %s: it cannot be "
                                "static" % name)
        elif cmd == LC_UNIXTHREAD:
            raise MkstaticError("image already has an LC_UNIXTHREAD")
        elif cmd == LC_DYLD_CHAINED_FIXUPS:
            # chained pointers are rewritten by dyld even without a slide
            raise MkstaticError("image uses chained fixups: link with "
                                "-platform_version macos 11.0 11.0")
        if needs_binds(cmd, raw):
            raise MkstaticError("image binds symbols from a dylib: it "
                                "cannot be static")
        if cmd not in DYLD_ONLY:
            kept.append(raw)
        off += size
    if text_vmaddr is None:
        raise MkstaticError("no __TEXT segment")
    if entryoff is None:
        raise MkstaticError("no LC_MAIN: link with -e <entry symbol>")

    regs = [0] * (x86_THREAD_STATE64_COUNT // 2)
    regs[X86_RIP_INDEX] = text_vmaddr + entryoff
    thread = struct.pack("<4I", LC_UNIXTHREAD, 16 + 8 * len(regs),
                         x86_THREAD_STATE64, x86_THREAD_STATE64_COUNT)
    thread += struct.pack("<%dQ" % len(regs), *regs)
    kept.append(thread)

    blob = b"".join(kept)
    limit = first_section_offset(kept, len(image))
    if MH_HEADER_SIZE + len(blob) > limit:
        raise MkstaticError("no room for LC_UNIXTHREAD (%d bytes of load "
                            "commands, sections start at %#x): relink with "
                            "-headerpad 0x400" % (len(blob), limit))

    out = bytearray(image)
    end = MH_HEADER_SIZE + max(sizeofcmds, len(blob))
    out[MH_HEADER_SIZE:end] = bytes(end - MH_HEADER_SIZE)
    out[MH_HEADER_SIZE:MH_HEADER_SIZE + len(blob)] = blob
    flags &= ~(MH_DYLDLINK | MH_PIE)
    struct.pack_into("<8I", out, 0, magic, cputype, cpusub, filetype,
                     len(kept), len(blob), flags, reserved)
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(
        description="Make a static LC_UNIXTHREAD Mach-O from ld64.lld "
                    "output.")
    ap.add_argument("input", help="ld64.lld output (LC_MAIN, no imports)")
    ap.add_argument("output", help="static executable to write")
    args = ap.parse_args()
    try:
        with open(args.input, "rb") as f:
            image = f.read()
        result = make_static(image)
    except (OSError, MkstaticError, struct.error) as e:
        sys.exit("%s: %s: %s" % (os.path.basename(sys.argv[0]), args.input,
                                  e))
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(result)
    os.chmod(tmp, 0o755)
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
