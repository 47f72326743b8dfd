/* screen_person.c — the form that adds a person or edits one (opened from the roster, the set-up
 * and the person's card): code (fixed once saved), name, kana (required: the sign-in list is
 * ordered by it), the department picked from those already on the roster or typed as 新しい部署
 * with its reading (required: departments are listed by it; a department picked keeps its own),
 * role and language. A problem is said at its field (the caption turns into what to fix) and
 * clears as soon as that field changes. Leaving with unsaved changes asks first. A line says that
 * names in kanji are best brought in by CSV (the on-screen keyboard types kana and letters).
 * Deactivating is not here: it is on the card (screen_person_card.c), apart from 保存.
 *
 * What must stay true: every save is one recorded event (store_put_employee); a code typed here
 * passes text_code_check and no text holds a character text_guard refuses (the store checks the
 * same again). */
#include "field.h"
#include "screens.h"
#include "text_guard.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_CODE, F_NAME, F_KANA, F_DEPARTMENT, F_DEPT_KANA, NFIELDS };
enum { MAX_DEPTS = 64, DEPTS_SHOWN = 6 }; /* at most this many department choices a page */
enum { CHOICE_ROW_H = 30 + 56 };          /* a caption, then 56 px buttons */

typedef struct {
    Employee emp, saved; /* being edited; as it was (to tell a change) */
    bool adding;
    int active; /* the field typed into */
    Keyboard kb;
    char ferr[NFIELDS][200]; /* what to fix at each field ("" none) */
    char error[640];         /* a problem not of one field (the store) */
    char depts[MAX_DEPTS][128];
    int ndepts, dept_first;
    bool new_dept;     /* typing a department not yet on the roster */
    bool asking_leave; /* back was pressed with changes unsaved */
} PersonState;

static char *field_buf(PersonState *st, int f, size_t *size)
{
    Employee *p = &st->emp;
    char *bufs[NFIELDS] = {p->code, p->name, p->kana, p->department, p->department_kana};
    size_t sizes[NFIELDS] = {sizeof p->code, sizeof p->name, sizeof p->kana, sizeof p->department,
                             sizeof p->department_kana};
    *size = sizes[f];
    return bufs[f];
}

/* The departments on the roster (everyone's, in roster order, each once). */
static void load_depts(PersonState *st, App *app)
{
    Employee *people;
    int n;
    Err e = {0};
    if (!store_list_employees(app->store, true, &people, &n, &e))
        return;
    for (int i = 0; i < n && st->ndepts < MAX_DEPTS; i++) {
        bool seen = !people[i].department[0];
        for (int k = 0; k < st->ndepts && !seen; k++)
            seen = strcmp(st->depts[k], people[i].department) == 0;
        if (!seen)
            snprintf(st->depts[st->ndepts++], sizeof st->depts[0], "%s", people[i].department);
    }
    free(people);
}

static void person_enter(Screen *s, App *app, const void *arg)
{
    PersonState *st = s->state;
    st->adding = arg == NULL;
    st->emp = arg ? *(const Employee *)arg : (Employee){.active = true, .lang = app->lang};
    st->saved = st->emp;
    st->active = st->adding ? F_CODE : F_NAME;
    st->kb.mode = st->adding ? KB_LATIN : KB_HIRAGANA;
    load_depts(st, app);
    st->new_dept = st->ndepts == 0;
}

static void trim(char *s)
{
    size_t n = strlen(s), at = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    while (s[at] == ' ' || s[at] == '\t')
        at++;
    memmove(s, s + at, n - at + 1);
}

/* ---- checks: each problem at its field ---- */

static void field_error(PersonState *st, int f, const char *msg)
{
    if (!st->ferr[f][0])
        snprintf(st->ferr[f], sizeof st->ferr[f], "%s", msg);
}

/* A refused character (text_guard.h) in field f, said at the field. */
static void check_chars(PersonState *st, App *app, int f)
{
    size_t size;
    const char *v = field_buf(st, f, &size);
    uint32_t cp;
    int col;
    char msg[200];
    if (!text_guard_find(v, strlen(v), &cp, &col))
        return;
    snprintf(msg, sizeof msg,
             app_str(app, "使えない文字があります（%d文字目、U+%04X）",
                     "a character not allowed (character %d, U+%04X)"),
             col, (unsigned)cp);
    field_error(st, f, msg);
}

