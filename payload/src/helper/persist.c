/* The persistence file: a writable device-mapper device over a file on the data partition, holding the ext4 file
 * system the live system keeps its changes in. A wrong writable mapping would write into other files of the stick,
 * so the device is made only after every check passed, each made on the bytes the device would show:
 *   1. the file's extents come from the exFAT directory as it is now (never from the command line: a file
 *      replaced or copied by hand has other clusters, and extents recorded earlier would point into other files);
 *   2. the file is at least 64 KiB and its extents are 512-byte aligned (dm's sector unit);
 *   3. its fingerprint, read through the partition at those extents, equals polyboot.pfp (README "Persistence").
 * Anything else: one line, no device, and the live system boots without persistence. */
#define _GNU_SOURCE
#include "pbinit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIN_BYTES (64u << 10)

/* `len` bytes at file offset `off`, through the extents (which may split the range). */
static int read_file(int fd, const struct extent *e, size_t n, uint64_t off, uint8_t *buf, size_t len)
{
    uint64_t base = 0;
    for (size_t i = 0; i < n && len; i++) {
        if (off < base + e[i].len) {
            uint64_t in = off - base;
            size_t k = e[i].len - in < len ? (size_t)(e[i].len - in) : len;
            if (pread_full(fd, buf, k, e[i].off + in) != (ssize_t)k) return err("cannot read at %llu: %s",
                                                                            (unsigned long long)(e[i].off + in), strerror(errno));
            buf += k;
            len -= k;
            off += k;
        }
        base += e[i].len;
    }
    return len ? err("file shorter than %llu bytes", (unsigned long long)(off + len)) : 0;
}

int fingerprint_text(const uint8_t fp[32], char out[65])
{
    for (int i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", fp[i]);
    return 0;
}

/* README "Persistence fingerprint": SHA-256 of the first 1024 bytes (polyboot's header at 512; ext4 never writes
 * before its superblock), the ext4 UUID (superblock byte 104, at 1024 + 104) and the file's length (u64 LE). */
static int check(int fd, const struct extent *e, size_t n, uint64_t length, const uint8_t want[32])
{
    uint8_t head[1024], uuid[16], len8[8], got[32];
    if (read_file(fd, e, n, 0, head, sizeof head) < 0 || read_file(fd, e, n, 1024 + 104, uuid, sizeof uuid) < 0) return -1;
    if (memcmp(head + PERSIST_HEADER_OFF, PERSIST_MAGIC, strlen(PERSIST_MAGIC)) != 0)
        return err("no polyboot persistence header at byte %d: not the file polyboot persistence create made", PERSIST_HEADER_OFF);
    for (int i = 0; i < 8; i++) len8[i] = (uint8_t)(length >> (8 * i));
    struct sha256 s;
    sha256_init(&s);
    sha256_update(&s, head, sizeof head);
    sha256_update(&s, uuid, sizeof uuid);
    sha256_update(&s, len8, sizeof len8);
    sha256_final(&s, got);
    if (memcmp(got, want, 32) != 0) {
        char w[65], h[65];
        fingerprint_text(want, w);
        fingerprint_text(got, h);
        return err("fingerprint %s expected, %s found: the file was replaced since polyboot persistence create", w, h);
    }
    return 0;
}

int persistence(const struct params *p, const char *partname, dev_t part, uint64_t part_bytes, char *name, size_t n)
{
    int fd = open_node(partname, part, O_RDONLY);
    if (fd < 0) return err("cannot open %s: %s", partname, strerror(errno));
    struct extent *e = NULL;
    size_t count = 0;
    int rc = exfat_extents(fd, part_bytes, p->pfile, &e, &count);
    if (rc == 0) {
        uint64_t length = 0;
        for (size_t i = 0; i < count; i++) length += e[i].len;
        if (length < MIN_BYTES || length % 512) rc = err("%llu bytes: not a persistence file (at least %u, a multiple of 512)",
                                                         (unsigned long long)length, MIN_BYTES);
        else rc = check(fd, e, count, length, p->pfp);
    }
    close(fd);
    /* Only now, every check passed on the bytes the device will show, is it made writable. */
    if (rc == 0) rc = dm_create(&DM_PERSISTENCE, part, e, count, name, n);
    free(e);
    return rc;
}
