/* The watcher: waits for the stick, maps the ISO to a read-only block device, checks it, links it, exits.
 * README.md "What the watcher does" is the specification; the numbers below refer to its steps. */
#define _GNU_SOURCE
#include "pbinit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

struct cand {
    char name[64]; /* kernel name, e.g. sdb1 */
    dev_t dev;
    uint64_t bytes;
};

/* PARTUUID as the kernel and blkid print it, read from the partition's parent disk. */
static int partuuid(const char *name, uint64_t partno, char *out, size_t n)
{
    char path[256], uevent[512], disk[64] = "";
    dev_t devno;
    uint64_t lbs = 512;
    /* "<partition>/.." in sysfs is the disk's directory; its uevent names the disk's node. */
    if (fmt(path, sizeof path, "%s/class/block/%s/../uevent", ctx.sys, name) < 0 || read_text(path, uevent, sizeof uevent) < 0) return -1;
    char *dn = strstr(uevent, "DEVNAME=");
    if (!dn) return -1;
    dn += 8;
    size_t k = strcspn(dn, "\n");
    if (k == 0 || k >= sizeof disk || memchr(dn, '/', k) || (k == 2 && dn[0] == '.')) return -1;
    memcpy(disk, dn, k);
    if (fmt(path, sizeof path, "%s/class/block/%s/../dev", ctx.sys, name) < 0 || read_devno(path, &devno) < 0) return -1;
    if (fmt(path, sizeof path, "%s/class/block/%s/../queue/logical_block_size", ctx.sys, name) == 0) read_u64(path, &lbs);
    if (lbs < 512 || lbs > 65536 || (lbs & (lbs - 1))) return -1;
    int fd = open_node(disk, devno, O_RDONLY);
    if (fd < 0) return -1;
    uint8_t s[512];
    int rc = -1;
    if (pread_full(fd, s, sizeof s, 0) != (ssize_t)sizeof s || s[510] != 0x55 || s[511] != 0xAA) goto out;
    int gpt = 0;
    for (int i = 0; i < 4; i++) gpt |= s[446 + 16 * i + 4] == 0xEE;
    if (!gpt) {
        /* MBR: disk signature and partition number */
        rc = fmt(out, n, "%08x-%02x", le32(s + 0x1B8), (unsigned)partno);
        goto out;
    }
    uint8_t h[92];
    if (pread_full(fd, h, sizeof h, lbs) != (ssize_t)sizeof h || memcmp(h, "EFI PART", 8) != 0) goto out;
    uint64_t lba = le64(h + 72);
    uint32_t count = le32(h + 80), size = le32(h + 84);
    if (partno < 1 || partno > count || size < 128 || size > 4096 || size % 8 || lba > (1ull << 40)) goto out;
    uint8_t g[32];
    if (pread_full(fd, g, sizeof g, lba * lbs + (partno - 1) * size) != (ssize_t)sizeof g) goto out;
    /* unique partition GUID at entry offset 16; the first three fields are little endian */
    rc = fmt(out, n, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", le32(g + 16), le16(g + 20), le16(g + 22),
             g[24], g[25], g[26], g[27], g[28], g[29], g[30], g[31]);
out:
    close(fd);
    return rc;
}

static int by_name(const void *a, const void *b) { return strcmp(((const struct cand *)a)->name, ((const struct cand *)b)->name); }

/* Step 1: every partition whose exFAT boot sector carries our serial and whose size and PARTUUID agree.
 * `miss` describes the last partition that had the serial but not the rest (for the timeout message). */
