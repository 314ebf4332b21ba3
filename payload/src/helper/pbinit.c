/* pbinit: polyboot's initramfs helper (README.md in this directory is the contract).
 *
 * As PID 1 (rdinit=/polyboot/init): start the watcher in the background and exec the distribution's init at
 * once, keeping PID 1, argv and environment. Nothing may block or fail before that exec: whatever goes wrong,
 * the distribution boots as it would have without polyboot.
 * As "pbinit watch ...": the watcher in the foreground on a normal host, for tests. */
#define _GNU_SOURCE
#include "pbinit.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

struct ctx ctx = {"/sys", "/dev", NULL, 0};

#define ROOT "/polyboot"
#define CMDLINE_MAX 65536

static char *read_all(const char *path)
{
    char *buf = malloc(CMDLINE_MAX);
    if (!buf || read_text(path, buf, CMDLINE_MAX) < 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The watcher as a child of PID 1. Its mounts live in a private mount namespace, so the root handed to the
 * distribution has none of them; devtmpfs is a single instance, so nodes and links it makes there are the
 * ones the distribution sees in its /dev. */
static void watcher_child(char **argv)
{
    setsid();
    /* systemd's initrd spares processes whose argv[0] starts with '@' when it switches root */
    size_t len = strlen(argv[0]);
    memset(argv[0], 0, len);
    memcpy(argv[0], "@polyboot", len < 9 ? len : 9);
    prctl(PR_SET_NAME, "@polyboot", 0, 0, 0);

    int private_ns = unshare(CLONE_NEWNS) == 0;
    if (private_ns) mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    mkdir(ROOT, 0755);
    mkdir(ROOT "/proc", 0555);
    mkdir(ROOT "/sys", 0555);
    mkdir(ROOT "/dev", 0755);
    if (mount("proc", ROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0 ||
        mount("sysfs", ROOT "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0 ||
        mount("devtmpfs", ROOT "/dev", "devtmpfs", MS_NOSUID, "mode=0755") < 0) {
        dprintf(2, "polyboot: watcher: cannot mount proc, sysfs and devtmpfs under " ROOT ": %s\n", strerror(errno));
        _exit(1);
    }
    ctx = (struct ctx){ROOT "/sys", ROOT "/dev", ROOT "/dev", 1};
    /* Do not keep the console open: messages open it per line. */
    int null = open(ROOT "/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (null > 2) close(null);
    }
    if (chdir("/") < 0) {
    }
    char *cmdline = read_all(ROOT "/proc/cmdline");
    int rc = 1;
    if (!cmdline) msg(1, "parameters: cannot read /proc/cmdline");
    else rc = watch(cmdline);
    if (!private_ns) {
        umount2(ROOT "/dev", MNT_DETACH);
        umount2(ROOT "/sys", MNT_DETACH);
        umount2(ROOT "/proc", MNT_DETACH);
    }
    _exit(rc);
}

static void pid1(char **argv, char **envp)
{
    static char init[4097]; /* bss, not 4 KiB of data */
    strcpy(init, "/init");
    /* Only polyboot.init is needed here; proc is mounted just long enough to read it. */
    mkdir(ROOT, 0755);
    mkdir(ROOT "/proc", 0555);
    if (mount("proc", ROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
        char *cmdline = read_all(ROOT "/proc/cmdline");
        umount2(ROOT "/proc", MNT_DETACH);
        if (cmdline && cmdline_value(cmdline, "polyboot.init", init, sizeof init) && init[0] != '/') strcpy(init, "/init");
        free(cmdline);
    }
    pid_t pid = fork();
    if (pid == 0) watcher_child(argv);
    if (pid < 0) dprintf(2, "polyboot: watcher: cannot fork: %s\n", strerror(errno));

    /* The kernel's own fallbacks after the requested init, as it does for init=. */
    const char *const inits[] = {init, "/sbin/init", "/etc/init", "/bin/init", "/bin/sh"};
    for (size_t i = 0; i < sizeof inits / sizeof inits[0]; i++) {
        if (i > 0 && !strcmp(inits[i], init)) continue;
        argv[0] = (char *)inits[i];
        execve(inits[i], argv, envp);
        dprintf(2, "polyboot: init %s: cannot execute: %s\n", inits[i], strerror(errno));
    }
    dprintf(2, "polyboot: init: no init could be started; halting here\n");
    for (;;) pause(); /* PID 1 must not exit (that panics the kernel) */
}

static int usage(void)
{
    fputs("usage: pbinit watch [--cmdline FILE] [--links DIR] [--sys DIR]\n"
          "  (as PID 1, started by the kernel as rdinit=/polyboot/init, it needs no arguments)\n",
          stderr);
    return 2;
}

int main(int argc, char **argv, char **envp)
{
    /* As PID 1 the arguments are the kernel's leftovers for init: never interpret them. */
    if (getpid() == 1) pid1(argv, envp);
    if (argc < 2 || strcmp(argv[1], "watch") != 0) return usage();
    const char *cmdfile = "/proc/cmdline";
    for (int i = 2; i < argc; i++) {
        if (i + 1 >= argc) return usage();
        if (!strcmp(argv[i], "--cmdline")) cmdfile = argv[++i];
        else if (!strcmp(argv[i], "--links")) ctx.links = argv[++i];
        else if (!strcmp(argv[i], "--sys")) ctx.sys = argv[++i];
        else return usage();
    }
    char *cmdline = read_all(cmdfile);
    if (!cmdline) {
        fprintf(stderr, "polyboot: parameters: cannot read %s: %s\n", cmdfile, strerror(errno));
        return 1;
    }
    return watch(cmdline);
}
