/*
 * Replays saved inputs through a harness's LLVMFuzzerTestOneInput without libFuzzer, so
 * that every ordinary test run checks that no input of the corpus (seeds and past
 * crashes) breaks again. Arguments are files or directories (read one level deep). Exits
 * 1 when an argument cannot be read, so a missing corpus fails the test rather than
 * passing with nothing replayed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    FILE *f = fopen(path, "rb");
    size_t n;

    if (!f) {
        perror(path);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        strbuf_add(&sb, buf, n);
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)sb.buf, sb.len);
    strbuf_release(&sb);
    return 0;
}

static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int ret = 0;

    if (!d) {
        perror(dir);
        return -1;
    }
    while ((de = readdir(d))) {
        struct strbuf path = STRBUF_INIT;
        struct stat st;

        if (de->d_name[0] == '.')
            continue;
        strbuf_addf(&path, "%s/%s", dir, de->d_name);
        if (stat(path.buf, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(path.buf) < 0)
                ret = -1;
            else
                (*count)++;
        }
        strbuf_release(&path);
    }
    closedir(d);
    return ret;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int failed = 0;

    for (int i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) < 0) {
            perror(argv[i]);
            failed = 1;
        } else if (S_ISDIR(st.st_mode)) {
            failed |= replay_dir(argv[i], &count) < 0;
        } else if (replay_file(argv[i]) < 0) {
            failed = 1;
        } else {
            count++;
        }
    }
    printf("replayed %zu inputs\n", count);
    if (!count) {
        fputs("replay: no inputs\n", stderr);
        return 1;
    }
    return failed;
}