/* Checks the form; false when any field has a problem (each said at its field). */
static bool person_check(PersonState *st, App *app)
{
    Err e = {0};
    for (int f = 0; f < NFIELDS; f++) {
        size_t size;
        trim(field_buf(st, f, &size));
        st->ferr[f][0] = '\0';
    }
    if (!st->emp.code[0])
        field_error(st, F_CODE, app_str(app, "入れてください", "enter a code"));
    else if (st->adding && !text_code_check(st->emp.code, &e))
        field_error(st, F_CODE,
                    app_str(app, "数字・英字・「-」だけ（キーパッドで入れられるように）",
                            "digits, letters and '-' only (the sign-in keypad)"));
    if (!st->emp.name[0])
        field_error(st, F_NAME, app_str(app, "入れてください", "enter a name"));
    if (!st->emp.kana[0])
        field_error(
            st, F_KANA,
            app_str(app, "入れてください（名前の順に並べるため）", "enter it (names are listed by it)"));
    if (!st->new_dept || !st->emp.department[0])
        st->emp.department_kana[0] = '\0'; /* a department picked keeps its own reading (store.h) */
    else if (!st->emp.department_kana[0])
        field_error(st, F_DEPT_KANA,
                    app_str(app, "入れてください（部署の順に並べるため）",
                            "enter it (departments are listed by it)"));
    for (int f = F_NAME; f < NFIELDS; f++)
        check_chars(st, app, f);
    for (int f = 0; f < NFIELDS; f++)
        if (st->ferr[f][0])
            return false;
    return true;
}

/* Refuses a code already in use when adding. */
static bool code_free(PersonState *st, App *app)
{
    Employee other;
    bool found = false;
    Err e = {0};
    char msg[200];
    if (!store_find_employee(app->store, st->emp.code, &other, &found, &e))
        return snprintf(st->error, sizeof st->error, "%s", e.msg), false;
    if (found) {
        snprintf(msg, sizeof msg, app_str(app, "%s さんが使っています", "already %s's"), other.name);
        field_error(st, F_CODE, msg);
    }
    return !found;
}

/* Saves the person; back to where the form was opened from, with a notice. */
static Nav person_save(PersonState *st, App *app)
{
    Err e = {0};
    st->error[0] = '\0';
    if (!person_check(st, app) || (st->adding && !code_free(st, app)))
        return nav_stay();
    if (!store_put_employee(app->store, &st->emp, app->now, &e)) {
        snprintf(st->error, sizeof st->error, "%s %s",
                 app_str(app, "保存できませんでした。", "Could not save."), e.msg);
        return nav_stay();
    }
    snprintf(app->notice, sizeof app->notice,
             st->adding ? app_str(app, "%s さんを追加しました。", "Added %s.")
                        : app_str(app, "%s さんを保存しました。", "Saved %s."),
             st->emp.name);
    return nav_back();
}

/* ---- drawing ---- */

static const char *role_word(const App *app, Role r)
{
    return r == ROLE_PRESIDENT ? app_str(app, "社長", "President")
           : r == ROLE_MANAGER ? app_str(app, "管理者", "Manager")
                               : app_str(app, "社員", "Employee");
}

/* A row of choices with a caption; the chosen one marked ✓. widths: each button's (summing to the
 * row's width less the gaps), or NULL for equal ones. */
static void choice_row(Ui *ui, Rect r, const char *caption, const char *idp, const char *const *labels, int n,
                       const int *widths, int *chosen)
{
    ui_label(ui, r.x, r.y, THEME_PX_SMALL, true, THEME_MUTED, caption);
    Rect buttons = rect_height(rect_down(r, 30), 56);
    for (int i = 0; i < n; i++) {
        char id[32], label[160];
        snprintf(id, sizeof id, "%s-%d", idp, i);
        snprintf(label, sizeof label, "%s%s", i == *chosen ? "✓ " : "", labels[i]);
        Rect b = widths ? cut_left(&buttons, widths[i], THEME_GAP) : rect_column(buttons, i, n, THEME_GAP);
        /* cut to one line at 20 px inside the button's margins (ui.c centred_label), never smaller */
        if (ui_button(ui, id, b, field_fit(ui, THEME_PX_SMALL, true, label, b.w - 24),
                      i == *chosen ? BTN_PRIMARY : BTN_SECONDARY, true))
            *chosen = i;
    }
}

