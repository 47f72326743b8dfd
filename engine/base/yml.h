/* yml.h — one YAML document in memory (libyaml's document API), with positions, mapping
 * look-ups and strict key checks for the content loader.
 *
 * Every error goes to the ErrList given to yml_load as "FILE:LINE:COL: message", 1-based
 * (libyaml's marks are 0-based; columns count characters, as libyaml does). Nodes belong to
 * the Yml and die with yml_free, which is safe to call after any yml_load, failed or not.
 * A loaded document is always a tree: yml_load refuses anchors and aliases (libyaml would
 * resolve them into shared nodes, even cycles). */
#ifndef MAMORI_YML_H
#define MAMORI_YML_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

typedef struct {
    yaml_document_t doc;
    bool loaded;      /* doc holds a document to delete */
    const char *file; /* borrowed: the path errors name */
    ErrList *errs;    /* borrowed */
} Yml;

typedef struct {
    yaml_node_t *key, *value;
} YmlPair;

/* Parses data[0..n) as one UTF-8 YAML document with a root node. On a syntax error, an empty
 * file, a second document or an alias, adds the error and returns false. Invalid UTF-8 is left to the
 * caller, who can name the bad byte (see yml_offset_pos). */
bool yml_load(Yml *y, const char *file, const char *data, size_t n, ErrList *errs);
void yml_free(Yml *y);

/* The root node after a successful yml_load. */
yaml_node_t *yml_root(Yml *y);

/* Where node n starts; where byte offset off of data falls (breaks counted as libyaml does). */
Pos yml_pos(const Yml *y, const yaml_node_t *n);
Pos yml_offset_pos(const char *file, const char *data, size_t off);

/* Adds "FILE:LINE:COL: message" at node n. Always returns false. */
bool yml_error(Yml *y, const yaml_node_t *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

bool yml_is_map(const yaml_node_t *n);
bool yml_is_seq(const yaml_node_t *n);
bool yml_is_scalar(const yaml_node_t *n);

/* Items of a sequence: count, and item i (0 <= i < yml_len). */
int yml_len(const yaml_node_t *seq);
yaml_node_t *yml_item(Yml *y, const yaml_node_t *seq, int i);

/* Finds key in mapping map (first occurrence); false when absent, then *out is zeroed. */
bool yml_find(Yml *y, const yaml_node_t *map, const char *key, YmlPair *out);

/* Reports every key of map that is not in allowed (NULL-terminated: "unknown key 'x'"),
 * appears twice ("duplicate key 'x'") or is not a plain scalar. Returns true when none. */
bool yml_check_keys(Yml *y, const yaml_node_t *map, const char *const allowed[]);

/* Scalar text of n, or NULL when n is not a scalar. */
const char *yml_str(const yaml_node_t *n);
/* True for a scalar that holds nothing: empty, only blanks, or a plain ~ / null. */
bool yml_is_blank(const yaml_node_t *n);
/* A plain decimal integer (optional '-', at most 9 digits) into *v. */
bool yml_int(const yaml_node_t *n, int *v);
/* A plain true / false (also True, TRUE, False, FALSE) into *v. */
bool yml_bool(const yaml_node_t *n, bool *v);

#endif
