/* The polyboot.* kernel parameters: splitting the command line as the kernel does, decoding and checking values.
 * Everything here is input from the boot menu; a bad value is reported, never guessed around. */
#include "pbinit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PATH 4096

/* Next "name[=value]" word, in place. Like the kernel's next_arg(): double quotes group spaces and are
 * dropped around the value; "--" ends the kernel's part (what follows is init's). */
static char *next_word(char **cursor, char **value)
{
    char *s = *cursor;
    while (*s == ' ' || *s == '\t' || *s == '\n') s++;
    if (!*s) return NULL;
    int quoted = 0;
    char *start = s, *eq = NULL;
    for (; *s; s++) {
        if (*s == '"') quoted = !quoted;
        else if (!quoted && (*s == ' ' || *s == '\t' || *s == '\n')) break;
        else if (*s == '=' && !eq) eq = s;
    }
    if (*s) *s++ = 0;
    *cursor = s;
    *value = NULL;
    if (eq) {
        *eq = 0;
        char *v = eq + 1;
        size_t n = strlen(v);
        if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
            v[n - 1] = 0;
            v++;
        }
        *value = v;
    }
    if (start[0] == '"') start++;
    return start;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (*s < '0' || *s > '9') return -1;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end) return -1;
    *v = x;
    return 0;
}

static int parse_fsuuid(const char *v, uint32_t *out)
{
    /* blkid prints the exFAT serial as XXXX-XXXX; the dash is the only accepted separator. */
    if (strlen(v) != 9 || v[4] != '-') return -1;
    uint32_t x = 0;
    for (int i = 0; i < 9; i++) {
        if (i == 4) continue;
        int h = hexval((unsigned char)v[i]);
        if (h < 0) return -1;
        x = x << 4 | (uint32_t)h;
    }
    *out = x;
    return 0;
}

static int parse_ext(char *v, struct params *p)
{
    size_t cap = 1;
    for (char *c = v; *c; c++) cap += *c == ',';
    if (cap > MAX_EXTENTS) return err("polyboot.ext: more than %d extents", MAX_EXTENTS);
    free(p->ext); /* given twice: the later one wins */
    p->ext = calloc(cap, sizeof *p->ext);
    if (!p->ext) return err("polyboot.ext: out of memory");
    p->next = 0;
    for (char *item = strtok(v, ","); item; item = strtok(NULL, ",")) {
        char *plus = strchr(item, '+');
        uint64_t off, len;
        if (!plus) return err("polyboot.ext: '%s' is not OFF+LEN", item);
        *plus = 0;
        if (parse_u64(item, &off) < 0 || parse_u64(plus + 1, &len) < 0 || len == 0 || off + len < off)
            return err("polyboot.ext: '%s+%s' is not OFF+LEN in decimal bytes", item, plus + 1);
        p->ext[p->next++] = (struct extent){off, len};
    }
    if (p->next == 0) return err("polyboot.ext: empty");
    return 0;
}

