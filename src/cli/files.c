/*
 * File access for the CLI. Library layers never open files; this is where paths become
 * bytes and bytes become files. Outputs are written to a temporary file beside the
 * target and renamed into place, so a crash or a full disk never leaves half a file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/files.h"
#include "core/xalloc.h"

void file_list_release(struct file_list *l)
{
    for (size_t i = 0; i < l->nr; i++)
        free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->nr = l->alloc = 0;
}

bool files_has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);

    return n > e && !strcmp(path + n - e, ext);
}

static bool wanted(const char *name, const char *extra_ext)
{
    return files_has_ext(name, ".yaml") || files_has_ext(name, ".yml") ||
           files_has_ext(name, ".json") || (extra_ext && files_has_ext(name, extra_ext));
}

static void list_add(struct file_list *l, const char *name)
{
    ALLOC_GROW(l->names, l->nr + 1, l->alloc);
    l->names[l->nr++] = xstrdup(name);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int expand_dir(const char *dir, const char *extra_ext, struct file_list *l,
                      struct strbuf *why, unsigned depth)
{
    struct file_list here = {0};
    DIR *d;
    struct dirent *de;
    int ret = 0;

    if (depth > 32)
        return 0; /* symlink loops or absurd nesting: stop quietly */
    d = opendir(dir);
    if (!d) {
        strbuf_addf(why, "cannot open directory '%s': %s", dir, strerror(errno));
        return -1;
    }
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        list_add(&here, de->d_name);
    }
    closedir(d);
    if (here.nr)
        qsort(here.names, here.nr, sizeof(*here.names), cmp_names);
    for (size_t i = 0; i < here.nr && !ret; i++) {
        struct strbuf path = STRBUF_INIT;
        struct stat st;

        strbuf_addf(&path, "%s/%s", dir, here.names[i]);
        if (stat(path.buf, &st) == 0 && S_ISDIR(st.st_mode))
            ret = expand_dir(path.buf, extra_ext, l, why, depth + 1);
        else if (wanted(here.names[i], extra_ext))
            list_add(l, path.buf);
        strbuf_release(&path);
    }
    file_list_release(&here);
    return ret;
}

int files_expand(const char *path, const char *extra_ext, struct file_list *l, struct strbuf *why)
{
    struct stat st;
    size_t before = l->nr;

    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
        /* Files are taken as given; files_read reports what is wrong with them. */
        list_add(l, path);
        return 0;
    }
    if (expand_dir(path, extra_ext, l, why, 0) < 0)
        return -1;
    if (l->nr == before) {
        strbuf_addf(why, "no evaluation files (*.yaml, *.yml, *.json%s%s) in directory '%s'",
                    extra_ext ? ", *" : "", extra_ext ? extra_ext : "", path);
        return -1;
    }
    return 0;
}

static void add_size(struct strbuf *sb, size_t n)
{
    if (n >= 1024 * 1024)
        strbuf_addf(sb, "%zu.%zu MiB", n / (1024 * 1024), n % (1024 * 1024) * 10 / (1024 * 1024));
    else if (n >= 1024)
        strbuf_addf(sb, "%zu KiB", n / 1024);
    else
        strbuf_addf(sb, "%zu bytes", n);
}

int files_read(const char *path, size_t max, struct strbuf *buf, struct strbuf *why)
{
    struct stat st;
    int fd, ret = -1;

    strbuf_reset(buf);
    if (!strcmp(path, "-")) {
        /* Standard input: a pipe is fine here; the size cap is checked while reading. */
        fd = dup(STDIN_FILENO);
        if (fd < 0) {
            strbuf_addf(why, "cannot read standard input: %s", strerror(errno));
            return -1;
        }
        goto read_all;
    }
    /* O_NONBLOCK: opening a FIFO without a writer must not hang; fstat then refuses it. */
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        strbuf_addf(why, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        strbuf_addf(why, "cannot read '%s': %s", path, strerror(errno));
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        strbuf_addf(why, "'%s' is a directory", path);
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        strbuf_addf(why, "'%s' is not a regular file", path);
        goto out;
    }
    if ((size_t)st.st_size > max) {
        strbuf_addf(why, "'%s' is ", path);
        add_size(why, (size_t)st.st_size);
        strbuf_addstr(why, ", over the ");
        add_size(why, max);
        strbuf_addstr(why, " limit for one evaluation file");
        goto out;
    }
    strbuf_grow(buf, (size_t)st.st_size);
read_all:
    for (;;) {
        ssize_t n;

        strbuf_grow(buf, 8192);
        n = read(fd, buf->buf + buf->len, buf->alloc - buf->len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            strbuf_addf(why, "cannot read '%s': %s", path, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        buf->len += (size_t)n;
        if (buf->len > max) {
            strbuf_addf(why, "'%s' is over the ", path);
            add_size(why, max);
            strbuf_addstr(why, " limit for one evaluation file");
            goto out;
        }
    }
    buf->buf[buf->len] = '\0';
    ret = 0;
out:
    close(fd);
    return ret;
}

int files_write_atomic(const char *path, const char *data, size_t len, bool overwrite,
                       struct strbuf *why)
{
    struct strbuf tmp = STRBUF_INIT;
    const char *slash = strrchr(path, '/');
    bool created = false;
    int fd = -1, ret = -2; /* past the existence check, failures are the environment's */
    size_t off = 0;

    if (!overwrite && access(path, F_OK) == 0) {
        strbuf_addf(why, "'%s' already exists; use --force to overwrite it", path);
        return -1;
    }
    if (slash)
        strbuf_add(&tmp, path, (size_t)(slash - path + 1));
    strbuf_addf(&tmp, ".%s.tmp-XXXXXX", slash ? slash + 1 : path);
    fd = mkstemp(tmp.buf);
    if (fd < 0)
        goto fail;
    created = true;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            goto fail;
        off += (size_t)n;
    }
    if (fchmod(fd, 0644) < 0 || fsync(fd) < 0)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp.buf, path) < 0)
        goto fail;
    ret = 0;
    goto out;
fail:
    strbuf_addf(why, "cannot write '%s': %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmp.buf);
out:
    strbuf_release(&tmp);
    return ret;
}
