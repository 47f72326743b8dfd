/* diagnosis.c — scoring, weakest items, recommendations and tallies of the self-diagnosis.
 *
 * What must stay true: see diagnosis.h — the total is the plain sum of the answered items'
 * points (the sheet's A + B + C), nothing is rounded, and a band is given only when every one of
 * the 25 items has an answer. */
#include "diagnosis.h"

#include <string.h>

/* How weak each answer is, the weakest first: "we do not" before "we do not know" (an unknown
 * may turn out done), then "partly", then "yes". */
static const int WEAKNESS[DIAG_ANSWERS] = {
    [DIAG_NO] = 0, [DIAG_UNKNOWN] = 1, [DIAG_PARTLY] = 2, [DIAG_YES] = 3};

int diag_weakness(DiagAnswer a)
{
    return a >= 0 && a < DIAG_ANSWERS ? WEAKNESS[a] : DIAG_ANSWERS;
}

static int best_points(const DiagSheet *sh)
{
    int best = sh->answers[0].points;
    for (int a = 1; a < DIAG_ANSWERS; a++)
        best = sh->answers[a].points > best ? sh->answers[a].points : best;
    return best;
}

void diag_score(const DiagSheet *sh, DiagScope scope, const DiagAnswer ans[DIAG_ITEMS], DiagScore *out)
{
    *out = (DiagScore){0};
    int asked = diag_scope_items(scope), best = best_points(sh);
    for (int i = 0; i < asked; i++) {
        DiagAnswer a = ans[i];
        if (a < 0 || a >= DIAG_ANSWERS)
            continue;
        int pts = sh->answers[a].points, part = sh->items[i].part - 1;
        out->answered++;
        out->total += pts;
        out->subtotal[a] += pts;
        out->count[a]++;
        out->part_points[part] += pts;
        out->part_max[part] += best;
    }
    out->complete = out->answered == asked;
    if (out->complete && scope == DIAG_COMPANY)
        out->band = diag_band_of(sh, out->total);
}

int diag_weakest(const DiagAnswer ans[DIAG_ITEMS], int order[DIAG_ITEMS])
{
    int n = 0;
    for (int w = 0; w < DIAG_ANSWERS; w++)
        for (int i = 0; i < DIAG_ITEMS; i++)
            if (diag_weakness(ans[i]) == w)
                order[n++] = i;
    return n;
}

/* Adds the measures of the answers' items weaker than "yes", weakest first, skipping any already
 * listed. */
static int add_weak(const DiagSheet *sh, const DiagAnswer *ans, int measures[DIAG_ITEMS], int n)
{
    int order[DIAG_ITEMS], count = diag_weakest(ans, order);
    for (int k = 0; k < count; k++) {
        if (ans[order[k]] == DIAG_YES)
            break;
        int m = sh->items[order[k]].measure;
        bool seen = false;
        for (int j = 0; j < n; j++)
            seen |= measures[j] == m;
        if (!seen)
            measures[n++] = m;
    }
    return n;
}

int diag_recommend(const DiagSheet *sh, const DiagAnswer *company, const DiagAnswer *self,
                   int measures[DIAG_ITEMS])
{
    int n = company ? add_weak(sh, company, measures, 0) : 0;
    return self ? add_weak(sh, self, measures, n) : n;
}

void diag_tally_add(DiagTally *t, const DiagAnswer ans[DIAG_ITEMS])
{
    t->people++;
    for (int i = 0; i < DIAG_ITEMS; i++)
        if (ans[i] >= 0 && ans[i] < DIAG_ANSWERS)
            t->count[i][ans[i]]++;
}

DiagAnswer diag_tally_mode(const DiagTally *t, int item, int *share)
{
    DiagAnswer best = DIAG_NONE;
    int sum = 0;
    for (int a = 0; a < DIAG_ANSWERS; a++) {
        int c = t->count[item][a];
        sum += c;
        bool more = best == DIAG_NONE ? c > 0 : c > t->count[item][best];
        bool tie_weaker = best != DIAG_NONE && c == t->count[item][best] && WEAKNESS[a] < WEAKNESS[best];
        if (more || tie_weaker)
            best = (DiagAnswer)a;
    }
    *share = best == DIAG_NONE ? 0 : t->count[item][best] * 100 / sum;
    return best;
}