/* "%XX" for every byte outside A-Za-z0-9._-/ ; the result is the UTF-8 path inside the exFAT volume. */
static int parse_path(const char *name, const char *v, char **dst)
{
    size_t n = strlen(v);
    if (n > MAX_PATH) return err("%s: longer than %d bytes", name, MAX_PATH);
    char *out = malloc(n + 1), *o = out;
    if (!out) return err("%s: out of memory", name);
    for (const char *s = v; *s; s++) {
        if (*s == '%') {
            int a = hexval((unsigned char)s[1]), b = a < 0 ? -1 : hexval((unsigned char)s[2]);
            if (b < 0 || (a == 0 && b == 0)) {
                free(out);
                return err("%s: bad %%-escape in '%s'", name, v);
            }
            *o++ = (char)(a << 4 | b);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
    if (out[0] != '/' || out[1] == 0) {
        free(out);
        return err("%s: '%s' is not an absolute file path", name, v);
    }
    free(*dst); /* given twice: the later one wins */
    *dst = out;
    return 0;
}

static int parse_fp(const char *name, const char *v, uint8_t out[32])
{
    if (strlen(v) != 64) return err("%s: not 64 hex digits", name);
    for (int i = 0; i < 32; i++) {
        int a = hexval((unsigned char)v[2 * i]), b = hexval((unsigned char)v[2 * i + 1]);
        if (a < 0 || b < 0) return err("%s: not 64 hex digits", name);
        out[i] = (uint8_t)(a << 4 | b);
    }
    return 0;
}

/* The label is the name udev gives the by-label link: \xHH escapes, never '/'. */
static int parse_label(char *v, struct params *p)
{
    size_t n = strlen(v);
    if (n == 0 || n > 200 || strchr(v, '/') || !strcmp(v, ".") || !strcmp(v, ".."))
        return err("polyboot.label: '%s' is not a link name", v);
    char *raw = malloc(n + 1), *o = raw;
    if (!raw) return err("polyboot.label: out of memory");
    for (const char *s = v; *s; s++) {
        int a, b;
        if (s[0] == '\\' && s[1] == 'x' && (a = hexval((unsigned char)s[2])) >= 0 && (b = hexval((unsigned char)s[3])) >= 0) {
            *o++ = (char)(a << 4 | b);
            s += 3;
        } else {
            *o++ = *s;
        }
    }
    *o = 0;
    p->label = v;
    p->label_raw = raw;
    return 0;
}

static int parse_one(const char *name, char *v, struct params *p)
{
    if (!v) return err("%s: no value", name);
    if (!strcmp(name, "polyboot.fsuuid")) {
        if (parse_fsuuid(v, &p->fsuuid) < 0) return err("polyboot.fsuuid: '%s' is not XXXX-XXXX", v);
        p->have_fsuuid = 1;
    } else if (!strcmp(name, "polyboot.part")) {
        size_t n = strlen(v);
        if (n == 0 || n >= sizeof p->part) return err("polyboot.part: '%s' is not a PARTUUID", v);
        for (size_t i = 0; i < n; i++) {
            char c = v[i];
            if (c >= 'A' && c <= 'F') c = (char)(c - 'A' + 'a');
            if (hexval((unsigned char)c) < 0 && c != '-') return err("polyboot.part: '%s' is not a PARTUUID", v);
            p->part[i] = c;
        }
        p->part[n] = 0;
    } else if (!strcmp(name, "polyboot.size")) {
        if (parse_u64(v, &p->size) < 0 || p->size == 0) return err("polyboot.size: '%s' is not a byte count", v);
    } else if (!strcmp(name, "polyboot.ext")) {
        return parse_ext(v, p);
    } else if (!strcmp(name, "polyboot.iso")) {
        return parse_path(name, v, &p->iso);
    } else if (!strcmp(name, "polyboot.fp")) {
        if (parse_fp(name, v, p->fp) < 0) return -1;
        p->have_fp = 1;
    } else if (!strcmp(name, "polyboot.pfile")) {
        return parse_path(name, v, &p->pfile);
    } else if (!strcmp(name, "polyboot.pfp")) {
        if (parse_fp(name, v, p->pfp) < 0) return -1;
        p->have_pfp = 1;
    } else if (!strcmp(name, "polyboot.label")) {
        return parse_label(v, p);
    } else if (!strcmp(name, "polyboot.init")) {
        if (v[0] != '/' || strlen(v) > MAX_PATH) return err("polyboot.init: '%s' is not an absolute path", v);
        p->init = v;
    } else if (!strcmp(name, "polyboot.wait")) {
        uint64_t w;
        if (parse_u64(v, &w) < 0 || w > 86400) return err("polyboot.wait: '%s' is not a number of seconds", v);
        p->wait = (unsigned)w;
    }
    /* Other polyboot.* names: a newer menu talking to this helper; ignored. */
    return 0;
}

/* Parses `text` (modified in place; values point into it). Later occurrences win, as for the kernel. */
int parse_cmdline(char *text, struct params *p)
{
    memset(p, 0, sizeof *p);
    p->init = "/init";
    p->wait = 300;
    char *cursor = text, *name, *value;
    while ((name = next_word(&cursor, &value))) {
        if (!strcmp(name, "--") && !value) break;
        if (strncmp(name, "polyboot.", 9) != 0) continue;
        if (parse_one(name, value, p) < 0) return -1;
    }
    if (!p->have_fsuuid) return err("polyboot.fsuuid is missing");
    if (!p->ext && !p->iso) return err("neither polyboot.ext nor polyboot.iso is given");
    /* a writable mapping without its fingerprint is never made */
    if (p->pfile && !p->have_pfp) return err("polyboot.pfile is given without polyboot.pfp");
    return 0;
}

/* One parameter's raw value without checking the others (PID 1 needs only polyboot.init). */
const char *cmdline_value(char *text, const char *want, char *out, size_t n)
{
    char *cursor = text, *name, *value;
    const char *found = NULL;
    while ((name = next_word(&cursor, &value))) {
        if (!strcmp(name, "--") && !value) break;
        if (value && !strcmp(name, want) && strlen(value) < n) {
            strcpy(out, value);
            found = out;
        }
    }
    return found;
}
