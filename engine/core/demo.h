/* demo.h — sample people (a demo roster) for trying the kiosk before the real staff list is in.
 *
 * Sample people are ordinary roster entries whose code starts with DEMO_PREFIX ("DEMO-"), in the
 * department 見本（デモ）, with 見本 in their name: anyone reading a screen, a report or the record
 * sees what they are. Adding them is one event per person in one transaction; removing them is
 * one step that deactivates every active sample person (the record keeps its history: nobody is
 * ever deleted), after which reports no longer list them.
 *
 * What must stay true: demo_is is the only test of "is this a sample person", and reports that
 * list a sample person say so (report_model.h: ReportModel.ndemo). */
#ifndef MAMORI_DEMO_H
#define MAMORI_DEMO_H

#include "err.h"
#include "store.h"

#include <stdbool.h>

#define DEMO_PREFIX "DEMO-"
enum { DEMO_PEOPLE = 8 };

/* True when p is a sample person. */
bool demo_is(const Employee *p);
/* How many active sample people the roster holds. */
bool demo_count(Store *s, int *n, Err *e);
/* Adds (or reactivates) the DEMO_PEOPLE sample people, in one transaction. */
bool demo_add(Store *s, int64_t now, Err *e);
/* Deactivates every active sample person in one transaction; *n gets how many. */
bool demo_remove(Store *s, int64_t now, int *n, Err *e);

#endif
