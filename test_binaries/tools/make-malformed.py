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
