/* report_items.c — item statistics (definitions in report_items.h) and their writers. */
#include "report_items.h"
#include "report_csv.h"
#include "report_html.h"
#include "atomic_file.h"
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAME[] = {"single", "multiple", "truefalse"}; /* QuestionKind */
static const char *const FLAG_NAME[] = {"easy", "hard", "negative_discrimination"};
enum { NFLAGS = 3 };

/* Sums for one item's correlation (item score x against the rest of the attempt y). */
typedef struct {
    double n, x, y, xx, yy, xy;
} Sums;

typedef struct {
    const char *id;
    int item;
} IdIndex;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const IdIndex *)a)->id, ((const IdIndex *)b)->id);
}

/* Every question of the content, in measure then pool order, and an index sorted by id. */
static IdIndex *list_items(const Content *c, ItemReport *out)
{
    int n = 0;
    for (int m = 1; m <= MEASURES; m++)
        n += content_pool(c, m) ? content_pool(c, m)->nquestions : 0;
    out->items = xcalloc((size_t)(n ? n : 1), sizeof *out->items);
    IdIndex *index = xcalloc((size_t)(n ? n : 1), sizeof *index);
    for (int m = 1; m <= MEASURES; m++)
        for (int i = 0; content_pool(c, m) && i < content_pool(c, m)->nquestions; i++) {
            out->items[out->nitems].q = &content_pool(c, m)->questions[i];
            index[out->nitems] = (IdIndex){content_pool(c, m)->questions[i].id, out->nitems};
            out->nitems++;
        }
    qsort(index, (size_t)n, sizeof *index, by_id);
    return index;
}

static int find_item(const IdIndex *index, int n, const char *id)
{
    IdIndex key = {id, 0};
    const IdIndex *hit = bsearch(&key, index, (size_t)n, sizeof *index, by_id);
    return hit ? hit->item : -1;
}

static void add_answer(ItemStat *it, Sums *s, const ItemAnswer *row, int score, int k)
{
    int x = row->correct;
    it->shown++;
    it->right += x;
    for (int i = 0; i < it->q->nchoices && i < ITEM_MAX_CHOICES; i++)
        it->picks[i] += (row->picked >> i) & 1u;
    if (k < 2)
        return;
    double y = (double)(score - x) / (k - 1);
    s->n += 1, s->x += x, s->y += y, s->xx += x * x, s->yy += y * y, s->xy += x * y;
}

static void finish_item(ItemStat *it, const Sums *s)
{
    it->facility = it->shown ? (double)it->right / it->shown : 0;
    double vx = s->n * s->xx - s->x * s->x, vy = s->n * s->yy - s->y * s->y;
    it->has_discrimination = s->n >= 2 && vx > 1e-9 && vy > 1e-9;
    if (it->has_discrimination)
        it->discrimination = (s->n * s->xy - s->x * s->y) / sqrt(vx * vy);
    if (it->shown && it->facility > 0.95)
        it->flags |= ITEM_EASY;
    if (it->shown && it->facility < 0.30)
        it->flags |= ITEM_HARD;
    if (it->has_discrimination && it->discrimination < 0)
        it->flags |= ITEM_NEGATIVE;
}

/* The statistics being gathered: the report, the content's ids, one Sums per item. */
typedef struct {
    ItemReport *out;
    IdIndex *index;
    Sums *sums;
} Gather;

static void gather_start(Gather *g, const Content *c, ItemReport *out)
{
    *out = (ItemReport){0};
    g->out = out;
    g->index = list_items(c, out);
    g->sums = xcalloc((size_t)(out->nitems ? out->nitems : 1), sizeof *g->sums);
}

/* One attempt's answers rows[0..n). */
static void gather_attempt(void *ctx, const ItemAnswer *rows, int n)
{
    Gather *g = ctx;
    int score = 0;
    for (int i = 0; i < n; i++)
        score += rows[i].correct;
    for (int i = 0; i < n; i++) {
        int it = find_item(g->index, g->out->nitems, rows[i].question_id);
        if (it >= 0)
            add_answer(&g->out->items[it], &g->sums[it], &rows[i], score, n);
    }
    g->out->attempts++;
    g->out->answers += n;
}

