/*
 * bench/leafscore: a bench-only driver of leaftable_score_stream() and
 * leaftable_score_threads() (not installed). It reads or maps a leaf table and prints what `jixiao
 * score TABLE.csv` prints per evaluation, or with --leaves `eval_id,leaf_id,score` per leaf, so
 * that the library can be timed and cross-checked with any thread count and without the CLI around
 * it.
 *
 * usage: leafscore [--threads N] [--leaves] [--quiet] [--mmap] TABLE.csv
 *   --threads N  worker threads (default: the online CPUs); 1 scores in the main thread
 *   --quiet      score and count only, print nothing per evaluation
 *   --mmap       map the file and score the buffer (default: read it in blocks)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "io/leaftable.h"

struct run {
    struct strbuf out;
    size_t evals, leaves;
    int quiet, leaves_mode;
};

static void add_points(struct strbuf *sb, int64_t v)
{
    char tmp[32];
    size_t n = 0;
    uint64_t u;

    if (v < 0) {
        strbuf_addch(sb, '-');
        u = (uint64_t)0 - (uint64_t)v;
    } else {
        u = (uint64_t)v;
    }
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
    tmp[n++] = '.';
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n)
        strbuf_addch(sb, tmp[--n]);
}

static void flush(struct run *r, int force)
{
    if (r->out.len >= (1 << 16) || (force && r->out.len)) {
        if (fwrite(r->out.buf, 1, r->out.len, stdout) != r->out.len) {
            perror("leafscore: write");
            exit(3);
        }
        strbuf_reset(&r->out);
    }
}

static ssize_t read_fd(void *src, char *buf, size_t len)
{
    ssize_t n;

    do
        n = read(*(int *)src, buf, len);
    while (n < 0 && errno == EINTR);
    return n;
}

static int on_eval(const struct leaftable_eval *ev, void *data)
{
    struct run *r = data;

    r->evals++;
    if (r->quiet || r->leaves_mode)
        return 0;
    strbuf_addstr(&r->out, ev->id);
    for (size_t i = 0; i < ev->nr_l1; i++) {
        strbuf_addstr(&r->out, "  ");
        strbuf_addstr(&r->out, ev->l1[i].name);
        strbuf_addch(&r->out, ' ');
        add_points(&r->out, ev->l1[i].score);
    }
    strbuf_addstr(&r->out, "  总分 ");
    add_points(&r->out, ev->total);
    strbuf_addstr(&r->out, "  ");
    strbuf_addstr(&r->out, ev->grade);
    strbuf_addch(&r->out, '\n');
    flush(r, 0);
    return 0;
}

static void on_leaf(const char *eval_id, const char *leaf_id, int64_t score, void *data)
{
    struct run *r = data;

    r->leaves++;
    if (r->quiet)
        return;
    strbuf_addstr(&r->out, eval_id);
    strbuf_addch(&r->out, ',');
    strbuf_addstr(&r->out, leaf_id);
    strbuf_addch(&r->out, ',');
    add_points(&r->out, score);
    strbuf_addch(&r->out, '\n');
    flush(r, 0);
}

int main(int argc, char **argv)
{
    struct run r = {STRBUF_INIT, 0, 0, 0, 0};
    struct jx_err err = JX_ERR_INIT;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    int leaves = 0, use_mmap = 0, fd, rc, i;
    struct stat st;
    void *map = NULL;
    size_t len = 0;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--leaves"))
            leaves = r.leaves_mode = 1;
        else if (!strcmp(argv[i], "--mmap"))
            use_mmap = 1;
        else if (!strcmp(argv[i], "--quiet"))
            r.quiet = 1;
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = strtol(argv[++i], NULL, 10);
        else
            break;
    }
    if (i != argc - 1 || threads < 1 || threads > 64) {
        fputs("usage: leafscore [--threads N] [--leaves] [--quiet] [--mmap] TABLE.csv\n", stderr);
        return 2;
    }
    fd = open(argv[i], O_RDONLY);
    if (fd < 0 || fstat(fd, &st) < 0) {
        fprintf(stderr, "leafscore: %s: %s\n", argv[i], strerror(errno));
        return 2;
    }
    len = (size_t)st.st_size;
    if (len && use_mmap) {
        map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED) {
            fprintf(stderr, "leafscore: %s: %s\n", argv[i], strerror(errno));
            return 3;
        }
    }
    if (use_mmap)
        rc = leaftable_score_threads(map ? map : "", map ? len : 0, argv[i], NULL, 0,
                                     (unsigned)threads, on_eval, leaves ? on_leaf : NULL, &r, &err);
    else
        rc = leaftable_score_stream(read_fd, &fd, argv[i], NULL, 0, (unsigned)threads, on_eval,
                                    leaves ? on_leaf : NULL, &r, &err);
    flush(&r, 1);
    if (rc) {
        struct strbuf msg = STRBUF_INIT;

        jx_err_format(&err, &msg);
        fprintf(stderr, "%s\n", msg.buf);
        strbuf_release(&msg);
    }
    if (r.quiet)
        fprintf(stderr, "leafscore: %zu evaluations, %zu leaves\n", r.evals, r.leaves);
    if (map)
        munmap(map, len);
    close(fd);
    jx_err_release(&err);
    strbuf_release(&r.out);
    return rc ? 2 : 0;
}