static int scan(const struct params *p, struct cand *found, char *miss, size_t missn)
{
    char path[256];
    if (fmt(path, sizeof path, "%s/class/block", ctx.sys) < 0) return 0;
    DIR *d = opendir(path);
    if (!d) return 0;
    int count = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        uint64_t partno, sectors;
        dev_t devno;
        if (name[0] == '.' || strlen(name) >= sizeof found->name) continue;
        if (fmt(path, sizeof path, "%s/class/block/%s/partition", ctx.sys, name) < 0 || read_u64(path, &partno) < 0) continue;
        if (fmt(path, sizeof path, "%s/class/block/%s/size", ctx.sys, name) < 0 || read_u64(path, &sectors) < 0) continue;
        if (fmt(path, sizeof path, "%s/class/block/%s/dev", ctx.sys, name) < 0 || read_devno(path, &devno) < 0) continue;
        int fd = open_node(name, devno, O_RDONLY);
        if (fd < 0) continue;
        uint8_t b[512];
        ssize_t r = pread_full(fd, b, sizeof b, 0);
        close(fd);
        if (r != (ssize_t)sizeof b || memcmp(b + 3, "EXFAT   ", 8) != 0 || le32(b + 100) != p->fsuuid) continue;
        uint64_t bytes = sectors * 512; /* sysfs counts 512-byte units whatever the sector size */
        if (p->size && bytes != p->size) {
            snprintf(miss, missn, "%.63s has this serial but %llu bytes, not %llu", name, (unsigned long long)bytes, (unsigned long long)p->size);
            continue;
        }
        if (p->part[0]) {
            char pu[64];
            if (partuuid(name, partno, pu, sizeof pu) < 0) {
                snprintf(miss, missn, "%.63s has this serial but its PARTUUID cannot be read", name);
                continue;
            }
            if (strcmp(pu, p->part) != 0) {
                snprintf(miss, missn, "%.63s has this serial but PARTUUID %.47s, not %.47s", name, pu, p->part);
                continue;
            }
        }
        if (count < MAX_MATCHES) {
            struct cand *c = &found[count];
            strcpy(c->name, name);
            c->dev = devno;
            c->bytes = bytes;
        }
        count++;
    }
    closedir(d);
    qsort(found, count < MAX_MATCHES ? (size_t)count : MAX_MATCHES, sizeof *found, by_name);
    return count;
}

/* Kernel uevents wake the scan early (a stick plugged in); without the socket we just poll. */
struct nl_addr {
    unsigned short family, pad;
    uint32_t pid, groups;
};

static int uevent_socket(void)
{
    int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 15 /* NETLINK_KOBJECT_UEVENT */);
    if (s < 0) return -1;
    struct nl_addr a = {AF_NETLINK, 0, 0, 1};
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) {
        close(s);
        return -1;
    }
    return s;
}

static void wait_event(int s, unsigned ms)
{
    if (s < 0) {
        sleep_ms(ms);
        return;
    }
    struct pollfd pfd = {s, POLLIN, 0};
    if (poll(&pfd, 1, (int)ms) > 0) {
        char buf[4096];
        while (recv(s, buf, sizeof buf, 0) > 0) {
        }
    }
}

static int find_stick(const struct params *p, struct cand *c)
{
    uint64_t deadline = now_ms() + p->wait * 1000ull;
    int s = uevent_socket();
    struct cand found[MAX_MATCHES];
    char miss[256] = "";
    int rc = -1;
    for (;;) {
        int k = scan(p, found, miss, sizeof miss);
        if (k == 1) {
            /* A dd copy of the stick may be a moment behind: look once more before trusting the match. */
            sleep_ms(1000);
            k = scan(p, found, miss, sizeof miss);
        }
        if (k >= 2) {
            char list[MAX_MATCHES * 66] = "";
            for (int i = 0; i < k && i < MAX_MATCHES; i++) {
                if (i) strcat(list, ", ");
                strcat(list, found[i].name);
            }
            err("found on %d devices (%s): is one a copy of the stick? Refusing to choose; unplug all but one", k, list);
            break;
        }
        if (k == 1) {
            *c = found[0];
            rc = 0;
            break;
        }
        uint64_t now = now_ms();
        if (now >= deadline) {
            err("not found within %u s (polyboot.wait)%s%s", p->wait, miss[0] ? "; " : "", miss);
            break;
        }
        wait_event(s, deadline - now < 250 ? (unsigned)(deadline - now) : 250);
    }
    if (s >= 0) close(s);
    return rc;
}

