# SPDX-License-Identifier: GPL-2.0
"""Small Mach-O reader/writer shared by the test_binaries tools (stdlib).

MachO parses a thin x86_64 image into its header fields and raw load
commands and writes it back, so the fixture generator can change one thing
at a time.  validate() is an independent implementation of the rules the
kernel parser enforces (kmod/macho_parser.h): it lists every defect it
finds, so a fixture can be shown to have exactly the one it is meant to.
"""
import struct

MH_MAGIC_64 = 0xFEEDFACF
FAT_MAGIC = 0xCAFEBABE
CPU_TYPE_X86_64 = 0x01000007
CPU_TYPE_I386 = 0x00000007
CPU_TYPE_ARM64 = 0x0100000C
MH_EXECUTE, MH_DYLIB, MH_DYLINKER = 2, 6, 7
MH_HEADER_SIZE = 32

LC_SEGMENT = 0x1
LC_SEGMENT_64 = 0x19
LC_UNIXTHREAD = 0x5
LC_LOAD_DYLINKER = 0xE
LC_MAIN = 0x80000028
x86_THREAD_STATE64, x86_THREAD_STATE64_COUNT = 4, 42
THREAD_RIP_OFFSET = 16 + 16 * 8       # rip is register 16 of the state
VM_PROT_EXECUTE = 4

USER_ADDR_END = 0x00007FFFFFE00000      # the commpage
PAGE = 0x1000
# kmod/loader.c: images end below the lowest stack, minus the PIE slide
# range (the loader checks it for every image).
IMAGE_END = USER_ADDR_END - PAGE - (16 << 30) - (64 << 20)
SLIDE_RANGE = (1 << 16) * PAGE
MAX_SIZEOFCMDS = 1 << 20
MAX_SEGMENTS = 32
FAT_MAX_ARCHS = 30                      # more: a Java class file
FAT_PROBE_BYTES = 256                   # the arch table must fit in bprm->buf

# segment_command_64 fields: name -> (offset, struct format)
SEG_FIELDS = {
    "vmaddr": (24, "<Q"), "vmsize": (32, "<Q"), "fileoff": (40, "<Q"),
    "filesize": (48, "<Q"), "maxprot": (56, "<I"), "initprot": (60, "<I"),
    "nsects": (64, "<I"),
}


class MachO:
    """A thin 64-bit image: header fields, raw load commands, the rest."""

    def __init__(self, data):
        (self.magic, self.cputype, self.cpusubtype, self.filetype, ncmds,
         self.sizeofcmds, self.flags, self.reserved) = \
            struct.unpack_from("<8I", data, 0)
        if self.magic != MH_MAGIC_64:
            raise ValueError("not a 64-bit Mach-O")
        self.data = bytes(data)
        self.cmds = []
        off = MH_HEADER_SIZE
        for _ in range(ncmds):
            cmd, size = struct.unpack_from("<2I", data, off)
            self.cmds.append(bytearray(data[off:off + size]))
            off += size
        self.room = self._header_room()

    def find_segment(self, name):
        for i, raw in enumerate(self.cmds):
            if (struct.unpack_from("<I", raw)[0] == LC_SEGMENT_64 and
                    raw[8:24].rstrip(b"\0") == name.encode()):
                return i
        raise KeyError(name)

    def find_cmd(self, cmd):
        for i, raw in enumerate(self.cmds):
            if struct.unpack_from("<I", raw)[0] == cmd:
                return i
        raise KeyError(hex(cmd))

    def seg_get(self, name, field):
        off, fmt = SEG_FIELDS[field]
        return struct.unpack_from(fmt, self.cmds[self.find_segment(name)],
                                  off)[0]

    def seg_set(self, name, field, value):
        off, fmt = SEG_FIELDS[field]
        struct.pack_into(fmt, self.cmds[self.find_segment(name)], off,
                         value)

    @property
    def entry(self):
        raw = self.cmds[self.find_cmd(LC_UNIXTHREAD)]
        return struct.unpack_from("<Q", raw, THREAD_RIP_OFFSET)[0]

    def build(self, ncmds=None, sizeofcmds=None):
        """The image with the current commands; header counts follow the
        commands unless overridden.  Commands must fit in the header pad."""
        blob = b"".join(bytes(c) for c in self.cmds)
        room = self.room
        if MH_HEADER_SIZE + len(blob) > room:
            raise ValueError("load commands do not fit in the header pad")
        hdr = struct.pack("<8I", self.magic, self.cputype, self.cpusubtype,
                          self.filetype,
                          len(self.cmds) if ncmds is None else ncmds,
                          len(blob) if sizeofcmds is None else sizeofcmds,
                          self.flags, self.reserved)
        out = bytearray(self.data)
        out[0:room] = bytes(room)
        out[0:MH_HEADER_SIZE + len(blob)] = hdr + blob
        return bytes(out)

    def _header_room(self):
        """File offset of the first section: where load commands end."""
        first = len(self.data)
        for raw in self.cmds:
            if struct.unpack_from("<I", raw)[0] != LC_SEGMENT_64:
                continue
            for i in range(struct.unpack_from("<I", raw, 64)[0]):
                so = struct.unpack_from("<I", raw, 72 + 80 * i + 48)[0]
                if so:
                    first = min(first, so)
        return first


