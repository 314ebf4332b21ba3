/* pbinit - polyboot's initramfs helper. Shared declarations; the contract is README.md in this directory. */
#ifndef PBINIT_H
#define PBINIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A hostile or corrupt stick must not make us allocate or loop without bound. */
#define MAX_EXTENTS 65536         /* dm table entries; more fragments than this are refused */
#define MAX_DIR_BYTES (16u << 20) /* largest exFAT directory we read (about 170000 files) */
#define MAX_MATCHES 8

/* A byte range of the data partition (partition-relative). */
struct extent {
    uint64_t off, len;
};

/* The polyboot.* kernel parameters, parsed and checked (cmdline.c). */
struct params {
    uint32_t fsuuid;
    int have_fsuuid;
    char part[48];          /* lower case; "" when not given */
    uint64_t size;          /* 0 when not given */
    struct extent *ext;     /* polyboot.ext, NULL when not given */
    size_t next;
    char *iso;              /* polyboot.iso, percent-decoded; NULL when not given */
    char *pfile;            /* polyboot.pfile: the persistence file's path, percent-decoded; NULL: none */
    uint8_t pfp[32];        /* polyboot.pfp: the persistence file's fingerprint (required with pfile) */
    int have_pfp;
    uint8_t fp[32];
    int have_fp;
    char *label;            /* polyboot.label as given (udev-escaped): the by-label link name */
    char *label_raw;        /* the same, \xHH decoded: compared with the ISO's volume id */
    char *init;             /* polyboot.init, default /init */
    unsigned wait;          /* polyboot.wait seconds, default 300 */
};

/* Where the helper finds things: the host's in testing mode, private mounts under /polyboot when PID 1. */
struct ctx {
    const char *sys;   /* sysfs mount */
    const char *dev;   /* devtmpfs mount: device nodes */
    const char *links; /* where /dev/polyboot/iso and /dev/disk/by-label/X go; NULL: no links */
    int pid1;          /* messages to console + kmsg, may mknod and modprobe */
};
extern struct ctx ctx;

/* util.c */
/* The reason of the current failure; err() sets it and returns -1 so callers can "return err(...)". */
extern char why[320];
int err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line "polyboot: ..." to console + kmsg (PID 1) or stderr (testing mode); error selects kmsg level 3. */
void msg(int error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fmt(char *out, size_t n, const char *f, ...) __attribute__((format(printf, 3, 4)));
ssize_t pread_full(int fd, void *buf, size_t n, uint64_t off);
int read_text(const char *path, char *buf, size_t n);
int read_u64(const char *path, uint64_t *v);
int read_devno(const char *path, dev_t *d);
int open_node(const char *name, dev_t expect, int flags);
int wait_node(const char *name, dev_t expect, int flags, int ms);
void modprobe(const char *module);
int open_control(const char *node, dev_t devno, const char *module);
uint64_t now_ms(void);
void sleep_ms(unsigned ms);
uint16_t le16(const uint8_t *p);
uint32_t le32(const uint8_t *p);
uint64_t le64(const uint8_t *p);

/* cmdline.c */
int parse_cmdline(char *text, struct params *p);
const char *cmdline_value(char *text, const char *name, char *out, size_t n);

/* sha256.c */
struct sha256 {
    uint32_t h[8];
    uint64_t len;
    uint8_t buf[64];
    size_t used;
};
void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, uint8_t out[32]);

/* exfat.c: the file's extents inside the partition, in file order, merged where contiguous */
int exfat_extents(int fd, uint64_t part_bytes, const char *path, struct extent **out, size_t *n);

/* loopdev.c / dm.c: a read-only block device over extents of the partition `part` (device number);
 * `name` receives the kernel name (loop3, dm-0). */
int loop_create(const char *partname, dev_t part, const struct extent *e, char *name, size_t n);
int loop_remove(const char *name);
/* A device-mapper device: name, uuid, and whether it may be written (only a checked persistence file). */
struct dm_dev {
    const char *name, *uuid;
    int writable;
};
extern const struct dm_dev DM_ISO, DM_PERSISTENCE;
int dm_create(const struct dm_dev *d, dev_t part, const struct extent *e, size_t count, char *name, size_t n);
int dm_remove(const struct dm_dev *d);

/* persist.c: the persistence file as a writable dm device, only after its identity checks; 0 when mapped */
#define PERSIST_HEADER_OFF 512
#define PERSIST_MAGIC "POLYBOOT-PERSIST"
int persistence(const struct params *p, const char *partname, dev_t part, uint64_t part_bytes, char *name, size_t n);
int fingerprint_text(const uint8_t fp[32], char out[65]);

/* watch.c */
int watch(char *cmdline);

#endif
