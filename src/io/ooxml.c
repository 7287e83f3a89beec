/*
 * OOXML packages from memory through libzip. Invariant: no part is trusted for its
 * declared size; every byte that is inflated is counted against the per-part and the
 * per-package caps, so a forged header or a zip bomb ends in a message, not in an
 * exhausted machine.
 */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/xalloc.h"
#include "io/ooxml.h"

struct ooxml {
    zip_t *zip;
    const char *name;
    size_t count;
    size_t total; /* bytes inflated so far from this package, against OOXML_MAX_TOTAL */
};

/* The first bytes of an OLE compound file: an old .doc/.xls, or any password-protected
 * Office document (Office wraps encrypted OOXML in one). */
static const unsigned char cfb_magic[8] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};

static void why_not_zip(const char *data, size_t len, const char *name, struct strbuf *why)
{
    if (len == 0) {
        strbuf_addf(why, "'%s' is empty (0 bytes); save it again as .docx/.xlsx", name);
    } else if (len >= sizeof cfb_magic && memcmp(data, cfb_magic, sizeof cfb_magic) == 0) {
        strbuf_addf(why,
                    "'%s' is an OLE compound file: an old .doc/.xls or a password-protected "
                    "document; save it without a password as .docx/.xlsx",
                    name);
    } else {
        strbuf_addf(why,
                    "'%s' is not a zip archive (is it an old .doc/.xls? save it as "
                    ".docx/.xlsx)",
                    name);
    }
}

int ooxml_open(const char *data, size_t len, const char *name, struct ooxml **out,
               struct strbuf *why)
{
    zip_error_t err;
    zip_source_t *src;
    zip_t *zip;
    zip_int64_t n;
    struct ooxml *z;

    *out = NULL;
    if (len == 0) {
        why_not_zip(data, len, name, why);
        return -1;
    }
    zip_error_init(&err);
    src = zip_source_buffer_create(data, len, 0, &err);
    if (!src) {
        strbuf_addf(why, "'%s': cannot read the archive: %s", name, zip_error_strerror(&err));
        zip_error_fini(&err);
        return -1;
    }
    zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!zip) {
        int code = zip_error_code_zip(&err);

        zip_source_free(src);
        if (code == ZIP_ER_NOZIP)
            why_not_zip(data, len, name, why);
        else if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD ||
                 code == ZIP_ER_WRONGPASSWD)
            strbuf_addf(why, "'%s' is encrypted; save it without a password", name);
        else
            strbuf_addf(why, "'%s' is a corrupt zip archive (%s); open and save it again", name,
                        zip_error_strerror(&err));
        zip_error_fini(&err);
        return -1;
    }
    zip_error_fini(&err);
    n = zip_get_num_entries(zip, 0);
    if (n < 0 || (zip_uint64_t)n > OOXML_MAX_ENTRIES) {
        strbuf_addf(why, "'%s' has %lld entries, more than the %d an Office document can have",
                    name, (long long)n, OOXML_MAX_ENTRIES);
        zip_discard(zip);
        return -1;
    }
    z = xcalloc(1, sizeof *z);
    z->zip = zip;
    z->name = name;
    z->count = (size_t)n;
    *out = z;
    return 0;
}

void ooxml_close(struct ooxml *z)
{
    if (!z)
        return;
    zip_discard(z->zip);
    free(z);
}

bool ooxml_has(struct ooxml *z, const char *part)
{
    return zip_name_locate(z->zip, part, 0) >= 0;
}

size_t ooxml_count(struct ooxml *z)
{
    return z->count;
}

const char *ooxml_name(struct ooxml *z, size_t i)
{
    if (i >= z->count)
        JX_BUG("ooxml_name: index %zu of %zu", i, z->count);
    return zip_get_name(z->zip, (zip_uint64_t)i, 0);
}

static int over_cap(struct ooxml *z, const char *part, size_t part_len, struct strbuf *why)
{
    if (part_len > OOXML_MAX_PART) {
        strbuf_addf(why, "'%s': part '%s' inflates to more than %u MiB; not an ordinary document",
                    z->name, part, OOXML_MAX_PART >> 20);
        return -1;
    }
    if (z->total > OOXML_MAX_TOTAL) {
        strbuf_addf(why, "'%s': its parts inflate to more than %u MiB; not an ordinary document",
                    z->name, OOXML_MAX_TOTAL >> 20);
        return -1;
    }
    return 0;
}

int ooxml_read(struct ooxml *z, const char *part, struct strbuf *out, struct strbuf *why)
{
    zip_int64_t idx = zip_name_locate(z->zip, part, 0);
    zip_stat_t st;
    zip_file_t *f;
    size_t hint = 0;
    int ret = -1;

    strbuf_reset(out);
    if (idx < 0)
        return 1;
    zip_stat_init(&st);
    if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) < 0) {
        strbuf_addf(why, "'%s': part '%s' is corrupt (%s)", z->name, part, zip_strerror(z->zip));
        return -1;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        strbuf_addf(why, "'%s' is encrypted; save it without a password", z->name);
        return -1;
    }
    /* The declared size only sizes the first allocation, and is refused early when it is
     * already over the cap; the loop below counts what really comes out. */
    if (st.valid & ZIP_STAT_SIZE) {
        if (st.size > OOXML_MAX_PART)
            return over_cap(z, part, (size_t)OOXML_MAX_PART + 1, why);
        hint = (size_t)st.size;
    }
    f = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0);
    if (!f) {
        int code = zip_error_code_zip(zip_get_error(z->zip));

        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
            strbuf_addf(why, "'%s' is encrypted; save it without a password", z->name);
        else
            strbuf_addf(why, "'%s': part '%s' cannot be read (%s); open and save it again", z->name,
                        part, zip_strerror(z->zip));
        return -1;
    }
    strbuf_grow(out, hint < 65536 ? hint : 65536);
    for (;;) {
        zip_int64_t got;

        strbuf_grow(out, 65536);
        got = zip_fread(f, out->buf + out->len, 65536);
        if (got < 0) {
            strbuf_addf(why, "'%s': part '%s' is corrupt (%s); open and save it again", z->name,
                        part, zip_file_strerror(f));
            goto out;
        }
        if (got == 0)
            break;
        strbuf_setlen(out, out->len + (size_t)got);
        z->total += (size_t)got;
        if (over_cap(z, part, out->len, why) < 0)
            goto out;
    }
    ret = 0;
out:
    zip_fclose(f);
    if (ret < 0)
        strbuf_reset(out);
    return ret;
}
