/* roster_order.h — the order of the kiosk's sign-in list: departments in the order of their
 * reading (gojūon, encoding_reading_key), those without a reading after them by name; inside a
 * department, people by the reading of their kana, then as the store gave them (department,
 * kana, code).
 *
 * What must stay true: the same people come out, each once; people given in the store's order
 * (store_list_employees) come out in the order above. */
#ifndef MAMORI_ROSTER_ORDER_H
#define MAMORI_ROSTER_ORDER_H

#include "store.h"

/* Puts people[0..n) in the sign-in list's order, in place. */
void roster_order_by_reading(Employee *people, int n);

#endif
