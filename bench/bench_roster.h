/* bench_roster.h — the benchmarks' made-up people: one roster shape (a president, a manager in
 * every fifty, one in nine reading English), with codes printed by code_fmt ("%04d", "%05d")
 * and departments named by the caller. */
#ifndef MAMORI_BENCH_ROSTER_H
#define MAMORI_BENCH_ROSTER_H

#include "store.h"

#include <stdio.h>

/* Fills rows[0..n); dept(i, buf, size) names person i's department. */
static inline void bench_roster(Employee *rows, int n, const char *code_fmt,
                                void (*dept)(int i, char *buf, size_t size))
{
    for (int i = 0; i < n; i++) {
        Employee *p = &rows[i];
        *p = (Employee){.role = i == 0        ? ROLE_PRESIDENT
                                : i % 50 == 1 ? ROLE_MANAGER
                                              : ROLE_EMPLOYEE,
                        .lang = i % 9 == 0 ? LANG_EN : LANG_JA,
                        .active = true};
        char code[16];
        snprintf(code, sizeof code, code_fmt, i + 1);
        snprintf(p->code, sizeof p->code, "%s", code);
        snprintf(p->name, sizeof p->name, "社員 %d 号", i + 1);
        snprintf(p->kana, sizeof p->kana, "シャイン %s", code);
        dept(i, p->department, sizeof p->department);
    }
}

#endif