def fat(slices, total=None):
    """A fat file: slices = [(cputype, cpusubtype, offset, data, size)],
    size None = len(data).  Slices are placed at their offsets."""
    hdr = struct.pack(">2I", FAT_MAGIC, len(slices))
    for cpu, sub, off, data, size in slices:
        hdr += struct.pack(">5I", cpu, sub, off,
                           len(data) if size is None else size, 12)
    end = max(off + len(data) for _, _, off, data, _ in slices)
    out = bytearray(max(end, total or 0))
    out[0:len(hdr)] = hdr
    for _, _, off, data, _ in slices:
        out[off:off + len(data)] = data
    return bytes(out)


def _validate_thin(b, base, size, defects):
    """Check the image at b[base:base + size]; append defect names."""
    if size < MH_HEADER_SIZE:
        defects.append("truncated-header")
        return
    (magic, cpu, _, ftype, ncmds, sizeofcmds, _, _) = \
        struct.unpack_from("<8I", b, base)
    if magic != MH_MAGIC_64:
        defects.append("bad-magic")
        return
    if cpu != CPU_TYPE_X86_64:
        defects.append("bad-cputype")
    if ftype not in (MH_EXECUTE, MH_DYLINKER):
        defects.append("bad-filetype")
    if sizeofcmds > MAX_SIZEOFCMDS:
        defects.append("sizeofcmds-over-limit")
        return
    if MH_HEADER_SIZE + sizeofcmds > size:
        defects.append("sizeofcmds-past-eof")
        return
    end = base + MH_HEADER_SIZE + sizeofcmds
    off = base + MH_HEADER_SIZE
    segs, entries, dylinkers = [], [], []
    for _ in range(ncmds):
        if off + 8 > end:
            defects.append("ncmds-overflow")
            return
        cmd, csize = struct.unpack_from("<2I", b, off)
        if csize < 8:
            defects.append("cmdsize-too-small")
            return
        if csize % 8:
            defects.append("cmdsize-unaligned")
        if off + csize > end:
            defects.append("cmdsize-past-end")
            return
        raw = b[off:off + csize]
        if cmd == LC_SEGMENT_64:
            _validate_segment(raw, size, segs, defects)
        elif cmd == LC_UNIXTHREAD:
            flavor, count = struct.unpack_from("<2I", raw, 8)
            if (flavor != x86_THREAD_STATE64 or
                    count != x86_THREAD_STATE64_COUNT or
                    csize < THREAD_RIP_OFFSET + 8):
                defects.append("thread-bad-flavor")
                entries.append(("bad", 0))
            else:
                entries.append(("thread",
                                struct.unpack_from("<Q", raw,
                                                   THREAD_RIP_OFFSET)[0]))
        elif cmd == LC_MAIN:
            entries.append(("main", struct.unpack_from("<Q", raw, 8)[0]))
        elif cmd == LC_SEGMENT:
            defects.append("segment-32bit")
        elif cmd == LC_LOAD_DYLINKER:
            name_off = struct.unpack_from("<I", raw, 8)[0]
            if dylinkers:
                defects.append("dylinker-duplicate")
            if name_off < 12 or name_off >= csize:
                defects.append("dylinker-name-out-of-command")
            elif b"\0" not in raw[name_off:]:
                defects.append("dylinker-path-unterminated")
            elif raw[name_off] == 0:
                defects.append("dylinker-path-empty")
            dylinkers.append(raw)
        off += csize
    if len(segs) > MAX_SEGMENTS:
        defects.append("too-many-segments")
    mapped = sorted((s for s in segs if s["vmsize"] and
                     not (s["initprot"] == 0 and s["filesize"] == 0)),
                    key=lambda s: s["vmaddr"])
    every = sorted((s for s in segs if s["vmsize"]),
                   key=lambda s: s["vmaddr"])
    for a, c in zip(every, every[1:]):
        if a["vmaddr"] + a["vmsize"] > c["vmaddr"]:
            defects.append("segments-overlap")
    if mapped:
        top = max(s["vmaddr"] + s["vmsize"] for s in mapped)
        if top <= USER_ADDR_END and top + SLIDE_RANGE > IMAGE_END:
            defects.append("segment-in-stack-area")
    if not any(s["fileoff"] == 0 and s["filesize"] >=
               MH_HEADER_SIZE + sizeofcmds for s in segs):
        defects.append("header-not-mapped")
    if len(entries) > 1:
        defects.append("entry-duplicate")
    if not entries:
        defects.append("entry-missing")
        return
    kind, value = entries[0]
    if kind == "bad":
        return
    if kind == "main":
        if not dylinkers and ftype == MH_EXECUTE:
            defects.append("main-without-dylinker")
        text = [s for s in mapped if s["fileoff"] == 0]
        addr = (text[0]["vmaddr"] if text else 0) + value
    else:
        addr = value
    seg = [s for s in mapped if s["vmaddr"] <= addr < s["vmaddr"] +
           s["vmsize"]]
    if not seg:
        defects.append("entry-outside-segments")
    elif not seg[0]["initprot"] & VM_PROT_EXECUTE:
        defects.append("entry-not-executable")


