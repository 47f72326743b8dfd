/* followup.c — per-person FSRS cards replayed from the answer log; due lists, quiz picks and
 * refresher dates.
 *
 * The content holds a few hundred questions at most and a quiz a handful, so due lists and
 * picks scan the items directly instead of keeping queues: nothing here has to stay in step
 * with anything else. The only index is by_id, a hash table of the ids, for replaying a long log
 * quickly (millions of answers for a report over everyone). */
#include "followup.h"

#include "civil_date.h"

#include <stdlib.h>
#include <string.h>

enum { DAY = 86400 };

FsrsParams followup_params(void)
{
    FsrsParams p = fsrs_default_params();
    p.short_term = false;
    return p;
}

/* ---- building ---- */

static int count_questions(const Content *c)
{
    int n = 0;
    for (int m = 0; m < MEASURES; m++)
        if (c->pools[m])
            n += c->pools[m]->nquestions;
    return n;
}

/* FNV-1a: where an id's slot in by_id is looked for first. */
static unsigned id_hash(const char *id)
{
    unsigned h = 2166136261u;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 16777619u;
    return h;
}

/* The slot of id (whose id_hash is h) in by_id: its item's, or the empty one where it would go. */
static unsigned id_slot(const Followup *f, const char *id, unsigned h)
{
    unsigned i = h & f->id_mask;
    while (f->by_id[i].item && (f->by_id[i].hash != h || strcmp(f->by_id[i].item->question->id, id) != 0))
        i = (i + 1) & f->id_mask;
    return i;
}

static void index_items(Followup *f, Arena *a)
{
    unsigned slots = 4;
    while (slots < 2u * (unsigned)f->nitems)
        slots *= 2;
    f->by_id = ARENA_ARRAY(a, FollowupSlot, slots);
    f->id_mask = slots - 1;
    for (int i = 0; i < f->nitems; i++) {
        unsigned h = id_hash(f->items[i].question->id);
        f->by_id[id_slot(f, f->items[i].question->id, h)] = (FollowupSlot){&f->items[i], h};
    }
}

static void add_items(Followup *f, const Content *c)
{
    for (int m = 0; m < MEASURES; m++) {
        const Pool *pool = c->pools[m];
        for (int i = 0; pool && i < pool->nquestions; i++) {
            FollowupItem *it = &f->items[f->nitems++];
            it->question = &pool->questions[i];
            it->card = fsrs_card_new(0);
        }
    }
}

void followup_build(Followup *f, const Content *c, const Fsrs *fsrs, const LoggedAnswer *log, int nlog,
                    Arena *a)
{
    int n = count_questions(c);
    *f = (Followup){.fsrs = fsrs};
    f->items = ARENA_ARRAY(a, FollowupItem, n > 0 ? n : 1);
    add_items(f, c);
    index_items(f, a);
    followup_replay(f, log, nlog);
}

void followup_replay(Followup *f, const LoggedAnswer *log, int nlog)
{
    for (int i = 0; i < f->nitems; i++) {
        f->items[i].card = fsrs_card_new(0);
        f->items[i].last_correct = false;
    }
    f->nanswers = f->nunknown = 0;
    for (int i = 0; i < nlog; i++)
        followup_apply(f, log[i].question_id, log[i].correct, log[i].time);
}

static FollowupItem *find(const Followup *f, const char *id)
{
    return f->by_id[id_slot(f, id, id_hash(id))].item;
}

const FollowupItem *followup_find(const Followup *f, const char *question_id)
{
    return find(f, question_id);
}

bool followup_apply(Followup *f, const char *question_id, bool correct, int64_t time)
{
    FollowupItem *it = find(f, question_id);
    if (!it) {
        f->nunknown++;
        return false;
    }
    it->card = fsrs_review(f->fsrs, &it->card, time, correct ? FSRS_GOOD : FSRS_AGAIN);
    it->last_correct = correct;
    f->nanswers++;
    return true;
}

