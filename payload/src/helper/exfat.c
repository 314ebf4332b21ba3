/* A read-only exFAT directory walker: finds a file by path and returns where its bytes lie in the partition.
 * It never writes and trusts nothing on the disk: every offset is bounds-checked, directories are capped at
 * MAX_DIR_BYTES, chains at the volume's cluster count, and a chain that revisits a cluster is refused.
 * No up-case table: names compare ASCII case-insensitively and other UTF-16 units exactly (README). */
#include "pbinit.h"

#include <stdlib.h>
#include <string.h>

#define ATTR_DIRECTORY 0x10
#define FLAG_ALLOCATION_POSSIBLE 0x01
#define FLAG_NO_FAT_CHAIN 0x02
#define FAT_END 0xFFFFFFFFu

struct vol {
    int fd;
    uint64_t cluster; /* bytes per cluster */
    uint64_t fat;     /* byte offset of the active FAT */
    uint64_t heap;    /* byte offset of cluster 2 */
    uint32_t count;   /* clusters 2 .. count+1 exist */
    uint32_t root;
    uint64_t cache_off; /* one 64 KiB block of the FAT, so long chains do not cost a read per cluster */
    size_t cache_len;
    uint8_t cache[65536];
};

static int open_vol(struct vol *v, int fd, uint64_t part_bytes)
{
    uint8_t b[512];
    if (pread_full(fd, b, sizeof b, 0) != (ssize_t)sizeof b) return err("cannot read the exFAT boot sector");
    if (memcmp(b + 3, "EXFAT   ", 8) != 0) return err("no exFAT boot sector");
    unsigned bps = b[108], spc = b[109];
    if (bps < 9 || bps > 12 || spc > 25 - bps) return err("exFAT boot sector: bad sector/cluster size");
    uint64_t fat_offset = le32(b + 80), fat_length = le32(b + 84);
    unsigned nfats = b[110], active = le16(b + 106) & 1;
    v->fd = fd;
    v->cluster = 1ull << (bps + spc);
    v->heap = (uint64_t)le32(b + 88) << bps;
    v->count = le32(b + 92);
    v->root = le32(b + 96);
    if (nfats < 1 || nfats > 2 || active >= nfats) return err("exFAT boot sector: bad FAT count");
    v->fat = (fat_offset + active * fat_length) << bps;
    if (v->count == 0 || v->count > 0xFFFFFFF5u || v->root < 2 || v->root > v->count + 1ull)
        return err("exFAT boot sector: bad cluster count or root directory");
    if (((uint64_t)v->count + 2) * 4 > fat_length << bps || v->fat + (fat_length << bps) > part_bytes)
        return err("exFAT boot sector: FAT outside the partition");
    if (v->heap + (uint64_t)v->count * v->cluster > part_bytes || v->heap < v->fat + (fat_length << bps))
        return err("exFAT boot sector: cluster heap outside the partition");
    v->cache_len = 0;
    return 0;
}

static int fat_next(struct vol *v, uint32_t c, uint32_t *next)
{
    uint64_t pos = v->fat + (uint64_t)c * 4;
    uint64_t block = pos & ~(uint64_t)(sizeof v->cache - 1);
    if (v->cache_len == 0 || v->cache_off != block) {
        ssize_t r = pread_full(v->fd, v->cache, sizeof v->cache, block);
        v->cache_len = 0;
        if (r < (ssize_t)(pos - block + 4)) return err("cannot read the FAT");
        v->cache_off = block;
        v->cache_len = (size_t)r;
    }
    *next = le32(v->cache + (pos - block));
    return 0;
}