/* Step 4: the fingerprint (README "Fingerprint"), or without it the volume id, read through the new device. */
static int check_image(const char *dev, uint64_t length, const struct params *p)
{
    char path[256];
    dev_t devno = 0;
    if (fmt(path, sizeof path, "%s/class/block/%s/dev", ctx.sys, dev) == 0) read_devno(path, &devno);
    int fd = wait_node(dev, devno, O_RDONLY, 2000);
    if (fd < 0) return err("cannot open %s/%s: %s", ctx.dev, dev, strerror(errno));
    static uint8_t b[4096];
    int rc = -1;
    if (length < 36864) {
        err("the image is %llu bytes, too short for an ISO 9660 image", (unsigned long long)length);
        goto out;
    }
    if (pread_full(fd, b, 2048, 32768) != 2048) {
        err("cannot read %s: %s", dev, strerror(errno));
        goto out;
    }
    if (p->have_fp) {
        struct sha256 s;
        uint8_t got[32];
        sha256_init(&s);
        sha256_update(&s, b, 2048);
        for (uint64_t i = 0; i < 8; i++) {
            uint64_t off = ((length - 4096) * i / 7) / 2048 * 2048;
            if (pread_full(fd, b, 4096, off) != 4096) {
                err("cannot read %s at %llu: %s", dev, (unsigned long long)off, strerror(errno));
                goto out;
            }
            sha256_update(&s, b, 4096);
        }
        sha256_final(&s, got);
        if (memcmp(got, p->fp, 32) != 0) {
            char want[65], have[65];
            for (int i = 0; i < 32; i++) {
                snprintf(want + 2 * i, 3, "%02x", p->fp[i]);
                snprintf(have + 2 * i, 3, "%02x", got[i]);
            }
            err("fingerprint %s expected, %s found: the file was changed or moved since it was added; run polyboot refresh", want, have);
            goto out;
        }
    } else if (p->label_raw) {
        /* Hand-copied file: at least make sure it is the ISO the menu entry is for. */
        char id[33];
        memcpy(id, b + 40, 32);
        id[32] = 0;
        for (int i = 31; i >= 0 && id[i] == ' '; i--) id[i] = 0;
        if (b[0] != 1 || memcmp(b + 1, "CD001", 5) != 0) {
            err("no ISO 9660 volume descriptor");
            goto out;
        }
        /* case-insensitive: blkid may report the Joliet spelling of the same volume id */
        if (strcasecmp(id, p->label_raw) != 0) {
            err("volume id '%s' is not polyboot.label '%s'", id, p->label_raw);
            goto out;
        }
    }
    rc = 0;
out:
    close(fd);
    return rc;
}

static void link_at(const char *dir, const char *leaf, const char *target, int replace)
{
    char path[512], tmp[512];
    struct stat st;
    if (fmt(path, sizeof path, "%s/%s", dir, leaf) < 0 || fmt(tmp, sizeof tmp, "%s/.%s.polyboot", dir, leaf) < 0) {
        msg(1, "link %s/%s: %s", dir, leaf, why);
        return;
    }
    if (!replace && lstat(path, &st) == 0) return; /* udev's link, or an ISO device that was there first */
    unlink(tmp);
    if (symlink(target, tmp) < 0 || rename(tmp, path) < 0) {
        msg(1, "link %s: %s", path, strerror(errno));
        unlink(tmp);
    }
}

/* Step 5: /dev/polyboot/iso and /dev/disk/by-label/<label>, relative to the device so they are right in the
 * distribution's /dev (the same devtmpfs); then a change event so a running udev probes the device. */
static void announce(const char *dev, const struct params *p)
{
    char dir[300], target[128], path[256];
    if (ctx.links) {
        if (fmt(dir, sizeof dir, "%s/polyboot", ctx.links) == 0 && fmt(target, sizeof target, "../%s", dev) == 0) {
            mkdir(dir, 0755);
            link_at(dir, "iso", target, 1);
        }
        if (p->label && fmt(dir, sizeof dir, "%s/disk", ctx.links) == 0) {
            mkdir(dir, 0755);
            if (fmt(dir, sizeof dir, "%s/disk/by-label", ctx.links) == 0 && fmt(target, sizeof target, "../../%s", dev) == 0) {
                mkdir(dir, 0755);
                link_at(dir, p->label, target, 0);
            }
        }
    }
    if (fmt(path, sizeof path, "%s/class/block/%s/uevent", ctx.sys, dev) == 0) {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            if (write(fd, "change", 6) < 0) {
            }
            close(fd);
        }
    }
}

