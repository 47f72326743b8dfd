/* yml.c — libyaml's document loader wrapped for strict, positioned checking.
 *
 * Must stay true: every path out of yml_load leaves y->loaded telling whether y->doc must be
 * deleted, and the parser itself is always deleted before yml_load returns. */
#include "yml.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Pos yml_mark_pos(const char *file, yaml_mark_t m)
{
    return (Pos){file, (int)m.line + 1, (int)m.column + 1};
}

static bool yml_is_break(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

Pos yml_offset_pos(const char *file, const char *data, size_t off)
{
    Pos p = {file, 1, 1};
    size_t i = off >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < off) {
        size_t left = off - i;
        uint32_t cp = 0xFFFD;
        int len = utf8_decode(data + i, left > 4 ? 4 : (int)left, &cp);
        i += len > 0 ? (size_t)len : 1;
        if (cp == '\r' && i < off && data[i] == '\n')
            continue; /* CR LF is one break: the LF counts it */
        if (yml_is_break(cp))
            p.line++, p.col = 1;
        else
            p.col++;
    }
    return p;
}

static bool yml_syntax_error(Yml *y, const yaml_parser_t *p, const char *data)
{
    if (p->error == YAML_MEMORY_ERROR)
        die("out of memory parsing %s", y->file);
    Pos pos = p->error == YAML_READER_ERROR ? yml_offset_pos(y->file, data, p->problem_offset)
                                            : yml_mark_pos(y->file, p->problem_mark);
    const char *problem = p->problem ? p->problem : "cannot be parsed";
    if (p->context)
        return errlist_add(y->errs, pos, "YAML syntax error: %s (%s at %d:%d)", problem, p->context,
                           (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
    return errlist_add(y->errs, pos, "YAML syntax error: %s", problem);
}

/* After the first document: anything but the end of the stream is an error. */
static bool yml_expect_end(Yml *y, yaml_parser_t *p, const char *data)
{
    yaml_document_t next;
    if (!yaml_parser_load(p, &next))
        return yml_syntax_error(y, p, data);
    yaml_node_t *root = yaml_document_get_root_node(&next);
    bool ok = true;
    if (root)
        ok = errlist_add(y->errs, yml_mark_pos(y->file, root->start_mark),
                         "a file holds one YAML document; this is a second one");
    yaml_document_delete(&next);
    return ok;
}

static bool yml_ref(Yml *y, unsigned char *refs, yaml_node_item_t id)
{
    if (refs[id]++ == 0)
        return true;
    return yml_error(y, yaml_document_get_node(&y->doc, id),
                     "anchors and aliases (&name, *name) are not allowed");
}

static bool yml_refs_of(Yml *y, const yaml_node_t *n, unsigned char *refs)
{
    bool ok = true;
    if (n->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *i = n->data.sequence.items.start; ok && i < n->data.sequence.items.top; i++)
            ok = yml_ref(y, refs, *i);
    if (n->type == YAML_MAPPING_NODE)
        for (yaml_node_pair_t *p = n->data.mapping.pairs.start; ok && p < n->data.mapping.pairs.top; p++)
            ok = yml_ref(y, refs, p->key) && yml_ref(y, refs, p->value);
    return ok;
}

/* libyaml resolves an alias into a second reference to the anchored node. Content never needs
 * one, and refusing them keeps every document a tree: no cycles, no work multiplied by
 * aliases of aliases. Node ids are 1-based; the root (1) starts with its one reference. */
static bool yml_check_tree(Yml *y)
{
    int n = (int)(y->doc.nodes.top - y->doc.nodes.start);
    unsigned char *refs = xcalloc((size_t)n + 1, 1);
    refs[1] = 1;
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = yml_refs_of(y, &y->doc.nodes.start[i], refs);
    free(refs);
    return ok;
}

bool yml_load(Yml *y, const char *file, const char *data, size_t n, ErrList *errs)
{
    *y = (Yml){.file = file, .errs = errs};
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        die("out of memory");
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, n);
    y->loaded = yaml_parser_load(&p, &y->doc); /* on failure libyaml freed the document */
    bool ok = y->loaded || yml_syntax_error(y, &p, data);
    if (ok && !yml_root(y))
        ok = errlist_add(errs, (Pos){file, 1, 1}, "the file is empty");
    if (ok)
        ok = yml_expect_end(y, &p, data) && yml_check_tree(y);
    yaml_parser_delete(&p);
    return ok;
}

void yml_free(Yml *y)
{
    if (y->loaded)
        yaml_document_delete(&y->doc);
    y->loaded = false;
}

yaml_node_t *yml_root(Yml *y)
{
    return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

Pos yml_pos(const Yml *y, const yaml_node_t *n)
{
    return yml_mark_pos(y->file, n->start_mark);
}

bool yml_error(Yml *y, const yaml_node_t *n, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return errlist_add(y->errs, yml_pos(y, n), "%s", msg);
}

bool yml_is_map(const yaml_node_t *n)
{
    return n && n->type == YAML_MAPPING_NODE;
}

bool yml_is_seq(const yaml_node_t *n)
{
    return n && n->type == YAML_SEQUENCE_NODE;
}

bool yml_is_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE;
}

int yml_len(const yaml_node_t *seq)
{
    if (!yml_is_seq(seq))
        return 0;
    return (int)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

yaml_node_t *yml_item(Yml *y, const yaml_node_t *seq, int i)
{
    return yaml_document_get_node(&y->doc, seq->data.sequence.items.start[i]);
}

const char *yml_str(const yaml_node_t *n)
{
    return yml_is_scalar(n) ? (const char *)n->data.scalar.value : NULL;
}

static bool yml_is_plain(const yaml_node_t *n)
{
    return yml_is_scalar(n) && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

bool yml_find(Yml *y, const yaml_node_t *map, const char *key, YmlPair *out)
{
    *out = (YmlPair){0};
    if (!yml_is_map(map))
        return false;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
        const char *s = yml_str(k);
        if (s && strcmp(s, key) == 0) {
            *out = (YmlPair){k, yaml_document_get_node(&y->doc, p->value)};
            return true;
        }
    }
    return false;
}

static bool yml_allowed(const char *key, const char *const allowed[])
{
    for (int i = 0; allowed[i]; i++)
        if (strcmp(key, allowed[i]) == 0)
            return true;
    return false;
}

/* Copies s into buf for a message: at most about 40 bytes, cut on a character boundary,
 * control characters shown as '?'. */
static const char *yml_quote(const char *s, char *buf, size_t size)
{
    size_t i = 0, o = 0, n = strlen(s);
    while (i < n && o + 8 < size && o < 40) {
        uint32_t cp;
        size_t left = n - i;
        int len = utf8_decode(s + i, left > 4 ? 4 : (int)left, &cp);
        if (len < 0 || cp < 0x20 || cp == 0x7F) {
            buf[o++] = '?';
            i += len > 0 ? (size_t)len : 1;
            continue;
        }
        memcpy(buf + o, s + i, (size_t)len);
        o += (size_t)len, i += (size_t)len;
    }
    if (i < n) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o] = '\0';
    return buf;
}

static bool yml_check_key(Yml *y, const yaml_node_pair_t *first, const yaml_node_pair_t *p,
                          const char *const allowed[])
{
    yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
    const char *s = yml_str(k);
    char buf[64];
    if (!s)
        return yml_error(y, k, "a key must be plain text");
    if (!yml_allowed(s, allowed))
        return yml_error(y, k, "unknown key '%s'", yml_quote(s, buf, sizeof buf));
    for (const yaml_node_pair_t *q = first; q < p; q++) {
        const char *before = yml_str(yaml_document_get_node(&y->doc, q->key));
        if (before && strcmp(before, s) == 0)
            return yml_error(y, k, "duplicate key '%s'", s);
    }
    return true;
}

bool yml_check_keys(Yml *y, const yaml_node_t *map, const char *const allowed[])
{
    bool ok = true;
    const yaml_node_pair_t *first = map->data.mapping.pairs.start;
    for (const yaml_node_pair_t *p = first; p < map->data.mapping.pairs.top; p++)
        ok &= yml_check_key(y, first, p, allowed);
    return ok;
}

bool yml_is_blank(const yaml_node_t *n)
{
    const char *s = yml_str(n);
    if (!s)
        return false;
    if (yml_is_plain(n) &&
        (!strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL")))
        return true;
    return s[strspn(s, " \t\r\n")] == '\0';
}

bool yml_int(const yaml_node_t *n, int *v)
{
    if (!yml_is_plain(n))
        return false;
    const char *s = yml_str(n);
    const char *d = s + (*s == '-');
    size_t len = strlen(d);
    if (len == 0 || len > 9 || strspn(d, "0123456789") != len)
        return false;
    int x = 0;
    for (size_t i = 0; i < len; i++)
        x = x * 10 + (d[i] - '0');
    *v = *s == '-' ? -x : x;
    return true;
}

bool yml_bool(const yaml_node_t *n, bool *v)
{
    if (!yml_is_plain(n))
        return false;
    static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False", "FALSE"};
    const char *s = yml_str(n);
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, yes[i]) == 0)
            return *v = true, true;
        if (strcmp(s, no[i]) == 0)
            return *v = false, true;
    }
    return false;
}