/* The caption of field f: its name, or its name and what to fix. */
static const char *caption(const App *app, const PersonState *st, int f, char *buf, size_t size)
{
    const char *names[NFIELDS] = {
        st->adding ? app_str(app, "社員番号", "Employee code")
                   : app_str(app, "社員番号（変更できません）", "Employee code (fixed)"),
        app_str(app, "名前", "Name"), app_str(app, "ふりがな（必須）", "Kana (required)"),
        app_str(app, "新しい部署の名前", "New department"),
        app_str(app, "部署のふりがな（必須）", "Department's kana (required)")};
    if (!st->ferr[f][0])
        return names[f];
    snprintf(buf, size, app_str(app, "× %s：%s", "× %s: %s"), names[f], st->ferr[f]);
    return buf;
}

static void person_fields(Ui *ui, App *app, PersonState *st, Rect r)
{
    static const char *const ids[NFIELDS] = {"field-code", "field-name", "field-kana", "field-department",
                                             "field-department-kana"};
    Flow rows = flow_in(r);
    Rect top = flow_row(&rows, FIELD_H, 10), low = flow_row(&rows, FIELD_H, 10);
    int nlow = st->new_dept ? 3 : 2; /* kana, department and a new department's reading */
    for (int f = 0; f < (st->new_dept ? NFIELDS : F_DEPT_KANA); f++) {
        size_t size;
        char cap[300];
        const char *text = field_buf(st, f, &size);
        Rect fr =
            f < F_KANA ? rect_column(top, f, 2, THEME_GAP) : rect_column(low, f - F_KANA, nlow, THEME_GAP);
        const char *c = field_fit(ui, THEME_PX_SMALL, true, caption(app, st, f, cap, sizeof cap), fr.w);
        if (f == F_DEPARTMENT && !st->new_dept)
            continue;                     /* picked below */
        if (f == F_CODE && !st->adding) { /* a code names the person's history: it never changes */
            ui_label(ui, fr.x, fr.y, THEME_PX_SMALL, true, THEME_MUTED, c);
            ui_label(ui, fr.x + 14, fr.y + FIELD_CAPTION_H + 14, THEME_PX_BODY, true, THEME_TEXT, text);
            continue;
        }
        if (field_draw(ui, ids[f], fr, c, text, st->active == f))
            st->active = f;
        if (st->ferr[f][0])
            ui_frame(ui, rect_shrink(fr, -3, 0), THEME_FAIL, 3);
    }
}

/* A choice's width for its whole label, marked ✓ or not, inside the button's margins. */
static int choice_need(Ui *ui, const char *label)
{
    char marked[160];
    snprintf(marked, sizeof marked, "✓ %s", label);
    return ui_text_width(ui, THEME_PX_BODY, true, marked, (int)strlen(marked)) + 32;
}

/* The departments on the roster and, after them, 新しい部署: as many as fit whole on the row, each
 * as wide as its name needs (▶ shows the next ones), so a name is not cut to its first letters; one
 * wider than the row alone has the row (its label shrinks as a button's does). */
