/*
 * Report layouts and sentence tables from YAML (templates/layouts/,
 * templates/sentences/; docs/report.md describes both). Like every parser here they
 * take bytes plus a source name and say file:line:col on every problem.
 */
#ifndef JX_IO_LAYOUT_READ_H
#define JX_IO_LAYOUT_READ_H

#include <stddef.h>

#include "core/err.h"
#include "core/report_layout.h"
#include "core/report_sentences.h"

/* Layout and sentence files larger than this are refused. */
#define LAYOUT_READ_MAX_BYTES (1u * 1024 * 1024)

/*
 * Decodes a layout into l (initialised by the caller with report_layout_init). Unknown
 * keys and parts, unknown text fields, fallback sentences that are not in
 * report_sentence_keys and unknown placeholders are errors. Returns 0, or JX_EINVAL with
 * every problem in d.
 */
int layout_read(const char *data, size_t len, const char *name, struct report_layout *l,
                struct jx_diags *d) JX_MUST_CHECK;

/*
 * Decodes a sentence table into s (initialised with report_sentences_init): every key of
 * report_sentence_keys must be there, no other, and templates use only known
 * placeholders. Returns 0, or JX_EINVAL with every problem in d.
 */
int sentences_read(const char *data, size_t len, const char *name, struct report_sentences *s,
                   struct jx_diags *d) JX_MUST_CHECK;

#endif
