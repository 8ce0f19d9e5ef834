#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the execve fixtures for binfmt_macho's integration tests.

    make-malformed.py hello_static_macos OUTDIR

Every malformed fixture is the working hello_static_macos with exactly one
defect, so if the kernel failed to notice it the program would run and
print "Hello, World!".  The kernel must refuse each with ENOEXEC before the
point of no return.  Also written: a fat file whose x86_64 slice must run,
and a Java class file (it starts with 0xcafebabe like a fat file) that the
module must leave to other handlers without complaint.

OUTDIR/MANIFEST lists one fixture per line:
    name <TAB> group <TAB> expect <TAB> defect <TAB> description
where expect is an errno name or RUN, and defect is the name
tools/macho_lib.validate() gives the file's (only) defect ("-" for none).
Standard library only.
"""
import os
import struct
import sys

sys.dont_write_bytecode = True         # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import macho_lib as M  # noqa: E402

FIXTURES = []


def fixture(name, group, expect, defect, description):
    def register(fn):
        FIXTURES.append((name, group, expect, defect, description, fn))
        return fn
    return register


# -- file and header ------------------------------------------------------

@fixture("truncated-header", "header", "ENOEXEC", "truncated-header",
         "only the first 20 bytes of the mach_header_64")
def _(m):
    return m.data[:20]


@fixture("sizeofcmds-past-eof", "header", "ENOEXEC", "sizeofcmds-past-eof",
         "sizeofcmds larger than the file")
def _(m):
    return m.build(sizeofcmds=len(m.data) + 0x1000)


@fixture("truncated-commands", "header", "ENOEXEC", "sizeofcmds-past-eof",
         "file cut off in the middle of the load commands")
def _(m):
    return m.build()[:M.MH_HEADER_SIZE + m.sizeofcmds // 2]


@fixture("bad-cputype", "header", "ENOEXEC", "bad-cputype",
         "thin image with cputype ARM64")
def _(m):
    m.cputype = M.CPU_TYPE_ARM64
    return m.build()


@fixture("filetype-dylib", "header", "ENOEXEC", "bad-filetype",
         "filetype MH_DYLIB: not an executable")
def _(m):
    m.filetype = M.MH_DYLIB
    return m.build()


# -- load command table ---------------------------------------------------

@fixture("ncmds-overflow", "load-commands", "ENOEXEC", "ncmds-overflow",
         "ncmds 0xffffffff: more commands than sizeofcmds holds")
def _(m):
    return m.build(ncmds=0xFFFFFFFF)


@fixture("cmdsize-zero", "load-commands", "ENOEXEC", "cmdsize-too-small",
         "a load command with cmdsize 0 (a naive parser loops forever)")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    struct.pack_into("<I", m.cmds[i], 4, 0)
    return m.build()


@fixture("cmdsize-past-end", "load-commands", "ENOEXEC", "cmdsize-past-end",
         "the last load command's cmdsize runs past sizeofcmds")
def _(m):
    out = bytearray(m.build())
    last = M.MH_HEADER_SIZE + sum(len(c) for c in m.cmds[:-1])
    struct.pack_into("<I", out, last + 4, len(m.cmds[-1]) + 0x100)
    return bytes(out)


@fixture("cmdsize-unaligned", "load-commands", "ENOEXEC", "cmdsize-unaligned",
         "a cmdsize that is not a multiple of 8")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    m.cmds[i] += b"\0\0\0\0"
    struct.pack_into("<I", m.cmds[i], 4, len(m.cmds[i]))
    return m.build()


@fixture("nsects-overflow", "load-commands", "ENOEXEC", "nsects-overflow",
         "__TEXT claims 1000 sections, far more than its cmdsize holds")
def _(m):
    m.seg_set("__TEXT", "nsects", 1000)
    return m.build()


# -- segments against the file --------------------------------------------

@fixture("segment-fileoff-past-eof", "segment-file", "ENOEXEC",
         "segment-past-eof", "__LINKEDIT fileoff 1 MiB past the end")
def _(m):
    m.seg_set("__LINKEDIT", "fileoff", 0x100000)
    return m.build()


@fixture("segment-filesize-past-eof", "segment-file", "ENOEXEC",
         "segment-past-eof", "__LINKEDIT fileoff + filesize past the end")
def _(m):
    m.seg_set("__LINKEDIT", "vmsize", 0x100000)
    m.seg_set("__LINKEDIT", "filesize", 0x100000)
    return m.build()


@fixture("filesize-gt-vmsize", "segment-file", "ENOEXEC",
         "segment-filesize-gt-vmsize", "__LINKEDIT filesize > vmsize")
def _(m):
    m.seg_set("__LINKEDIT", "vmsize", 0x10)
    return m.build()


@fixture("header-not-mapped", "segment-file", "ENOEXEC", "header-not-mapped",
         "__TEXT maps only the first 16 bytes: the load commands are "
         "not inside any segment")
def _(m):
    m.seg_set("__TEXT", "filesize", 16)
    return m.build()


# -- segments in the address space ----------------------------------------

@fixture("vmaddr-vmsize-wrap", "segment-vm", "ENOEXEC", "segment-vm-wrap",
         "__LINKEDIT vmaddr + vmsize wraps around 2^64")
def _(m):
    m.seg_set("__LINKEDIT", "vmsize", 0xFFFFFFFFFFFF0000)
    return m.build()


@fixture("overlapping-segments", "segment-vm", "ENOEXEC", "segments-overlap",
         "__LINKEDIT mapped at the same address as __TEXT")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", m.seg_get("__TEXT", "vmaddr"))
    return m.build()


@fixture("segment-unaligned", "segment-vm", "ENOEXEC", "segment-unaligned",
         "__LINKEDIT vmaddr not page aligned")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", m.seg_get("__LINKEDIT", "vmaddr") +
              0x10)
    return m.build()


@fixture("segment-into-commpage", "address-space", "ENOEXEC",
         "segment-above-user-space",
         "__LINKEDIT spans 0x7fffffdff000-0x7fffffe01000, into the commpage")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", M.USER_ADDR_END - M.PAGE)
    m.seg_set("__LINKEDIT", "vmsize", 2 * M.PAGE)
    return m.build()


@fixture("segment-above-user-space", "address-space", "ENOEXEC",
         "segment-above-user-space",
         "__LINKEDIT at 0x800000000000, above the user address space")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", 0x800000000000)
    return m.build()


# -- entry point ----------------------------------------------------------

@fixture("entry-outside-segments", "entry", "ENOEXEC",
         "entry-outside-segments", "LC_UNIXTHREAD rip 0x200000000, unmapped")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    struct.pack_into("<Q", m.cmds[i], M.THREAD_RIP_OFFSET, 0x200000000)
    return m.build()


@fixture("entry-in-pagezero", "entry", "ENOEXEC", "entry-outside-segments",
         "LC_UNIXTHREAD rip 0x1000, inside __PAGEZERO")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    struct.pack_into("<Q", m.cmds[i], M.THREAD_RIP_OFFSET, 0x1000)
    return m.build()


@fixture("entry-not-executable", "entry", "ENOEXEC", "entry-not-executable",
         "LC_UNIXTHREAD rip in __LINKEDIT, which is not executable")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    struct.pack_into("<Q", m.cmds[i], M.THREAD_RIP_OFFSET,
                     m.seg_get("__LINKEDIT", "vmaddr"))
    return m.build()


@fixture("duplicate-unixthread", "entry", "ENOEXEC", "entry-duplicate",
         "two LC_UNIXTHREAD commands")
def _(m):
    m.cmds.append(bytearray(m.cmds[m.find_cmd(M.LC_UNIXTHREAD)]))
    return m.build()


@fixture("no-entry", "entry", "ENOEXEC", "entry-missing",
         "an MH_EXECUTE without LC_UNIXTHREAD or LC_MAIN")
def _(m):
    del m.cmds[m.find_cmd(M.LC_UNIXTHREAD)]
    return m.build()


@fixture("thread-bad-flavor", "entry", "ENOEXEC", "thread-bad-flavor",
         "LC_UNIXTHREAD with flavor x86_THREAD_STATE32")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    struct.pack_into("<I", m.cmds[i], 8, 1)
    return m.build()


# -- dylinker -------------------------------------------------------------

def to_lc_main(m):
    """Replace LC_UNIXTHREAD by the equivalent LC_MAIN."""
    i = m.find_cmd(M.LC_UNIXTHREAD)
    entryoff = m.entry - m.seg_get("__TEXT", "vmaddr")
    m.cmds[i] = bytearray(struct.pack("<2I2Q", M.LC_MAIN, 24, entryoff, 0))


@fixture("main-without-dylinker", "dylinker", "ENOEXEC",
         "main-without-dylinker",
         "LC_MAIN entry but no LC_LOAD_DYLINKER to run it")
def _(m):
    to_lc_main(m)
    return m.build()


@fixture("dylinker-unterminated", "dylinker", "ENOEXEC",
         "dylinker-path-unterminated",
         "LC_MAIN + LC_LOAD_DYLINKER whose path has no NUL in its command")
def _(m):
    to_lc_main(m)
    path = b"/usr/lib/dyld" + b"/" * 15        # 28 bytes, no NUL
    cmd = struct.pack("<3I", M.LC_LOAD_DYLINKER, 12 + len(path), 12)
    m.cmds.insert(0, bytearray(cmd + path))
    return m.build()


# -- fat / universal files ------------------------------------------------

def arm64_stub():
    """A thin arm64 mach_header_64 with no commands: never run."""
    return struct.pack("<8I", M.MH_MAGIC_64, M.CPU_TYPE_ARM64, 0,
                       M.MH_EXECUTE, 0, 0, 0, 0) + bytes(M.PAGE - 32)


def i386_stub():
    return struct.pack("<7I", 0xFEEDFACE, M.CPU_TYPE_I386, 3,
                       M.MH_EXECUTE, 0, 0, 0) + bytes(M.PAGE - 28)


@fixture("fat-no-x86_64", "fat", "ENOEXEC", "fat-no-x86_64",
         "fat file with arm64 and i386 slices only")
def _(m):
    return M.fat([(M.CPU_TYPE_ARM64, 0, 0x1000, arm64_stub(), None),
                  (M.CPU_TYPE_I386, 3, 0x2000, i386_stub(), None)])


@fixture("fat-slice-past-eof", "fat", "ENOEXEC", "fat-slice-past-eof",
         "fat x86_64 slice whose size runs 1 MiB past the end of the file")
def _(m):
    return M.fat([(M.CPU_TYPE_X86_64, 3, 0x1000, m.data,
                   len(m.data) + 0x100000)])


@fixture("fat-x86_64", "fat-good", "RUN", "-",
         "fat file: an arm64 stub first, then hello_static_macos as the "
         "x86_64 slice; must print Hello, World!")
def _(m):
    return M.fat([(M.CPU_TYPE_ARM64, 0, 0x1000, arm64_stub(), None),
                  (M.CPU_TYPE_X86_64, 3, 0x2000, m.data, None)])


# -- not a Mach-O at all --------------------------------------------------

def utf8(s):
    return struct.pack(">BH", 1, len(s)) + s


@fixture("java-class", "java", "ENOEXEC", "not-ours",
         "a Java class file (0xcafebabe, major 52): not ours, and "
         "binfmt_macho must not log about it")
def _(m):
    pool = [struct.pack(">BH", 7, 2), utf8(b"Hello"),
            struct.pack(">BH", 7, 4), utf8(b"java/lang/Object")]
    return (struct.pack(">IHHH", 0xCAFEBABE, 0, 52, len(pool) + 1) +
            b"".join(pool) +
            struct.pack(">HHHHHHH", 0x21, 1, 3, 0, 0, 0, 0))


# -- hostile files (issue #5 item 3; run by tests/integration/5?-*) --------
# Each is still hello_static_macos with one defect, so a kernel that missed
# it would print "Hello, World!".

def set_rip(m, rip):
    struct.pack_into("<Q", m.cmds[m.find_cmd(M.LC_UNIXTHREAD)],
                     M.THREAD_RIP_OFFSET, rip)


def widen(m, extra=M.PAGE):
    """Move all of __TEXT's contents @extra bytes up (file and memory
    alike, so rip-relative code still works): room for more commands.
    Sections keep their own offsets relative to the page they moved with."""
    text = m.find_segment("__TEXT")
    tsize = m.seg_get("__TEXT", "filesize")
    body = m.data[:tsize]
    rest = m.data[tsize:]
    m.data = bytes(extra) + body + rest
    for i, raw in enumerate(m.cmds):
        if struct.unpack_from("<I", raw)[0] != M.LC_SEGMENT_64:
            continue
        name = raw[8:24].rstrip(b"\0").decode()
        if i == text:
            m.seg_set(name, "vmsize", m.seg_get(name, "vmsize") + extra)
            m.seg_set(name, "filesize", tsize + extra)
            for j in range(struct.unpack_from("<I", raw, 64)[0]):
                so = 72 + 80 * j
                addr, _ = struct.unpack_from("<2Q", raw, so + 32)
                off = struct.unpack_from("<I", raw, so + 48)[0]
                struct.pack_into("<Q", raw, so + 32, addr + extra)
                struct.pack_into("<I", raw, so + 48, off + extra)
        elif m.seg_get(name, "fileoff") or m.seg_get(name, "filesize"):
            m.seg_set(name, "vmaddr", m.seg_get(name, "vmaddr") + extra)
            m.seg_set(name, "fileoff", m.seg_get(name, "fileoff") + extra)
    set_rip(m, m.entry + extra)
    m.room += extra
    return m


def empty_segment(name):
    """An LC_SEGMENT_64 with vmsize 0: validated and counted, not mapped."""
    return bytearray(struct.pack("<2I16s4Q4I", M.LC_SEGMENT_64, 72,
                                 name.encode(), 0, 0, 0, 0, 1, 1, 0, 0))


@fixture("wide-header-32-segments", "hostile-good", "RUN", "-",
         "hello with its __TEXT moved up a page and 29 empty segments "
         "added: 32 segments, the limit, must still run")
def _(m):
    widen(m)
    m.cmds[1:1] = [empty_segment("__E%02d" % i) for i in range(29)]
    return m.build()


@fixture("too-many-segments", "hostile-load-commands", "ENOEXEC",
         "too-many-segments",
         "33 LC_SEGMENT_64 commands, one more than MACHO_MAX_SEGMENTS")
def _(m):
    widen(m)
    m.cmds[1:1] = [empty_segment("__E%02d" % i) for i in range(30)]
    return m.build()


@fixture("ncmds-past-commands", "hostile-load-commands", "ENOEXEC",
         "cmdsize-too-small",
         "ncmds one more than the commands present: the extra one is the "
         "zero padding after them (cmdsize 0)")
def _(m):
    return m.build(ncmds=len(m.cmds) + 1,
                   sizeofcmds=sum(len(c) for c in m.cmds) + 8)


@fixture("sizeofcmds-over-limit", "hostile-load-commands", "ENOEXEC",
         "sizeofcmds-over-limit",
         "sizeofcmds 1 MiB + 8 in a 2 MiB file: over MACHO_MAX_SIZEOFCMDS "
         "though inside the file (the kernel must not kvmalloc it)")
def _(m):
    out = m.build(sizeofcmds=M.MAX_SIZEOFCMDS + 8)
    return out + bytes(2 * M.MAX_SIZEOFCMDS - len(out))


@fixture("lc-segment-32bit", "hostile-load-commands", "ENOEXEC",
         "segment-32bit", "an LC_SEGMENT (32-bit) command in a 64-bit image")
def _(m):
    m.cmds.insert(1, bytearray(struct.pack("<2I16s8I", M.LC_SEGMENT, 56,
                                           b"__BAD32", 0x2000, 0x1000,
                                           0, 0, 1, 1, 0, 0)))
    return m.build()


@fixture("thread-state-truncated", "hostile-load-commands", "ENOEXEC",
         "thread-bad-flavor",
         "LC_UNIXTHREAD claims 42 state words but its cmdsize holds 12")
def _(m):
    i = m.find_cmd(M.LC_UNIXTHREAD)
    m.cmds[i] = m.cmds[i][:64]
    struct.pack_into("<I", m.cmds[i], 4, 64)
    return m.build()


@fixture("segment-in-stack-area", "hostile-address-space", "ENOEXEC",
         "segment-in-stack-area",
         "__LINKEDIT at 0x7fff00000000: below the commpage, but where the "
         "randomised stack goes")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", 0x7FFF00000000)
    return m.build()


@fixture("segment-at-commpage", "hostile-address-space", "ENOEXEC",
         "segment-above-user-space",
         "__LINKEDIT exactly on the commpage page 0x7fffffe00000")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", M.USER_ADDR_END)
    return m.build()


@fixture("segment-at-kernel-address", "hostile-address-space", "ENOEXEC",
         "segment-above-user-space",
         "__LINKEDIT at 0xffffffff81000000, the kernel text")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", 0xFFFFFFFF81000000)
    return m.build()


@fixture("segment-noncanonical", "hostile-address-space", "ENOEXEC",
         "segment-above-user-space",
         "__LINKEDIT at 0x0000f00000000000, a non-canonical address")
def _(m):
    m.seg_set("__LINKEDIT", "vmaddr", 0x0000F00000000000)
    return m.build()


@fixture("segment-vmsize-128t", "hostile-address-space", "ENOEXEC",
         "segment-in-stack-area",
         "__LINKEDIT vmsize ~128 TiB, ending at 0x7ffff0000000: no wrap, "
         "ends below the commpage, but covers the stack area")
def _(m):
    m.seg_set("__LINKEDIT", "vmsize", 0x7FFFF0000000 - 0x100001000)
    return m.build()


@fixture("segment-vmsize-5g-readonly", "hostile-good", "RUN", "-",
         "__LINKEDIT with a 5 GiB read-only zero-fill tail: legal (no "
         "commit charge), must run")
def _(m):
    m.seg_set("__LINKEDIT", "vmsize", 5 << 30)
    return m.build()


@fixture("entry-noncanonical", "hostile-entry", "ENOEXEC",
         "entry-outside-segments",
         "LC_UNIXTHREAD rip 0x0000800000000000, non-canonical")
def _(m):
    set_rip(m, 0x0000800000000000)
    return m.build()


@fixture("entry-kernel-address", "hostile-entry", "ENOEXEC",
         "entry-outside-segments",
         "LC_UNIXTHREAD rip 0xffffffff81000000, the kernel text")
def _(m):
    set_rip(m, 0xFFFFFFFF81000000)
    return m.build()


@fixture("entry-commpage", "hostile-entry", "ENOEXEC",
         "entry-outside-segments",
         "LC_UNIXTHREAD rip 0x7fffffe00000, the commpage (mapped, but not "
         "part of the image)")
def _(m):
    set_rip(m, M.USER_ADDR_END)
    return m.build()


def add_dylinker(m, path, name_off=12, size=None):
    body = path + bytes(-(12 + len(path)) % 8)
    if size is None:
        size = 12 + len(body)
    cmd = struct.pack("<3I", M.LC_LOAD_DYLINKER, size, name_off)
    m.cmds.insert(0, bytearray(cmd + body))


# A dylinker that names itself: tests/integration/55-hostile-dylinker copies
# the fixture to this path first.  There is no dyld lookup yet (the runtime
# table comes later), so the module refuses every dylinker with ENOENT
# before reading it: no recursion can happen today.
DYLINKER_SELF = b"/tmp/macho-dylinker-self\0"


@fixture("dylinker-self", "hostile-dylinker", "ENOENT", "-",
         "LC_MAIN + LC_LOAD_DYLINKER naming this very file (%s): "
         "any dylinker gives ENOENT today" % DYLINKER_SELF[:-1].decode())
def _(m):
    to_lc_main(m)
    add_dylinker(m, DYLINKER_SELF)
    return m.build()


@fixture("dylinker-empty-path", "hostile-dylinker", "ENOEXEC",
         "dylinker-path-empty", "LC_LOAD_DYLINKER whose path is \"\"")
def _(m):
    to_lc_main(m)
    add_dylinker(m, b"\0")
    return m.build()


@fixture("dylinker-name-past-command", "hostile-dylinker", "ENOEXEC",
         "dylinker-name-out-of-command",
         "LC_LOAD_DYLINKER name offset 0x1000, past its own command")
def _(m):
    to_lc_main(m)
    add_dylinker(m, b"/usr/lib/dyld\0", name_off=0x1000)
    return m.build()


@fixture("dylinker-twice", "hostile-dylinker", "ENOEXEC",
         "dylinker-duplicate", "two LC_LOAD_DYLINKER commands")
def _(m):
    to_lc_main(m)
    add_dylinker(m, b"/usr/lib/dyld\0")
    add_dylinker(m, b"/usr/lib/dyld\0")
    return m.build()


@fixture("fat-slice-overlaps-header", "hostile-fat", "ENOEXEC",
         "fat-slice-overlaps-table",
         "fat x86_64 slice at offset 0: it overlaps the fat header")
def _(m):
    out = bytearray(M.fat([(M.CPU_TYPE_X86_64, 3, 0x1000, m.data, None)]))
    struct.pack_into(">I", out, 8 + 8, 0)
    return bytes(out)


@fixture("fat-slice-offset-past-eof", "hostile-fat", "ENOEXEC",
         "fat-slice-past-eof",
         "fat x86_64 slice starting at 1 MiB, past the end of the file")
def _(m):
    out = bytearray(M.fat([(M.CPU_TYPE_X86_64, 3, 0x1000, m.data, None)]))
    struct.pack_into(">I", out, 8 + 8, 0x100000)
    return bytes(out)


@fixture("fat-slice-unaligned", "hostile-fat", "ENOEXEC",
         "fat-slice-unaligned",
         "fat x86_64 slice at offset 0x1008, not page aligned")
def _(m):
    return M.fat([(M.CPU_TYPE_X86_64, 3, 0x1008, m.data, None)])


@fixture("fat-table-truncated", "hostile-fat", "ENOEXEC", "fat-truncated",
         "fat header with nfat_arch 4 in a 28-byte file")
def _(m):
    return (struct.pack(">2I", M.FAT_MAGIC, 4) +
            struct.pack(">5I", M.CPU_TYPE_X86_64, 3, 0x1000, 0x1000, 12))


@fixture("fat-in-fat", "hostile-fat", "ENOEXEC", "fat-in-fat",
         "the x86_64 slice is itself a fat file holding hello")
def _(m):
    inner = M.fat([(M.CPU_TYPE_X86_64, 3, 0x1000, m.data, None)])
    return M.fat([(M.CPU_TYPE_X86_64, 3, 0x1000, inner, None)])


@fixture("fat-13-archs", "hostile-fat", "ENOEXEC", "fat-table-past-probe",
         "12 arm64 stubs then hello: the 13-entry arch table passes the "
         "256 bytes the kernel reads first, and the module refuses it "
         "rather than reading more (kmod/macho_parser.h, -E2BIG)")
def _(m):
    slices = [(M.CPU_TYPE_ARM64, i, 0x1000 * (i + 1), arm64_stub(), None)
              for i in range(12)]
    return M.fat(slices + [(M.CPU_TYPE_X86_64, 3, 0xD000, m.data, None)])


@fixture("fat-slices-overlap", "hostile-fat-overlap", "ENOEXEC",
         "fat-slices-overlap",
         "an arm64 slice [0x1000, 0x3000) overlapping the x86_64 slice at "
         "0x2000 (XNU's fatfile_validate_fatarches refuses this)")
def _(m):
    out = bytearray(M.fat([(M.CPU_TYPE_ARM64, 0, 0x1000, arm64_stub(),
                            None),
                           (M.CPU_TYPE_X86_64, 3, 0x2000, m.data, None)]))
    struct.pack_into(">I", out, 8 + 12, 0x2000)    # arm64 size
    return bytes(out)


@fixture("truncated-file", "hostile-files", "ENOEXEC", "segment-past-eof",
         "hello cut 0x60 bytes short: __LINKEDIT runs past the end")
def _(m):
    return m.data[:-0x60]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make-malformed.py HELLO_STATIC_MACOS OUTDIR")
    src, outdir = sys.argv[1:]
    with open(src, "rb") as f:
        base = f.read()
    if M.validate(base):
        sys.exit("%s: the base image itself is invalid: %s" %
                 (src, M.validate(base)))
    os.makedirs(outdir, exist_ok=True)
    lines = []
    for name, group, expect, defect, desc, fn in FIXTURES:
        data = fn(M.MachO(base))
        got = M.validate(data)
        want = [] if defect == "-" else [defect]
        if got != want:
            sys.exit("fixture %s: has defects %s, want exactly %s" %
                     (name, got, want))
        path = os.path.join(outdir, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o755)
        lines.append("\t".join((name, group, expect, defect, desc)))
    with open(os.path.join(outdir, "MANIFEST"), "w") as f:
        f.write("# name\tgroup\texpect\tdefect\tdescription "
                "(written by tools/make-malformed.py)\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