static void dept_row(Ui *ui, App *app, PersonState *st, Rect r)
{
    enum { MORE_W = 72 };
    const char *labels[DEPTS_SHOWN + 2], *fresh_label = app_str(app, "＋ 新しい部署", "+ New department");
    int idx[DEPTS_SHOWN + 2], widths[DEPTS_SHOWN + 2], n = 0, chosen = -1, nitems = st->ndepts + 1;
    int all = (nitems - 1) * THEME_GAP, room = r.w;
    for (int i = 0; i < nitems; i++)
        all += choice_need(ui, i < st->ndepts ? st->depts[i] : fresh_label);
    bool paged = all > r.w;
    if (paged)
        room -= MORE_W + THEME_GAP;
    st->dept_first = st->dept_first < nitems ? st->dept_first : 0;
    for (int i = st->dept_first; i < nitems && n < DEPTS_SHOWN; i++, n++) {
        bool fresh = i == st->ndepts;
        int w = choice_need(ui, fresh ? fresh_label : st->depts[i]);
        if (n > 0 && w > room)
            break; /* the rest on the next page */
        w = w > room ? room : w;
        room -= w + THEME_GAP;
        labels[n] = fresh ? fresh_label : st->depts[i], idx[n] = fresh ? -1 : i, widths[n] = w;
        if (fresh ? st->new_dept : !st->new_dept && strcmp(st->depts[i], st->emp.department) == 0)
            chosen = n;
    }
    int shown = n, more = paged ? n++ : -1;
    if (paged)
        labels[more] = "▶", idx[more] = -2, widths[more] = MORE_W;
    int left = r.w - (n - 1) * THEME_GAP;
    for (int i = 0; i < n; i++)
        left -= widths[i];
    for (int i = 0; i < shown && left > 0; i++) /* the room left, shared out among the names */
        widths[i] += left / shown;
    int was = chosen;
    choice_row(ui, r, app_str(app, "部署（名簿にある部署から選ぶ）", "Department (pick one on the roster)"),
               "dept", labels, n, widths, &chosen);
    if (chosen == was)
        return;
    if (chosen == more) {
        st->dept_first = st->dept_first + shown < nitems ? st->dept_first + shown : 0;
    } else if (idx[chosen] == -1) {
        st->new_dept = true, st->emp.department[0] = '\0', st->active = F_DEPARTMENT;
        st->emp.department_kana[0] = '\0';
    } else {
        st->new_dept = false, st->emp.department_kana[0] = '\0'; /* the department's own (store.h) */
        if (st->active == F_DEPARTMENT || st->active == F_DEPT_KANA)
            st->active = F_KANA;
        snprintf(st->emp.department, sizeof st->emp.department, "%s", st->depts[idx[chosen]]);
    }
}

/* Role, language and the buttons; returns where to go. */
static Nav person_controls(Ui *ui, App *app, PersonState *st, Flow *f)
{
    const char *roles[] = {role_word(app, ROLE_EMPLOYEE), role_word(app, ROLE_MANAGER),
                           role_word(app, ROLE_PRESIDENT)};
    const char *langs[] = {"日本語", "English"};
    int role = (int)st->emp.role, lang = (int)st->emp.lang;
    dept_row(ui, app, st, flow_row(f, CHOICE_ROW_H, 10));
    choice_row(ui, flow_row(f, CHOICE_ROW_H, 10), app_str(app, "役割", "Role"), "role", roles, 3, NULL,
               &role);
    choice_row(ui, flow_row(f, CHOICE_ROW_H, 16), app_str(app, "言語", "Language"), "lang", langs, 2, NULL,
               &lang);
    st->emp.role = (Role)role;
    st->emp.lang = (Lang)lang;
    Rect buttons = flow_row(f, THEME_BUTTON_H, 0);
    if (st->asking_leave) {
        if (ui_button(ui, "keep-editing", rect_column(buttons, 0, 2, THEME_GAP),
                      app_str(app, "編集を続ける", "Keep editing"), BTN_PRIMARY, true))
            st->asking_leave = false;
        if (ui_button(ui, "discard", rect_column(buttons, 1, 2, THEME_GAP),
                      app_str(app, "保存せずに戻る", "Leave without saving"), BTN_DANGER, true))
            return nav_back();
        return nav_stay();
    }
    if (ui_button(ui, "save", rect_column(buttons, 0, 2, THEME_GAP), app_str(app, "保存", "Save"),
                  BTN_PRIMARY, true))
        return person_save(st, app);
    return nav_stay();
}

static bool changed(const PersonState *st)
{
    const Employee *a = &st->emp, *b = &st->saved;
    return strcmp(a->code, b->code) || strcmp(a->name, b->name) || strcmp(a->kana, b->kana) ||
           strcmp(a->department, b->department) || strcmp(a->department_kana, b->department_kana) ||
           a->role != b->role || a->lang != b->lang;
}

static bool has_field_errors(const PersonState *st)
{
    for (int f = 0; f < NFIELDS; f++)
        if (st->ferr[f][0])
            return true;
    return false;
}

/* Every field's problem in one line, named ("名前：入れてください"), for the band; each is also
 * marked at its field. */
