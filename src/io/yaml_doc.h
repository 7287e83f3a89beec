/*
 * A YAML (or JSON) text as a small tree of nodes with 1-based positions, built from
 * libfyaml's event stream. It is lighter than libfyaml's own document (no per-mapping
 * hash tables, no resolution pass) and keeps aliases as links to their anchored node, so
 * a decoder expands them itself and can count what it visits (alias bombs).
 */
#ifndef JX_IO_YAML_DOC_H
#define JX_IO_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/strbuf.h"

enum ynode_type {
    YNODE_SCALAR,
    YNODE_SEQ,
    YNODE_MAP,
    YNODE_ALIAS,
};

struct ynode {
    unsigned char type; /* enum ynode_type */
    bool plain;         /* scalar written without quotes or block indicator */
    bool open;          /* container still being built (an alias to it is recursive) */
    struct jx_pos pos;
    union {
        struct {
            const char *text; /* NUL-terminated, escapes resolved; may hold NULs in JSON */
            size_t len;
        } s;
        struct {
            struct ynode **items; /* sequences: nr items; mappings: key, value, key, ... */
            size_t nr;            /* items in a sequence, pairs in a mapping */
        } c;
        struct {
            struct ynode *target; /* never itself an alias */
            const char *name;
        } a;
    };
};

struct yaml_doc {
    struct ynode *root; /* NULL when the stream holds no document */
    size_t nr_nodes;
    struct jx_arena nodes; /* the tree; scalar text lives in the caller's arena */
};

#define YAML_DOC_INIT                                                                              \
    {                                                                                              \
        NULL, 0, JX_ARENA_INIT                                                                     \
    }

enum yaml_doc_flags {
    YAML_DOC_JSON = 1 << 0,    /* libfyaml's JSON mode */
    YAML_DOC_NO_FAST = 1 << 1, /* always libfyaml, never yaml_fast.c (for comparing them) */
};

/*
 * Parses data[0..len) as YAML, or as JSON with YAML_DOC_JSON (libfyaml's JSON mode, so
 * JSON errors carry line:col too). YAML in the common subset is read by yaml_fast.c and
 * the rest by libfyaml; the tree is the same either way. Scalar text is copied into
 * text_arena so that it can outlive the tree. Syntax errors, unknown or recursive
 * aliases, a second document and a tree of more than max_nodes nodes are appended to d
 * as "name:line:col: message". Returns 0 or JX_ESYNTAX (doc->root is then NULL). Release
 * doc with yaml_doc_release() in both cases.
 */
int yaml_doc_parse(struct yaml_doc *doc, const char *data, size_t len, const char *name,
                   unsigned flags, size_t max_nodes, struct jx_arena *text_arena,
                   struct jx_diags *d) JX_MUST_CHECK;
void yaml_doc_release(struct yaml_doc *doc);

/* A scalar that YAML reads as null: empty, '~' or 'null' written plain. */
bool ynode_is_null(const struct ynode *n);
/* "a mapping", "a sequence", "nothing" (null) or "a scalar" for messages. */
const char *ynode_type_name(const struct ynode *n);

/*
 * Whether two trees are the same node for node: types, plain flags, text, positions,
 * alias targets' shapes. On a difference, when why is not NULL, appends where it is.
 * For checking yaml_fast.c against libfyaml (tests, fuzz/fuzz_yaml_fast.c).
 */
bool ynode_same(const struct ynode *a, const struct ynode *b, struct strbuf *why);

#endif