def _validate_segment(raw, size, segs, defects):
    if len(raw) < 72:
        defects.append("cmdsize-too-small")
        return
    s = {k: struct.unpack_from(fmt, raw, off)[0]
         for k, (off, fmt) in SEG_FIELDS.items()}
    if 72 + 80 * s["nsects"] > len(raw):
        defects.append("nsects-overflow")
    if s["fileoff"] + s["filesize"] > size:
        defects.append("segment-past-eof")
    if s["filesize"] > s["vmsize"]:
        defects.append("segment-filesize-gt-vmsize")
    if s["vmaddr"] + s["vmsize"] >= 1 << 64:
        defects.append("segment-vm-wrap")
    elif s["vmaddr"] + s["vmsize"] > USER_ADDR_END:
        defects.append("segment-above-user-space")
    if s["vmaddr"] % PAGE or s["fileoff"] % PAGE:
        defects.append("segment-unaligned")
    segs.append(s)


def validate(b):
    """Defects of file b as a list of names; [] if the kernel should run
    it; ["not-ours"] for a Java class file."""
    defects = []
    if len(b) >= 8 and struct.unpack_from(">I", b)[0] == FAT_MAGIC:
        n = struct.unpack_from(">I", b, 4)[0]
        if n == 0 or n > FAT_MAX_ARCHS:
            return ["not-ours"]
        if 8 + 20 * n > len(b):
            return ["fat-truncated"]
        if 8 + 20 * n > FAT_PROBE_BYTES:
            return ["fat-table-past-probe"]
        archs = [struct.unpack_from(">5I", b, 8 + 20 * i) for i in range(n)]
        x86 = [a for a in archs if a[0] == CPU_TYPE_X86_64]
        if not x86:
            return ["fat-no-x86_64"]
        _, _, off, size, _ = x86[0]
        if off < 8 + 20 * n:
            return ["fat-slice-overlaps-table"]
        if off % PAGE:
            return ["fat-slice-unaligned"]
        if off + size > len(b):
            return ["fat-slice-past-eof"]
        if struct.unpack_from(">I", b, off)[0] == FAT_MAGIC:
            return ["fat-in-fat"]
        for a in archs:
            if a is not x86[0] and a[2] < off + size and off < a[2] + a[3]:
                defects.append("fat-slices-overlap")
                break
        _validate_thin(b, off, size, defects)
        return defects
    _validate_thin(b, 0, len(b), defects)
    return defects
