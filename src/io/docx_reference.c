/*
 * Reading a reference .docx. The header and footer are found the way Word finds them:
 * the body's last w:sectPr names them by relationship id (w:type="default"), and
 * word/_rels/document.xml.rels maps the id to a part. Only the default ones are taken;
 * a first-page or even-page header would need the reference's section flags we keep,
 * but jixiao writes one header and one footer.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/banned.h"
#include "io/docx_reference.h"
#include "io/ooxml.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR)

void docx_reference_parts_init(struct docx_reference_parts *p)
{
    memset(p, 0, sizeof(*p));
    strbuf_init(&p->styles_xml, 0);
    strbuf_init(&p->document_xml, 0);
    strbuf_init(&p->header_xml, 0);
    strbuf_init(&p->footer_xml, 0);
    strbuf_init(&p->numbering_xml, 0);
}

void docx_reference_parts_release(struct docx_reference_parts *p)
{
    strbuf_release(&p->styles_xml);
    strbuf_release(&p->document_xml);
    strbuf_release(&p->header_xml);
    strbuf_release(&p->footer_xml);
    strbuf_release(&p->numbering_xml);
    docx_reference_parts_init(p);
}

static bool is_elem(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns) && !strcmp((const char *)n->name, name);
}

/* Reads an optional part: 0 (and *has set when present), or -1 with why. */
static int read_part(struct ooxml *z, const char *part, struct strbuf *out, bool *has,
                     struct strbuf *why)
{
    int rc = ooxml_read(z, part, out, why);

    if (rc < 0)
        return -1;
    *has = rc == 0;
    return 0;
}

/* The relationship ids of the default header and footer of the body's last section. */
static int section_refs(const struct strbuf *document, const char *name, char **header_id,
                        char **footer_id, struct strbuf *why)
{
    xmlDoc *doc =
        xmlReadMemory(document->buf, (int)document->len, "document.xml", NULL, PARSE_OPTS);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlNode *body = NULL, *sect = NULL;

    if (!is_elem(root, NS_W, "document")) {
        strbuf_addf(why, "'%s': word/document.xml is not a Word document body", name);
        xmlFreeDoc(doc);
        return -1;
    }
    for (xmlNode *c = root->children; c; c = c->next)
        if (is_elem(c, NS_W, "body"))
            body = c;
    for (xmlNode *c = body ? body->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            sect = is_elem(c, NS_W, "sectPr") ? c : NULL;
    for (xmlNode *c = sect ? sect->children : NULL; c; c = c->next) {
        bool header = is_elem(c, NS_W, "headerReference");
        if (!header && !is_elem(c, NS_W, "footerReference"))
            continue;
        xmlChar *type = xmlGetNsProp(c, (const xmlChar *)"type", (const xmlChar *)NS_W);
        /* w:type defaults to "default" when absent. */
        if (!type || !strcmp((const char *)type, "default")) {
            char **slot = header ? header_id : footer_id;
            xmlFree(*slot);
            *slot = (char *)xmlGetNsProp(c, (const xmlChar *)"id", (const xmlChar *)NS_R);
        }
        xmlFree(type);
    }
    xmlFreeDoc(doc);
    return 0;
}

/* The part name ("word/header1.xml") a document relationship id points to, or NULL. */
static char *rel_target(const struct strbuf *rels, const char *id)
{
    xmlDoc *doc = xmlReadMemory(rels->buf, (int)rels->len, "document.xml.rels", NULL, PARSE_OPTS);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    char *part = NULL;

    for (xmlNode *c = root ? root->children : NULL; c && !part; c = c->next) {
        if (!is_elem(c, NS_REL, "Relationship"))
            continue;
        xmlChar *rid = xmlGetProp(c, (const xmlChar *)"Id");
        xmlChar *target = xmlGetProp(c, (const xmlChar *)"Target");
        if (rid && target && !strcmp((const char *)rid, id)) {
            struct strbuf sb = STRBUF_INIT;
            /* Targets are relative to word/ unless absolute within the package. */
            if (target[0] == '/')
                strbuf_addstr(&sb, (const char *)target + 1);
            else
                strbuf_addf(&sb, "word/%s", (const char *)target);
            part = strbuf_detach(&sb, NULL);
        }
        xmlFree(rid);
        xmlFree(target);
    }
    xmlFreeDoc(doc);
    return part;
}

static int read_referenced(struct ooxml *z, const struct strbuf *rels, const char *id,
                           struct strbuf *out, bool *has, struct strbuf *why)
{
    char *part = id ? rel_target(rels, id) : NULL;
    int rc = part ? read_part(z, part, out, has, why) : 0;

    free(part);
    return rc;
}

int docx_reference_read(const char *data, size_t len, const char *name,
                        struct docx_reference_parts *p, struct strbuf *why)
{
    struct ooxml *z = NULL;
    struct strbuf rels = STRBUF_INIT;
    char *header_id = NULL, *footer_id = NULL;
    bool has_rels = false;
    int ret = -1;

    if (ooxml_open(data, len, name, &z, why) < 0)
        return -1;
    if (read_part(z, "word/document.xml", &p->document_xml, &p->has_document, why) < 0)
        goto out;
    if (!p->has_document) {
        strbuf_addf(why, "'%s' has no word/document.xml (is it a Word .docx file?)", name);
        goto out;
    }
    if (read_part(z, "word/styles.xml", &p->styles_xml, &p->has_styles, why) < 0 ||
        read_part(z, "word/numbering.xml", &p->numbering_xml, &p->has_numbering, why) < 0 ||
        read_part(z, "word/_rels/document.xml.rels", &rels, &has_rels, why) < 0)
        goto out;
    if (section_refs(&p->document_xml, name, &header_id, &footer_id, why) < 0)
        goto out;
    if (has_rels &&
        (read_referenced(z, &rels, header_id, &p->header_xml, &p->has_header, why) < 0 ||
         read_referenced(z, &rels, footer_id, &p->footer_xml, &p->has_footer, why) < 0))
        goto out;
    ret = 0;
out:
    xmlFree(header_id);
    xmlFree(footer_id);
    strbuf_release(&rels);
    ooxml_close(z);
    return ret;
}