static void gather_finish(Gather *g)
{
    for (int i = 0; i < g->out->nitems; i++)
        finish_item(&g->out->items[i], &g->sums[i]);
    free(g->sums);
    free(g->index);
}

void items_compute(const Content *c, const ItemAnswer *rows, int nrows, ItemReport *out)
{
    Gather g;
    gather_start(&g, c, out);
    for (int a = 0, b; a < nrows; a = b) {
        for (b = a; b < nrows && rows[b].attempt == rows[a].attempt; b++)
            ;
        gather_attempt(&g, rows + a, b - a);
    }
    gather_finish(&g);
}

bool items_build(Store *s, const Content *c, ItemReport *out, Err *e)
{
    Gather g;
    gather_start(&g, c, out);
    bool ok = store_each_item_attempt(s, gather_attempt, &g, e);
    gather_finish(&g);
    if (!ok)
        items_free(out);
    return ok;
}

void items_free(ItemReport *r)
{
    free(r->items);
    *r = (ItemReport){0};
}

const char *items_flag_words(unsigned flags, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < NFLAGS; i++)
        if (flags & (1u << i) && used < size)
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? " " : "", FLAG_NAME[i]);
    return buf;
}

/* "1 3": the right choices' positions, 1-based, content order. */
static const char *right_positions(const Question *q, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < q->nchoices && used < size; i++)
        if (q->choices[i].correct)
            used += (size_t)snprintf(buf + used, size - used, "%s%d", used ? " " : "", i + 1);
    return buf;
}

/* ---- CSV ---- */

static const char CSV_HEAD[] = "measure,question,kind,prompt,shown,right,facility,discrimination,flags,"
                               "right_choices,choice1,choice2,choice3,choice4,choice5,choice6\r\n";

static void csv_row(FILE *out, const ItemStat *it)
{
    const Question *q = it->q;
    char buf[64];
    fprintf(out, "%d,", q->measure);
    report_csv_cell(out, q->id);
    fprintf(out, ",%s,", KIND_NAME[q->kind]);
    report_csv_cell(out, q->prompt.ja);
    fprintf(out, ",%d,%d,", it->shown, it->right);
    if (it->shown)
        fprintf(out, "%.1f", 100 * it->facility);
    fputc(',', out);
    if (it->has_discrimination)
        fprintf(out, "%.2f", it->discrimination);
    fprintf(out, ",%s,", items_flag_words(it->flags, buf, sizeof buf));
    fputs(right_positions(q, buf, sizeof buf), out);
    for (int i = 0; i < 6; i++)
        i < q->nchoices ? fprintf(out, ",%d", it->picks[i]) : fputc(',', out);
    fputs("\r\n", out);
}

static bool written(FILE *out, Err *e)
{
    if (fflush(out) != 0 || ferror(out))
        return err_set(e, "cannot write the item statistics: %s", strerror(errno));
    return true;
}

bool items_csv(const ItemReport *r, FILE *out, Err *e)
{
    fputs("\xEF\xBB\xBF", out);
    fputs(CSV_HEAD, out);
    for (int i = 0; i < r->nitems; i++)
        csv_row(out, &r->items[i]);
    return written(out, e);
}

/* ---- JSON ---- */