/* ---- due lists and quizzes ---- */

bool followup_is_due(const FollowupItem *it, int64_t now)
{
    return it->card.reps > 0 && it->card.due <= now;
}

/* True when a comes before b in a due list: wrong last time first, then most overdue. */
static bool before(const FollowupItem *a, const FollowupItem *b)
{
    if (a->last_correct != b->last_correct)
        return !a->last_correct;
    if (a->card.due != b->card.due)
        return a->card.due < b->card.due;
    if (a->question->measure != b->question->measure)
        return a->question->measure < b->question->measure;
    return strcmp(a->question->id, b->question->id) < 0;
}

/* Inserts it into the sorted out[0..*n), keeping the best cap. */
static void insert_sorted(const FollowupItem **out, int *n, int cap, const FollowupItem *it)
{
    int i = *n;
    if (i == cap) { /* full: it must beat the last one to get in */
        if (!before(it, out[cap - 1]))
            return;
        i = cap - 1;
    } else {
        (*n)++;
    }
    while (i > 0 && before(it, out[i - 1])) {
        out[i] = out[i - 1];
        i--;
    }
    out[i] = it;
}

int followup_due(const Followup *f, int64_t now, const FollowupItem **out, int cap)
{
    int count = 0, n = 0;
    for (int i = 0; i < f->nitems; i++) {
        if (!followup_is_due(&f->items[i], now))
            continue;
        count++;
        if (cap > 0)
            insert_sorted(out, &n, cap, &f->items[i]);
    }
    return count;
}

static bool picked(const FollowupItem **out, int n, const FollowupItem *it)
{
    for (int i = 0; i < n; i++)
        if (out[i] == it)
            return true;
    return false;
}

/* The best due item not yet picked whose measure has not had its turn this round. */
static const FollowupItem *best_left(const Followup *f, int64_t now, const FollowupItem **out, int n,
                                     const bool *had_turn)
{
    const FollowupItem *best = NULL;
    for (int i = 0; i < f->nitems; i++) {
        const FollowupItem *it = &f->items[i];
        if (followup_is_due(it, now) && !had_turn[it->question->measure] && !picked(out, n, it) &&
            (!best || before(it, best)))
            best = it;
    }
    return best;
}

int followup_pick(const Followup *f, int64_t now, const FollowupItem **out, int length)
{
    int n = 0;
    while (n < length) {
        bool had_turn[MEASURES + 1] = {false};
        int round_start = n;
        const FollowupItem *it;
        while (n < length && (it = best_left(f, now, out, n, had_turn))) {
            had_turn[it->question->measure] = true;
            out[n++] = it;
        }
        if (n == round_start)
            break;
    }
    return n;
}

int64_t followup_next_due(const Followup *f, int64_t now)
{
    int64_t next = 0;
    for (int i = 0; i < f->nitems; i++) {
        const FsrsCard *c = &f->items[i].card;
        if (c->reps > 0 && c->due > now && (next == 0 || c->due < next))
            next = c->due;
    }
    return next;
}

/* ---- refreshers: calendar months in UTC (civil_date.h) ---- */

int64_t followup_refresher_due(int64_t last_passed_at, int months)
{
    if (last_passed_at == 0 || months <= 0)
        return 0;
    int64_t days = last_passed_at / DAY - (last_passed_at % DAY < 0);
    int64_t secs = last_passed_at - days * DAY, y;
    int m, d;
    civil_date(days, &y, &m, &d);
    int64_t mi = (int64_t)m - 1 + months;
    y += mi / 12;
    m = (int)(mi % 12) + 1;
    if (d > civil_days_in_month(y, m))
        d = civil_days_in_month(y, m);
    return civil_days(y, m, d) * DAY + secs;
}

bool followup_measure_expired(int64_t last_passed_at, int64_t now, int refresher_months)
{
    int64_t due = followup_refresher_due(last_passed_at, refresher_months);
    return due != 0 && now >= due;
}
