/* A read-only loop device over one byte range of the data partition (lo_offset + lo_sizelimit).
 * Loop opens the partition without claiming it, so the live system can still mount the stick. Not autoclear:
 * nobody holds the device open between us and the distribution's init, and autoclear would drop it then. */
#define _GNU_SOURCE
#include "pbinit.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* <linux/loop.h>, which musl does not ship */
#define LOOP_SET_FD 0x4C00
#define LOOP_CLR_FD 0x4C01
#define LOOP_SET_STATUS64 0x4C04
#define LOOP_CONFIGURE 0x4C0A
#define LOOP_CTL_GET_FREE 0x4C82
#define LO_FLAGS_READ_ONLY 1

struct loop_info64 {
    uint64_t lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
    uint32_t lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
    uint8_t lo_file_name[64], lo_crypt_name[64], lo_encrypt_key[32];
    uint64_t lo_init[2];
};

struct loop_config {
    uint32_t fd, block_size;
    struct loop_info64 info;
    uint64_t reserved[8];
};

/* Binds `back` to the loop device `fd`. 0 ok, 1 the device was taken meanwhile (try another), -1 error. */
static int loop_bind(int fd, int back, const struct extent *e, const char *partname)
{
    struct loop_config c;
    memset(&c, 0, sizeof c);
    c.fd = (uint32_t)back;
    c.info.lo_offset = e->off;
    c.info.lo_sizelimit = e->len;
    c.info.lo_flags = LO_FLAGS_READ_ONLY;
    strncpy((char *)c.info.lo_file_name, partname, sizeof c.info.lo_file_name - 1);
    if (ioctl(fd, LOOP_CONFIGURE, &c) == 0) return 0;
    if (errno == EBUSY) return 1;
    if (errno != EINVAL && errno != ENOTTY) return err("LOOP_CONFIGURE: %s", strerror(errno));
    /* Kernels before 5.8: the two-step way. Read-only follows from the read-only backing file. */
    if (ioctl(fd, LOOP_SET_FD, back) < 0) return errno == EBUSY ? 1 : err("LOOP_SET_FD: %s", strerror(errno));
    c.info.lo_flags = 0;
    if (ioctl(fd, LOOP_SET_STATUS64, &c.info) < 0) {
        int e2 = errno;
        ioctl(fd, LOOP_CLR_FD, 0);
        return err("LOOP_SET_STATUS64: %s", strerror(e2));
    }
    return 0;
}

int loop_create(const char *partname, dev_t part, const struct extent *e, char *name, size_t n)
{
    int ctl = open_control("loop-control", makedev(10, 237), "loop");
    if (ctl < 0) {
        char reason[sizeof why];
        memcpy(reason, why, sizeof why);
        return err("no loop device support (%s)", reason);
    }
    int back = open_node(partname, part, O_RDONLY);
    if (back < 0) {
        close(ctl);
        return err("cannot open %s: %s", partname, strerror(errno));
    }
    int rc = -1;
    for (int attempt = 0; attempt < 10; attempt++) {
        int nr = ioctl(ctl, LOOP_CTL_GET_FREE);
        if (nr < 0) {
            err("LOOP_CTL_GET_FREE: %s", strerror(errno));
            break;
        }
        char path[160];
        dev_t devno = 0;
        if (fmt(name, n, "loop%d", nr) < 0 || fmt(path, sizeof path, "%s/class/block/%s/dev", ctx.sys, name) < 0) break;
        for (int i = 0; i < 20 && read_devno(path, &devno) < 0; i++) sleep_ms(50);
        int fd = wait_node(name, devno, O_RDWR, 1000);
        if (fd < 0) fd = open_node(name, devno, O_RDONLY);
        if (fd < 0) {
            err("cannot open %s/%s: %s", ctx.dev, name, strerror(errno));
            break;
        }
        rc = loop_bind(fd, back, e, partname);
        close(fd);
        if (rc != 1) break;
        rc = -1;
        err("loop devices kept being taken by others");
    }
    close(back);
    close(ctl);
    return rc;
}

int loop_remove(const char *name)
{
    int fd = open_node(name, 0, O_RDONLY);
    if (fd < 0) return err("cannot open %s: %s", name, strerror(errno));
    /* With other openers (udev probing) the kernel turns this into autoclear on last close. */
    int rc = ioctl(fd, LOOP_CLR_FD, 0);
    int e = errno;
    close(fd);
    return rc < 0 ? err("LOOP_CLR_FD %s: %s", name, strerror(e)) : 0;
}