static int by_offset(const void *a, const void *b)
{
    const struct extent *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

/* Two extents that overlap mean the chain visited a cluster twice: a loop, or a crafted FAT. */
static int overlapping(const struct extent *e, size_t n)
{
    struct extent *s = malloc(n * sizeof *s);
    if (!s) return 1;
    memcpy(s, e, n * sizeof *s);
    qsort(s, n, sizeof *s, by_offset);
    int bad = 0;
    for (size_t i = 1; i < n; i++)
        if (s[i - 1].off + s[i - 1].len > s[i].off) bad = 1;
    free(s);
    return bad;
}

/* The extents of a cluster chain. known: len is the stream's DataLength; otherwise (root directory) the chain
 * is followed to its end, at most `max` bytes. *total receives the byte length covered. */
static int chain(struct vol *v, uint32_t first, int contiguous, uint64_t len, int known, uint64_t max,
                 struct extent **out, size_t *n, uint64_t *total)
{
    if (known && (len == 0 || len > max)) return err("stream length %llu out of range", (unsigned long long)len);
    if (first < 2 || first > v->count + 1ull) return err("first cluster %u outside the volume", first);
    uint64_t need = known ? (len + v->cluster - 1) / v->cluster : max / v->cluster;
    if (need == 0) need = 1;
    if (known && need > v->count) return err("stream longer than the volume");
    size_t cap = 16, k = 0;
    struct extent *e = malloc(cap * sizeof *e);
    if (!e) return err("out of memory");
    if (contiguous) {
        /* NoFatChain: the clusters are consecutive and the FAT is not maintained for them. */
        if (!known || first - 2ull + need > v->count) {
            free(e);
            return err("contiguous stream runs past the end of the volume");
        }
        e[0] = (struct extent){v->heap + (first - 2ull) * v->cluster, len};
        *out = e;
        *n = 1;
        *total = len;
        return 0;
    }
    uint32_t c = first;
    uint64_t steps = 0;
    for (;;) {
        uint64_t off = v->heap + (c - 2ull) * v->cluster;
        if (k > 0 && e[k - 1].off + e[k - 1].len == off) {
            e[k - 1].len += v->cluster;
        } else {
            if (k == MAX_EXTENTS) {
                free(e);
                return err("more than %d fragments", MAX_EXTENTS);
            }
            if (k == cap) {
                struct extent *bigger = realloc(e, 2 * cap * sizeof *e);
                if (!bigger) {
                    free(e);
                    return err("out of memory");
                }
                e = bigger;
                cap *= 2;
            }
            e[k++] = (struct extent){off, v->cluster};
        }
        steps++;
        if (known && steps == need) break;
        uint32_t next = 0;
        if (fat_next(v, c, &next) < 0) {
            free(e);
            return -1;
        }
        if (next == FAT_END) {
            if (known) {
                free(e);
                return err("cluster chain shorter than the stream");
            }
            break;
        }
        if (next < 2 || next > v->count + 1ull) {
            free(e);
            return err("cluster chain leaves the volume (cluster %u)", next);
        }
        if (steps >= need) {
            free(e);
            return err("cluster chain longer than %llu bytes (a loop?)", (unsigned long long)max);
        }
        c = next;
    }
    if (overlapping(e, k)) {
        free(e);
        return err("cluster chain visits a cluster twice");
    }
    if (known) e[k - 1].len -= steps * v->cluster - len; /* the last cluster is only partly the file's */
    *out = e;
    *n = k;
    *total = known ? len : steps * v->cluster;
    return 0;
}

static int read_dir(struct vol *v, uint32_t first, int contiguous, uint64_t len, int known, uint8_t **buf, size_t *size)
{
    struct extent *e;
    size_t n;
    uint64_t total;
    if (chain(v, first, contiguous, len, known, MAX_DIR_BYTES, &e, &n, &total) < 0) return -1;
    uint8_t *b = malloc(total ? total : 1);
    if (!b) {
        free(e);
        return err("out of memory");
    }
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (pread_full(v->fd, b + at, e[i].len, e[i].off) != (ssize_t)e[i].len) {
            free(e);
            free(b);
            return err("cannot read a directory");
        }
        at += e[i].len;
    }
    free(e);
    *buf = b;
    *size = total;
    return 0;
}

struct entry {
    uint16_t attr;
    uint8_t flags;
    uint32_t first;
    uint64_t len, valid;
};

static int same_name(const uint16_t *a, const uint16_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint16_t x = a[i], y = b[i];
        if (x < 128 && y < 128) {
            if (x >= 'A' && x <= 'Z') x += 32;
            if (y >= 'A' && y <= 'Z') y += 32;
        }
        if (x != y) return 0;
    }
    return 1;
}

/* Looks for `name` among the directory's in-use file entry sets (0x85 File, 0xC0 Stream, 0xC1 Name...).
 * Sets with a bad checksum or shape are skipped, as a driver would not show them either. */
