/* demo.c — the sample people: a table, and adding / removing them as one import each. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name, *kana;
    Role role;
    Lang lang;
} Sample;

static const Sample SAMPLES[DEMO_PEOPLE] = {
    {"見本 社長", "みほん しゃちょう", ROLE_PRESIDENT, LANG_JA},
    {"見本 花子", "みほん はなこ", ROLE_MANAGER, LANG_JA},
    {"見本 一郎", "みほん いちろう", ROLE_EMPLOYEE, LANG_JA},
    {"見本 二郎", "みほん じろう", ROLE_EMPLOYEE, LANG_JA},
    {"見本 三恵", "みほん みえ", ROLE_EMPLOYEE, LANG_JA},
    {"見本 四季", "みほん しき", ROLE_EMPLOYEE, LANG_JA},
    {"Sample Lan (見本)", "さんぷる らん", ROLE_EMPLOYEE, LANG_EN},
    {"Sample Minh (見本)", "さんぷる みん", ROLE_EMPLOYEE, LANG_EN},
};

static const char DEMO_DEPARTMENT[] = "見本（デモ）", DEMO_DEPARTMENT_KANA[] = "みほん";

bool demo_is(const Employee *p)
{
    return strncmp(p->code, DEMO_PREFIX, strlen(DEMO_PREFIX)) == 0;
}

bool demo_count(Store *s, int *n, Err *e)
{
    Employee *people;
    int np;
    *n = 0;
    if (!store_list_employees(s, false, &people, &np, e))
        return false;
    for (int i = 0; i < np; i++)
        *n += demo_is(&people[i]);
    free(people);
    return true;
}

bool demo_add(Store *s, int64_t now, Err *e)
{
    Employee rows[DEMO_PEOPLE];
    for (int i = 0; i < DEMO_PEOPLE; i++) {
        const Sample *x = &SAMPLES[i];
        rows[i] = (Employee){.role = x->role, .lang = x->lang, .active = true};
        snprintf(rows[i].code, sizeof rows[i].code, DEMO_PREFIX "%02d", i + 1);
        snprintf(rows[i].name, sizeof rows[i].name, "%s", x->name);
        snprintf(rows[i].kana, sizeof rows[i].kana, "%s", x->kana);
        snprintf(rows[i].department, sizeof rows[i].department, "%s", DEMO_DEPARTMENT);
        snprintf(rows[i].department_kana, sizeof rows[i].department_kana, "%s", DEMO_DEPARTMENT_KANA);
    }
    return store_import_employees(s, rows, DEMO_PEOPLE, now, NULL, e);
}

bool demo_remove(Store *s, int64_t now, int *n, Err *e)
{
    Employee *people;
    int np, k = 0;
    *n = 0;
    if (!store_list_employees(s, false, &people, &np, e))
        return false;
    for (int i = 0; i < np; i++)
        if (demo_is(&people[i])) {
            people[k] = people[i];
            people[k++].active = false;
        }
    bool ok = k == 0 || store_import_employees(s, people, k, now, NULL, e);
    free(people);
    if (ok)
        *n = k;
    return ok;
}