static const char *field_errors(const App *app, const PersonState *st, char *buf, size_t size)
{
    static const char *const ja[NFIELDS] = {"社員番号", "名前", "ふりがな", "部署", "部署のふりがな"};
    static const char *const en[NFIELDS] = {"Code", "Name", "Kana", "Department", "Department's kana"};
    size_t len = 0;
    buf[0] = '\0';
    for (int f = 0; f < NFIELDS && len < size; f++)
        if (st->ferr[f][0])
            len += (size_t)snprintf(buf + len, size - len, "%s%s%s%s", len ? app_str(app, "　", "  ") : "",
                                    app_str(app, ja[f], en[f]), app_str(app, "：", ": "), st->ferr[f]);
    return buf;
}

/* The band: a problem, the question before leaving, or the note on kanji names. */
static void person_band(Ui *ui, App *app, const PersonState *st, Flow *page)
{
    char msg[900];
    if (st->asking_leave)
        flow_band(ui, page, BAND_ERROR,
                  app_str(app, "変更がまだ保存されていません。保存せずに戻りますか？",
                          "Your changes are not saved. Leave without saving?"),
                  THEME_GAP);
    else if (st->error[0] || has_field_errors(st))
        flow_band(ui, page, BAND_ERROR, st->error[0] ? st->error : field_errors(app, st, msg, sizeof msg),
                  THEME_GAP);
    else
        flow_band(
            ui, page, BAND_NOTICE,
            app_str(app,
                    "漢字の名前は、CSVで取り込むのがおすすめです（この画面のキーボードは、かなと英字）。",
                    "Names in kanji are best brought in by CSV (this keyboard types kana and letters)."),
            THEME_GAP);
}

static Nav person_frame(Screen *s, App *app, Ui *ui)
{
    PersonState *st = s->state;
    char title[300];
    if (st->adding)
        snprintf(title, sizeof title, "%s", app_str(app, "人を追加", "Add a person"));
    else
        snprintf(title, sizeof title, app_str(app, "%s さんを編集", "Edit %s"), st->saved.name);
    bool back = false;
    int y = draw_header(ui, app, title, "back", app_str(app, "戻る", "Back"), &back);
    if (back || ui->in.key == UI_KEY_ESC) {
        if (!changed(st) || st->asking_leave)
            return nav_back();
        st->asking_leave = true;
    }
    size_t size;
    char *buf = field_buf(st, st->active, &size);
    if (field_type(ui, buf, size)) /* before the band: what it says fits this frame's fields */
        st->ferr[st->active][0] = '\0', st->error[0] = '\0';
    Rect col = layout_column(ui, 1400);
    Flow page = flow_at(col, y + THEME_GAP);
    person_band(ui, app, st, &page);
    bool wide = ui->w > ui->h;
    int formw = wide ? (col.w - 2 * THEME_PAD) * 46 / 100 : col.w;
    Flow form = flow_at(rect_sides(col, 0, col.w - formw), page.y);
    person_fields(ui, app, st, flow_row(&form, 2 * (FIELD_H + 10), 0));
    buf = field_buf(st, st->active, &size); /* a field tapped just now */
    Nav to = person_controls(ui, app, st, &form);
    if (to.kind != NAV_STAY)
        return to;
    Rect beside = flow_next(&page);
    cut_left(&beside, formw, 2 * THEME_PAD);
    Rect kb = wide ? beside : flow_next(&(Flow){col, form.y + 2 * THEME_PAD});
    kb.h = field_keyboard_height(kb.w);
    char before[128];
    int typing = st->active;
    snprintf(before, sizeof before, "%s", buf);
    if (field_keyboard(ui, app, kb, &st->kb, buf, size, app_str(app, "次へ", "Next"))) {
        do
            st->active = (st->active + 1) % NFIELDS;
        while ((st->active == F_CODE && !st->adding) ||
               ((st->active == F_DEPARTMENT || st->active == F_DEPT_KANA) && !st->new_dept));
    }
    if (strcmp(before, buf) != 0) /* a problem clears as soon as its field changes */
        st->ferr[typing][0] = '\0';
    return nav_stay();
}

const ScreenOps SCREEN_PERSON = {
    .name = "person",
    .state_size = sizeof(PersonState),
    .enter = person_enter,
    .frame = person_frame,
};