static int lookup(const uint8_t *d, size_t size, const uint16_t *name, size_t nlen, struct entry *out)
{
    for (size_t i = 0; i + 32 <= size;) {
        const uint8_t *f = d + i;
        if (f[0] == 0x00) break; /* end of directory */
        unsigned sc = f[1];
        if (f[0] != 0x85 || sc < 2 || sc > 18 || i + (sc + 1) * 32ull > size) {
            i += 32;
            continue;
        }
        uint16_t sum = 0;
        for (unsigned j = 0; j < (sc + 1) * 32; j++)
            if (j != 2 && j != 3) sum = (uint16_t)(((sum & 1) ? 0x8000 : 0) + (sum >> 1) + f[j]);
        const uint8_t *s = f + 32;
        unsigned nl = s[3], names = (nl + 14) / 15;
        if (sum != le16(f + 2) || s[0] != 0xC0 || nl == 0 || names > sc - 1) {
            i += 32;
            continue;
        }
        i += (sc + 1) * 32;
        if (nl != nlen) continue;
        uint16_t units[255];
        int ok = 1;
        for (unsigned k = 0; k < names && ok; k++) {
            const uint8_t *e = s + 32 * (k + 1);
            if (e[0] != 0xC1) ok = 0;
            for (unsigned u = 0; u < 15 && k * 15 + u < nl; u++) units[k * 15 + u] = le16(e + 2 + 2 * u);
        }
        if (!ok || !same_name(units, name, nlen)) continue;
        out->attr = le16(f + 4);
        out->flags = s[1];
        out->valid = le64(s + 8);
        out->first = le32(s + 20);
        out->len = le64(s + 24);
        return 1;
    }
    return 0;
}

/* UTF-8 path component to UTF-16 units, as exFAT stores names. */
static int to_utf16(const char *s, size_t n, uint16_t *out, size_t *units)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = (unsigned char)s[i], more, min;
        if (c < 0x80) more = 0, min = 0;
        else if ((c & 0xE0) == 0xC0) c &= 0x1F, more = 1, min = 0x80;
        else if ((c & 0xF0) == 0xE0) c &= 0x0F, more = 2, min = 0x800;
        else if ((c & 0xF8) == 0xF0) c &= 0x07, more = 3, min = 0x10000;
        else return -1;
        for (unsigned j = 1; j <= more; j++) {
            if (i + j >= n || ((unsigned char)s[i + j] & 0xC0) != 0x80) return -1;
            c = c << 6 | ((unsigned char)s[i + j] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return -1;
        i += more + 1;
        if (c >= 0x10000) {
            if (k + 2 > 255) return -1;
            c -= 0x10000;
            out[k++] = (uint16_t)(0xD800 | c >> 10);
            out[k++] = (uint16_t)(0xDC00 | (c & 0x3FF));
        } else {
            if (k + 1 > 255) return -1;
            out[k++] = (uint16_t)c;
        }
    }
    *units = k;
    return 0;
}

int exfat_extents(int fd, uint64_t part_bytes, const char *path, struct extent **out, size_t *n)
{
    static struct vol v; /* 64 KiB cache: not on the stack */
    if (open_vol(&v, fd, part_bytes) < 0) return -1;
    uint32_t first = v.root;
    int contiguous = 0, known = 0;
    uint64_t len = 0;
    const char *p = path;
    for (;;) {
        while (*p == '/') p++;
        const char *end = strchr(p, '/');
        size_t clen = end ? (size_t)(end - p) : strlen(p);
        const char *rest = p + clen;
        while (*rest == '/') rest++;
        int last = *rest == 0;
        uint16_t name[255];
        size_t nlen;
        if (clen == 0) return err("not a file path");
        if (to_utf16(p, clen, name, &nlen) < 0) return err("'%.*s' is not a valid exFAT name (UTF-8, 255 units)", (int)clen, p);
        uint8_t *dir = NULL;
        size_t size = 0;
        if (read_dir(&v, first, contiguous, len, known, &dir, &size) < 0) return -1;
        struct entry e;
        int found = lookup(dir, size, name, nlen, &e);
        free(dir);
        if (!found) return err("'%.*s' not found in '%.*s'", (int)clen, p, (int)(p - path > 1 ? p - path - 1 : 1), path);
        if (!last) {
            if (!(e.attr & ATTR_DIRECTORY)) return err("'%.*s' is not a directory", (int)(p - path + clen), path);
            first = e.first;
            contiguous = e.flags & FLAG_NO_FAT_CHAIN;
            len = e.len;
            known = 1;
            p = rest;
            continue;
        }
        if (e.attr & ATTR_DIRECTORY) return err("is a directory");
        if (!(e.flags & FLAG_ALLOCATION_POSSIBLE) || e.len == 0) return err("the file is empty");
        /* Beyond ValidDataLength the clusters hold old data that a driver would read as zeros. */
        if (e.valid != e.len) return err("the file is not completely written (ValidDataLength %llu of %llu)",
                                         (unsigned long long)e.valid, (unsigned long long)e.len);
        uint64_t total;
        return chain(&v, e.first, e.flags & FLAG_NO_FAT_CHAIN, e.len, 1, (uint64_t)v.count * v.cluster, out, n, &total);
    }
}