/* /dev/polyboot/persistence; the change event makes udev probe it (its label link, e.g. by-label/persistence). */
static void announce_persistence(const char *dev)
{
    char dir[300], target[128], path[256];
    if (ctx.links && fmt(dir, sizeof dir, "%s/polyboot", ctx.links) == 0 && fmt(target, sizeof target, "../%s", dev) == 0) {
        mkdir(dir, 0755);
        link_at(dir, "persistence", target, 1);
    }
    if (fmt(path, sizeof path, "%s/class/block/%s/uevent", ctx.sys, dev) == 0) {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            if (write(fd, "change", 6) < 0) {
            }
            close(fd);
        }
    }
}

static int in_partition(const struct extent *e, size_t n, uint64_t bytes)
{
    for (size_t i = 0; i < n; i++)
        if (e[i].off > bytes || e[i].len > bytes - e[i].off)
            return err("extent %llu+%llu lies outside the %llu-byte partition", (unsigned long long)e[i].off,
                       (unsigned long long)e[i].len, (unsigned long long)bytes);
    return 0;
}

int watch(char *cmdline)
{
    struct params p;
    if (parse_cmdline(cmdline, &p) < 0) {
        msg(1, "parameters: %s", why);
        return 1;
    }
    char fsuuid[10];
    snprintf(fsuuid, sizeof fsuuid, "%04X-%04X", p.fsuuid >> 16, p.fsuuid & 0xFFFF);
    struct cand c;
    if (find_stick(&p, &c) < 0) {
        msg(1, "stick %s: %s", fsuuid, why);
        return 1;
    }
    /* Persistence first: families that look for their persistence search once, right after finding the medium. */
    if (p.pfile) {
        char pdev[32];
        if (persistence(&p, c.name, c.dev, c.bytes, pdev, sizeof pdev) < 0) {
            msg(1, "persistence %s: %s; booting without persistence", p.pfile, why);
        } else {
            announce_persistence(pdev);
            msg(0, "persistence %s is /dev/%s (dm, read-write)", p.pfile, pdev);
        }
    }
    const char *what = p.iso ? p.iso : p.label ? p.label : "image";
    /* Step 2. polyboot.ext first (no directory walk); when both are given and the extents fail, the path. */
    for (int source = 0; source < 2; source++) {
        struct extent *e = NULL;
        size_t n = 0;
        if (source == 0) {
            if (!p.ext) continue;
            e = p.ext;
            n = p.next;
            if (in_partition(e, n, c.bytes) < 0) {
                msg(1, "ISO %s: polyboot.ext: %s", what, why);
                continue;
            }
        } else {
            if (!p.iso) break;
            int fd = open_node(c.name, c.dev, O_RDONLY);
            if (fd < 0) {
                msg(1, "ISO %s: cannot open %s: %s", what, c.name, strerror(errno));
                return 1;
            }
            int rc = exfat_extents(fd, c.bytes, p.iso, &e, &n);
            close(fd);
            if (rc < 0) {
                msg(1, "ISO %s: %s", what, why);
                return 1;
            }
            /* The file is still where polyboot.ext said and that failed the check: nothing new to try. */
            if (p.ext && n == p.next && memcmp(e, p.ext, n * sizeof *e) == 0) return 1;
        }
        uint64_t length = 0;
        for (size_t i = 0; i < n; i++) length += e[i].len;
        /* Step 3 */
        char dev[32];
        int dm = n > 1;
        if ((dm ? dm_create(&DM_ISO, c.dev, e, n, dev, sizeof dev) : loop_create(c.name, c.dev, e, dev, sizeof dev)) < 0) {
            msg(1, "ISO %s: %zu extent%s on %s: %s", what, n, n == 1 ? "" : "s", c.name, why);
            return 1;
        }
        /* Step 4 */
        if (check_image(dev, length, &p) < 0) {
            char reason[sizeof why];
            memcpy(reason, why, sizeof why);
            if ((dm ? dm_remove(&DM_ISO) : loop_remove(dev)) < 0) msg(1, "ISO %s: removing %s: %s", what, dev, why);
            msg(1, "ISO %s: %s", what, reason);
            continue; /* the path, when given, may still find the file */
        }
        announce(dev, &p);
        msg(0, "ISO %s is /dev/%s (%s, %zu extent%s)", what, dev, dm ? "dm" : "loop", n, n == 1 ? "" : "s");
        if (!ctx.pid1) printf("%s/%s\n", ctx.dev, dev);
        return 0;
    }
    return 1;
}
