/*
 * A fast path for the YAML people and generators actually write: block mappings and
 * sequences, one-line plain and quoted scalars, one-line flow collections. It builds the
 * same ynode tree (types, text, positions) libfyaml's events would give, about ten times
 * faster, and declines everything else (aliases, tags, block scalars, multi-line
 * scalars, tabs, directives, anything invalid) so that the caller parses those with
 * libfyaml, which also owns every syntax error message.
 */
#ifndef JX_IO_YAML_FAST_H
#define JX_IO_YAML_FAST_H

#include <stddef.h>

#include "core/arena.h"
#include "io/yaml_doc.h"

/*
 * Parses data[0..len) (valid UTF-8, checked by the caller) into doc. Returns 0 when it
 * built the whole tree, or 1 when the text is outside the subset: doc is then left empty
 * (though text_arena may have grown) and the caller falls back to libfyaml.
 */
int yaml_fast_parse(struct yaml_doc *doc, const char *data, size_t len, size_t max_nodes,
                    struct jx_arena *text_arena);

#endif
