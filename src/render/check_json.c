/*
 * JSON and SARIF 2.1.0 output of review findings, built as a jansson tree. Invariant: a
 * SARIF result's ruleIndex is the rule's index in tool.driver.rules, which lists the whole
 * static rule table in its order.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "render/check_json.h"
#include "render/diag_json.h"
#include "render/json_out.h"

struct check_json {
    bool sarif;
    json_t *files, *failed, *results;
    size_t counts[3]; /* by jx_severity */
};

struct check_json *check_json_new(bool sarif)
{
    struct check_json *cj = xcalloc(1, sizeof(*cj));

    cj->sarif = sarif;
    cj->files = json_array();
    cj->failed = json_array();
    cj->results = json_array();
    return cj;
}

static size_t rule_index(const char *id)
{
    size_t n;
    const struct check_rule *r = check_rules(&n), *found = check_rule_find(id);

    return found ? (size_t)(found - r) : 0;
}

/* Where a finding on a report is: the section label and the paragraph number. */
static void report_where(const struct report_extract *rx, const struct check_finding *f,
                         struct strbuf *label, unsigned *para)
{
    const struct rx_para *p = report_extract_locate(rx, f->pos.line);

    report_extract_section_label(rx, p ? p->section : 0, label);
    *para = p ? p->number : 0;
}

static json_t *sarif_result(const char *file, const struct check_finding *f,
                            const struct report_extract *rx)
{
    json_t *res = json_object(), *loc = json_object(), *phys = json_object();
    json_t *art = json_object(), *region = json_object(), *locs = json_array();
    json_t *msg = json_object();

    json_object_set_new(res, "ruleId", json_string(f->rule));
    json_object_set_new(res, "ruleIndex", json_integer((json_int_t)rule_index(f->rule)));
    json_object_set_new(res, "level", json_string(jx_severity_name(f->severity)));
    json_object_set_new(msg, "text", json_string(f->msg));
    json_object_set_new(res, "message", msg);
    json_object_set_new(art, "uri", json_string(file));
    json_object_set_new(phys, "artifactLocation", art);
    if (rx) {
        /* A report has no lines a reader could go to: name the section and paragraph. */
        struct strbuf label = STRBUF_INIT, fq = STRBUF_INIT;
        json_t *logical = json_array(), *l = json_object(), *props = json_object();
        unsigned para;

        report_where(rx, f, &label, &para);
        strbuf_addf(&fq, "%s¶%u", label.buf, para);
        json_object_set_new(l, "name", json_string(label.buf));
        json_object_set_new(l, "fullyQualifiedName", json_string(fq.buf));
        json_object_set_new(l, "kind", json_string("section"));
        json_array_append_new(logical, l);
        json_object_set_new(loc, "logicalLocations", logical);
        json_object_set_new(props, "section", json_string(label.buf));
        json_object_set_new(props, "paragraph", json_integer(para));
        json_object_set_new(res, "properties", props);
        json_decref(region);
        strbuf_release(&label);
        strbuf_release(&fq);
    } else {
        json_object_set_new(region, "startLine", json_integer(f->pos.line ? f->pos.line : 1));
        json_object_set_new(region, "startColumn", json_integer(f->pos.col ? f->pos.col : 1));
        json_object_set_new(phys, "region", region);
    }
    json_object_set_new(loc, "physicalLocation", phys);
    json_array_append_new(locs, loc);
    json_object_set_new(res, "locations", locs);
    return res;
}