static void json_item(Json *j, const ItemStat *it)
{
    json_object(j);
    json_key(j, "measure"), json_int(j, it->q->measure);
    json_key(j, "id"), json_string(j, it->q->id);
    json_key(j, "kind"), json_string(j, KIND_NAME[it->q->kind]);
    json_key(j, "shown"), json_int(j, it->shown);
    json_key(j, "right"), json_int(j, it->right);
    json_key(j, "facility");
    it->shown ? json_fixed(j, it->facility, 3) : json_null(j);
    json_key(j, "discrimination");
    it->has_discrimination ? json_fixed(j, it->discrimination, 3) : json_null(j);
    json_key(j, "flags");
    json_array(j);
    for (int i = 0; i < NFLAGS; i++)
        if (it->flags & (1u << i))
            json_string(j, FLAG_NAME[i]);
    json_end(j);
    json_key(j, "choices");
    json_array(j);
    for (int i = 0; i < it->q->nchoices; i++) {
        json_object(j);
        json_key(j, "correct"), json_bool(j, it->q->choices[i].correct);
        json_key(j, "picked"), json_int(j, it->picks[i]);
        json_end(j);
    }
    json_end(j);
    json_end(j);
}

bool items_json(const ItemReport *r, FILE *out, Err *e)
{
    Json j;
    json_init(&j, out, 2);
    json_object(&j);
    json_key(&j, "attempts"), json_int(&j, r->attempts);
    json_key(&j, "answers"), json_int(&j, r->answers);
    json_key(&j, "questions");
    json_array(&j);
    for (int i = 0; i < r->nitems; i++)
        json_item(&j, &r->items[i]);
    json_end(&j);
    json_end(&j);
    return written(out, e);
}

static bool csv_fn(FILE *out, const void *r, Err *e)
{
    return items_csv(r, out, e);
}

static bool json_fn(FILE *out, const void *r, Err *e)
{
    return items_json(r, out, e);
}

bool items_save(const ItemReport *r, const char *path, Err *e)
{
    size_t n = strlen(path);
    bool json = n >= 5 && strcmp(path + n - 5, ".json") == 0;
    return atomic_write_stream(path, json ? json_fn : csv_fn, r, e);
}

/* ---- HTML ---- */

static void html_row(FILE *out, const ItemStat *it)
{
    char buf[64];
    fprintf(out, "<tr><td class=\"n\">%d</td><td>", it->q->measure);
    report_html_escape(out, it->q->id);
    fputs("</td><td>", out);
    report_html_escape(out, it->q->prompt.ja);
    fprintf(out, "</td><td class=\"n\">%d</td><td class=\"n\">%.0f%%</td><td class=\"n\">", it->shown,
            100 * it->facility);
    if (it->has_discrimination)
        fprintf(out, "%.2f", it->discrimination);
    fputs("</td><td>", out);
    for (int i = 0; i < it->q->nchoices; i++)
        fprintf(out, "%s%s%d", i ? " / " : "", it->q->choices[i].correct ? "✓" : "", it->picks[i]);
    fprintf(out, "</td><td>%s</td></tr>\n", items_flag_words(it->flags, buf, sizeof buf));
}

void items_html(const ItemReport *r, FILE *out)
{
    fputs("<h2>問題の分析 <span class=\"en\">Item statistics (the whole company)</span></h2>\n", out);
    fprintf(
        out,
        "<p>%d 回のテスト、%d 件の回答から。正答率 95%% 超は easy、30%% 未満は hard、識別力（その問題の正誤と"
        "同じテストの他の問題の正答率との相関）が負なら negative_discrimination。"
        " <span class=\"en\">From %d finished tests and %d answers. Facility = share right; discrimination ="
        " correlation with the rest of the test; ✓ marks the right choices' picks.</span></p>\n",
        r->attempts, r->answers, r->attempts, r->answers);
    if (r->answers == 0) {
        fputs("<p>まだ回答がありません。<span class=\"en\">No answers yet.</span></p>\n", out);
        return;
    }
    fputs("<table><tr><th>対策</th><th>問題 ID</th><th>問題</th><th>回答数</th><th>正答率</th><th>識別力</th>"
          "<th>選択数</th><th>注意</th></tr>\n",
          out);
    for (int i = 0; i < r->nitems; i++)
        if (r->items[i].shown)
            html_row(out, &r->items[i]);
    fputs("</table>\n", out);
}
