/* Small helpers: messages, whole reads, sysfs values, device nodes, modprobe. */
#define _GNU_SOURCE
#include "pbinit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char why[320];

int err(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(why, sizeof why, f, ap);
    va_end(ap);
    return -1;
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

static int write_to(const char *node, const char *s, size_t n)
{
    char path[128];
    if (fmt(path, sizeof path, "%s/%s", ctx.dev, node) < 0) return -1;
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return -1;
    int rc = write_all(fd, s, n);
    close(fd);
    return rc;
}

void msg(int error, const char *f, ...)
{
    char line[512];
    int k = snprintf(line, sizeof line, "<%d>polyboot: ", error ? 3 : 5);
    va_list ap;
    va_start(ap, f);
    int m = vsnprintf(line + k, sizeof line - (size_t)k - 1, f, ap);
    va_end(ap);
    if (m < 0) return;
    size_t len = (size_t)k + (size_t)m;
    if (len > sizeof line - 2) len = sizeof line - 2;
    line[len++] = '\n';
    line[len] = 0;
    const char *text = line + 3; /* without the kmsg level */
    if (ctx.pid1) {
        /* kmsg lands in dmesg and the journal; the console is what the user sees. The kernel copies a kmsg line
         * to the console itself when its level is below console_loglevel: then writing it there would show it twice. */
        char printk[32];
        int shown = read_text("/polyboot/proc/sys/kernel/printk", printk, sizeof printk) == 0 && (error ? 3 : 5) < atoi(printk);
        if (write_to("kmsg", line, len) < 0 || !shown) write_to("console", text, len - 3);
    } else {
        write_all(2, text, len - 3);
    }
}

int fmt(char *out, size_t n, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int k = vsnprintf(out, n, f, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= n) return err("name too long");
    return 0;
}

ssize_t pread_full(int fd, void *buf, size_t n, uint64_t off)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(fd, (char *)buf + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) break;
        done += (size_t)r;
    }
    return (ssize_t)done;
}

/* A small text file (sysfs attribute) without its trailing newline. */
int read_text(const char *path, char *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t r = pread_full(fd, buf, n - 1, 0);
    close(fd);
    if (r < 0) return -1;
    buf[r] = 0;
    while (r > 0 && (buf[r - 1] == '\n' || buf[r - 1] == ' ')) buf[--r] = 0;
    return 0;
}

int read_u64(const char *path, uint64_t *v)
{
    char b[32], *end;
    if (read_text(path, b, sizeof b) < 0 || b[0] < '0' || b[0] > '9') return -1;
    errno = 0;
    unsigned long long x = strtoull(b, &end, 10);
    if (errno || *end) return -1;
    *v = x;
    return 0;
}

/* sysfs "dev" attribute: "MAJ:MIN". */
int read_devno(const char *path, dev_t *d)
{
    char b[32], *colon, *end;
    if (read_text(path, b, sizeof b) < 0 || !(colon = strchr(b, ':'))) return -1;
    *colon = 0;
    uint64_t maj, min;
    errno = 0;
    maj = strtoull(b, &end, 10);
    if (errno || *end || end == b) return -1;
    min = strtoull(colon + 1, &end, 10);
    if (errno || *end || end == colon + 1 || maj > 0xFFFFFFFFu || min > 0xFFFFFFFFu) return -1;
    *d = makedev((unsigned)maj, (unsigned)min);
    return 0;
}

/* Opens the block device node of kernel name `name` under ctx.dev and makes sure it is that device (a stale
 * or foreign node with the same name is never read). sysfs writes '/' in names as '!'. */
int open_node(const char *name, dev_t expect, int flags)
{
    char path[160];
    if (fmt(path, sizeof path, "%s/%s", ctx.dev, name) < 0) return -1;
    for (char *c = path + strlen(ctx.dev); *c; c++)
        if (*c == '!') *c = '/';
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISBLK(st.st_mode) || (expect && st.st_rdev != expect)) {
        close(fd);
        errno = ENODEV;
        return -1;
    }
    return fd;
}

/* devtmpfs creates nodes asynchronously on some kernels: give a new device a moment. */
int wait_node(const char *name, dev_t expect, int flags, int ms)
{
    for (;;) {
        int fd = open_node(name, expect, flags);
        if (fd >= 0 || ms <= 0) return fd;
        sleep_ms(50);
        ms -= 50;
    }
}

/* Runs modprobe once: the distribution's initrd has it (kmod or busybox), we only ask it to load. */
void modprobe(const char *module)
{
    static const char *const paths[] = {"/sbin/modprobe", "/usr/sbin/modprobe", "/bin/modprobe", "/usr/bin/modprobe"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        if (access(paths[i], X_OK) != 0) continue;
        pid_t pid = fork();
        if (pid < 0) return;
        if (pid == 0) {
            char *argv[] = {"modprobe", "-q", (char *)module, NULL};
            char *envp[] = {"PATH=/sbin:/usr/sbin:/bin:/usr/bin", NULL};
            execve(paths[i], argv, envp);
            _exit(127);
        }
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
        }
        return;
    }
}

uint64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

void sleep_ms(unsigned ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) < 0 && errno == EINTR) {
    }
}

uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
uint64_t le64(const uint8_t *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

/* A misc control node (loop-control, mapper/control). When it is missing the module is not loaded yet: modprobe
 * once; as PID 1 make the node ourselves if still missing (opening it then lets the kernel load the module). */
int open_control(const char *node, dev_t devno, const char *module)
{
    char path[128];
    if (fmt(path, sizeof path, "%s/%s", ctx.dev, node) < 0) return -1;
    for (int attempt = 0;; attempt++) {
        int fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd >= 0) {
            struct stat st;
            if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == devno) return fd;
            close(fd);
            return err("%s is not the control device", path);
        }
        int e = errno;
        if (attempt == 0 && (e == ENOENT || e == ENODEV || e == ENXIO)) {
            modprobe(module);
        } else if (attempt == 1 && e == ENOENT && ctx.pid1) {
            char *slash = strrchr(path, '/');
            *slash = 0;
            mkdir(path, 0755);
            *slash = '/';
            if (mknod(path, S_IFCHR | 0600, devno) < 0 && errno != EEXIST) return err("cannot create %s: %s", path, strerror(errno));
        } else {
            return err("%s: %s", path, strerror(e));
        }
    }
}