static void add(struct check_json *cj, const char *file, const struct check_findings *f,
                const struct report_extract *rx)
{
    json_t *list = json_array(), *o;

    for (size_t i = 0; i < f->nr; i++) {
        const struct check_finding *x = &f->v[i];
        const struct check_rule *r = check_rule_find(x->rule);

        if ((size_t)x->severity < 3)
            cj->counts[x->severity]++;
        if (cj->sarif) {
            json_array_append_new(cj->results, sarif_result(file, x, rx));
            continue;
        }
        o = json_object();
        json_object_set_new(o, "rule", json_string(x->rule));
        json_object_set_new(o, "severity", json_string(jx_severity_name(x->severity)));
        json_object_set_new(o, "family", json_string(r ? check_family_name(r->family) : ""));
        if (rx) {
            struct strbuf label = STRBUF_INIT;
            unsigned para;

            report_where(rx, x, &label, &para);
            json_object_set_new(o, "section", json_string(label.buf));
            json_object_set_new(o, "paragraph", json_integer(para));
            strbuf_release(&label);
        } else {
            json_object_set_new(o, "line", json_integer(x->pos.line));
            json_object_set_new(o, "column", json_integer(x->pos.col));
        }
        json_object_set_new(o, "message", json_string(x->msg));
        json_array_append_new(list, o);
    }
    if (cj->sarif) {
        json_decref(list);
        return;
    }
    o = json_object();
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "findings", list);
    json_array_append_new(cj->files, o);
}

void check_json_add(struct check_json *cj, const char *file, const struct check_findings *f)
{
    add(cj, file, f, NULL);
}

void check_json_add_report(struct check_json *cj, const char *file, const struct check_findings *f,
                           const struct report_extract *rx)
{
    add(cj, file, f, rx);
}

void check_json_add_failed(struct check_json *cj, const char *file, const struct jx_diags *d)
{
    json_t *o = json_object();

    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "diagnostics", diag_json_list(d));
    json_array_append_new(cj->failed, o);
}

static json_t *sarif_doc(struct check_json *cj)
{
    json_t *doc = json_object(), *runs = json_array(), *run = json_object();
    json_t *tool = json_object(), *driver = json_object(), *rules = json_array();
    size_t n;
    const struct check_rule *r = check_rules(&n);

    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object(), *sd = json_object(), *cfg = json_object();
        char uri[64];

        snprintf(uri, sizeof(uri), "docs/rules.md#%s", r[i].id);
        for (char *p = uri; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        json_object_set_new(o, "id", json_string(r[i].id));
        json_object_set_new(o, "name", json_string(r[i].name));
        json_object_set_new(sd, "text", json_string(r[i].summary));
        json_object_set_new(o, "shortDescription", sd);
        json_object_set_new(o, "helpUri", json_string(uri));
        json_object_set_new(cfg, "level", json_string(jx_severity_name(r[i].severity)));
        json_object_set_new(o, "defaultConfiguration", cfg);
        json_array_append_new(rules, o);
    }
    json_object_set_new(driver, "name", json_string("jixiao"));
    json_object_set_new(driver, "rules", rules);
    json_object_set_new(tool, "driver", driver);
    json_object_set_new(run, "tool", tool);
    json_object_set_new(run, "results", cj->results);
    json_array_append_new(runs, run);
    json_object_set_new(doc, "$schema",
                        json_string("https://json.schemastore.org/sarif-2.1.0.json"));
    json_object_set_new(doc, "version", json_string("2.1.0"));
    json_object_set_new(doc, "runs", runs);
    json_decref(cj->files);
    json_decref(cj->failed);
    return doc;
}

static json_t *json_doc(struct check_json *cj)
{
    json_t *doc = json_object(), *summary = json_object();

    json_object_set_new(summary, "errors", json_integer((json_int_t)cj->counts[JX_SEV_ERROR]));
    json_object_set_new(summary, "warnings", json_integer((json_int_t)cj->counts[JX_SEV_WARNING]));
    json_object_set_new(summary, "notes", json_integer((json_int_t)cj->counts[JX_SEV_NOTE]));
    json_object_set_new(doc, "format", json_string("jixiao-check/1"));
    json_object_set_new(doc, "files", cj->files);
    json_object_set_new(doc, "failed", cj->failed);
    json_object_set_new(doc, "summary", summary);
    json_decref(cj->results);
    return doc;
}

void check_json_finish(struct check_json *cj, struct strbuf *out)
{
    json_out_take(cj->sarif ? sarif_doc(cj) : json_doc(cj), out);
    free(cj);
}
