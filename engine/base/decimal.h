/* decimal.h — integers as decimal text without printf: the event hash and every payload write
 * a few numbers per record, and verify rebuilds them for a million records.
 *
 * What must stay true: the text is exactly what printf's "%" PRId64 and "%" PRIu64 write. */
#ifndef MAMORI_DECIMAL_H
#define MAMORI_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

enum { DECIMAL_SIZE = 24 }; /* enough for any 64-bit integer, its sign and the NUL */

/* Writes v to out (NUL-terminated); returns its length. */
size_t decimal_u64(char out[DECIMAL_SIZE], uint64_t v);
size_t decimal_i64(char out[DECIMAL_SIZE], int64_t v);

#endif
