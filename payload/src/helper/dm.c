/* A device-mapper "linear" device over a file's extents: one target per extent, all on the data partition itself
 * (the kernel then bounds every target to the partition). Read-only for a fragmented ISO (the loop path is used
 * whenever the ISO is contiguous); writable for a persistence file, and only after its checks (watch.c). Unlike
 * loop, dm claims the partition exclusively while the device exists. */
#define _GNU_SOURCE
#include "pbinit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* <linux/dm-ioctl.h>, which musl does not ship */
struct dm_ioctl {
    uint32_t version[3];
    uint32_t data_size;
    uint32_t data_start;
    uint32_t target_count;
    int32_t open_count;
    uint32_t flags;
    uint32_t event_nr;
    uint32_t padding;
    uint64_t dev;
    char name[128];
    char uuid[129];
    char data[7];
};

struct dm_target_spec {
    uint64_t sector_start, length;
    int32_t status;
    uint32_t next;
    char target_type[16];
};

#define DM_CMD(nr) _IOWR(0xfd, nr, struct dm_ioctl)
#define DM_VERSION DM_CMD(0)
#define DM_DEV_CREATE DM_CMD(3)
#define DM_DEV_REMOVE DM_CMD(4)
#define DM_DEV_SUSPEND DM_CMD(6)
#define DM_TABLE_LOAD DM_CMD(9)
#define DM_READONLY_FLAG (1u << 0)
#define DM_DEFERRED_REMOVE (1u << 17)
#define SPEC_ROOM 64 /* params "MAJ:MIN SECTOR" of one target, rounded up; checked by snprintf */

static struct dm_ioctl *header(void *buf, size_t size, uint32_t flags, const struct dm_dev *d)
{
    struct dm_ioctl *io = buf;
    memset(buf, 0, size);
    io->version[0] = 4; /* interface 4.0.0: what every kernel since 2.6 speaks */
    io->data_size = (uint32_t)size;
    io->data_start = sizeof *io;
    io->flags = flags;
    strcpy(io->name, d->name);
    return io;
}

static int call(int ctl, unsigned long cmd, struct dm_ioctl *io, const char *what)
{
    for (int attempt = 0;; attempt++) {
        if (ioctl(ctl, cmd, io) == 0) return 0;
        /* udev may still have the device open right after it appeared: retry for 2 s, then let the kernel
         * remove it when the last opener closes it (deferred remove, kernels since 3.13) */
        if (errno == EBUSY && cmd == DM_DEV_REMOVE && attempt < 21) {
            if (attempt < 20) sleep_ms(100);
            else io->flags |= DM_DEFERRED_REMOVE;
            continue;
        }
        return err("%s %s: %s", what, io->name, strerror(errno));
    }
}

int dm_create(const struct dm_dev *d, dev_t part, const struct extent *e, size_t count, char *name, size_t n)
{
    for (size_t i = 0; i < count; i++) {
        /* dm works in 512-byte sectors; exFAT clusters are multiples of that. The last extent may end inside
         * its cluster: rounding it up stays in that cluster. */
        if (e[i].off % 512 || (i + 1 < count && e[i].len % 512))
            return err("extent %llu+%llu is not 512-byte aligned", (unsigned long long)e[i].off, (unsigned long long)e[i].len);
    }
    int ctl = open_control("mapper/control", makedev(10, 236), "dm_mod");
    if (ctl < 0) {
        char reason[sizeof why];
        memcpy(reason, why, sizeof why);
        return err("device-mapper is not available (%s)", reason);
    }
    size_t size = sizeof(struct dm_ioctl) + count * (sizeof(struct dm_target_spec) + SPEC_ROOM);
    if (size < 16384) size = 16384;
    uint8_t *buf = malloc(size);
    if (!buf) {
        close(ctl);
        return err("out of memory");
    }
    int rc = -1, created = 0;
    struct dm_ioctl *io = header(buf, size, 0, d);
    if (call(ctl, DM_VERSION, io, "DM_VERSION") < 0) goto out;
    io = header(buf, size, 0, d);
    strcpy(io->uuid, d->uuid);
    if (call(ctl, DM_DEV_CREATE, io, "DM_DEV_CREATE") < 0) goto out;
    created = 1;

    io = header(buf, size, d->writable ? 0 : DM_READONLY_FLAG, d);
    io->target_count = (uint32_t)count;
    uint8_t *at = buf + sizeof *io;
    uint64_t sector = 0;
    for (size_t i = 0; i < count; i++) {
        struct dm_target_spec *t = (struct dm_target_spec *)at;
        char *params = (char *)(t + 1);
        uint64_t len = (e[i].len + 511) / 512;
        t->sector_start = sector;
        t->length = len;
        strcpy(t->target_type, "linear");
        if (fmt(params, SPEC_ROOM, "%u:%u %llu", major(part), minor(part), (unsigned long long)(e[i].off / 512)) < 0) goto out;
        size_t used = sizeof *t + strlen(params) + 1;
        used = (used + 7) & ~(size_t)7; /* the kernel wants each spec 8-byte aligned */
        t->next = (uint32_t)used;
        at += used;
        sector += len;
    }
    if (call(ctl, DM_TABLE_LOAD, io, "DM_TABLE_LOAD") < 0) goto out;
    io = header(buf, size, 0, d); /* no DM_SUSPEND_FLAG: resume, making the loaded table live */
    if (call(ctl, DM_DEV_SUSPEND, io, "DM_DEV_SUSPEND") < 0) goto out;
    unsigned mi = (unsigned)((io->dev & 0xff) | ((io->dev >> 12) & 0xfff00));
    if (fmt(name, n, "dm-%u", mi) < 0) goto out;
    rc = 0;
out:
    if (rc < 0 && created) {
        char saved[sizeof why];
        memcpy(saved, why, sizeof why);
        io = header(buf, size, 0, d);
        call(ctl, DM_DEV_REMOVE, io, "DM_DEV_REMOVE");
        memcpy(why, saved, sizeof why);
    }
    free(buf);
    close(ctl);
    return rc;
}

int dm_remove(const struct dm_dev *d)
{
    int ctl = open_control("mapper/control", makedev(10, 236), "dm_mod");
    if (ctl < 0) return -1;
    uint8_t buf[sizeof(struct dm_ioctl) + 1024];
    int rc = call(ctl, DM_DEV_REMOVE, header(buf, sizeof buf, 0, d), "DM_DEV_REMOVE");
    close(ctl);
    return rc;
}
const struct dm_dev DM_ISO = {"polyboot-iso", "POLYBOOT-ISO", 0};
const struct dm_dev DM_PERSISTENCE = {"polyboot-persistence", "POLYBOOT-PERSISTENCE", 1};
