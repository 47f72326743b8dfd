/* export_slip.h — one person's reminder slip saved from the kiosk (the person's card): the same
 * HTML page as `mamori report --format reminders --code CODE` (report_reminders.h), as a new file
 * mamori-slip-CODE-YYYYMMDD-HHMMSS.html (local time) in the folder the manager picked (a USB
 * stick or this PC, as for the export, export.h).
 *
 * What must stay true: nothing is overwritten (a name taken gets -2, -3 ...); the file appears
 * whole or not at all (atomic_file.h); the record is only read. */
#ifndef MAMORI_EXPORT_SLIP_H
#define MAMORI_EXPORT_SLIP_H

#include "content.h"
#include "err.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes code's slip into parent at now; path (size bytes) gets the file written. False with e
 * set when parent cannot be written, no person has that code, or the file could not be made. */
bool export_slip(Store *s, const Content *c, const char *parent, const char *code, int64_t now, char *path,
                 size_t size, Err *e);

#endif
