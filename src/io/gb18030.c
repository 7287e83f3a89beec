/* GB18030 → UTF-8 with iconv(3); see gb18030.h. */
#include <errno.h>
#include <iconv.h>

#include "io/gb18030.h"

int gb18030_to_utf8(const char *buf, size_t len, struct strbuf *out)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    char *in = (char *)buf;
    size_t left = len;
    int ret = 0;

    if (cd == (iconv_t)-1)
        return -1;
    strbuf_grow(out, len * 2 + 16);
    while (left) {
        char *o = out->buf + out->len;
        size_t room = out->alloc - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);

        strbuf_setlen(out, (size_t)(o - out->buf));
        if (r == (size_t)-1) {
            if (errno == E2BIG) {
                strbuf_grow(out, left * 2 + 16);
                continue;
            }
            ret = -1;
            break;
        }
    }
    iconv_close(cd);
    return ret;
}
