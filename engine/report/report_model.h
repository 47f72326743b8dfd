/* report_model.h — the figures every completion report shows (CSV, HTML, XLSX, and the manager's
 * export at the kiosk), gathered once from the records into plain data (pure core, no SDL).
 *
 * A model holds, for every active employee in roster order (department, kana, code), optionally
 * of one department only:
 *   - the person and their Progress (progress.h: the very figures Home and the dashboard show);
 *   - per measure and per department (and in total) how many read the lesson and passed the test;
 *   - the overdue list (who has not finished, whose follow-ups are overdue, whose refresher
 *     expired), most late first;
 *   - one-star readiness (store_pledge_readiness: the president and every active person
 *     signed the current pledge), always over the whole active roster, whatever the
 *     department; each person's own pledge state is in their Progress;
 *   - the self-diagnosis: the company's diagnoses (oldest first, whatever the department) and,
 *     per department and in total, how the people in the report answered their own practice
 *     (each person's latest self diagnosis, DiagTally);
 *   - the record chain as `store_verify_chain` left it (head hash, records checked, or the first
 *     broken record; skipped on request, it is the costliest part), the report's moment, the
 *     company name and the content version. The chain is checked on a second connection
 *     (store_open_beside) in a thread while the figures are read, so while the kiosk writes
 *     its head may be a record or two apart from the figures' moment.
 *
 * Use: report_model_build once, then any of report_csv / report_html / report_xlsx (or
 * report_save, report_file.h, for a file written whole), then report_model_free. The model is
 * read-only for the writers, so one model serves every format of an export.
 *
 * Definitions (the writers only format them):
 *   - a lesson (a test) is *offered* when the content has one for its measure (all 25 of each
 *     without content); a person has *finished* when they read every offered lesson and passed
 *     every offered test;
 *   - shares: read share = offered lessons read / (people × offered lessons), likewise passed;
 *     0 when there is nothing to divide by;
 *   - the overdue list holds each person (once) who is past a due date: the five-article
 *     course or all 25 measures not finished by the date deadline.h gives (from the deadline
 *     settings and when the person joined), a follow-up question overdue (progress.h), a
 *     refresher due or overdue. `since` is the earliest of those moments: the course's due
 *     moment, the oldest overdue follow-up, the earliest refresher due date. Sorted by `since`
 *     (most days past due first), then roster order. Nobody is late without a date passed;
 *   - the one-star blockers: every person whose current pledge is not signed (the five-article
 *     course's tests come first), in roster order;
 *
 * What must stay true: building reads the records only (nothing is written); every figure comes
 * from progress_of's rules (read for everyone at once through progress_of_each, a few questions
 * to the database whatever the number of people); the model owns all its memory (one arena)
 * except the lesson titles, which are borrowed from the content, so the content must outlive
 * the model. */
#ifndef MAMORI_REPORT_MODEL_H
#define MAMORI_REPORT_MODEL_H

#include "arena.h"
#include "content.h"
#include "deadline.h"
#include "diagnosis.h"
#include "err.h"
#include "fsrs.h"
#include "job.h"
#include "progress.h"
#include "report_items.h"
#include "store.h"

#include <stdbool.h>
#include <stdint.h>

/* What to report on. */
/* The rules every report's figures are computed with: the follow-up scheduler and the
 * refresher_months setting. */
typedef struct {
    const Content *content; /* borrowed; may be NULL: no follow-ups then */
    Fsrs fsrs;
    int refresher_months;
    Deadlines deadlines; /* the deadline settings (deadline.h) */
    int64_t now;
} ReportRules;

bool report_rules(Store *s, const Content *c, int64_t now, ReportRules *r, Err *e);
/* progress_of for one person under r. */
bool report_progress(Store *s, const ReportRules *r, const char *code, Progress *p, Err *e);
/* progress_of_each for people[0..n) under r: a few questions to the database for everyone
 * (reorders people). */
bool report_progress_each(Store *s, const ReportRules *r, ProgressOf *people, int n, Err *e);

/* How a CSV for Excel names its columns and roles: CSV_PLAIN as the command line writes it
 * (English names, as documented for scripts), or for a person at the kiosk in its language, with
 * codes kept as text (report_csv_code). */
typedef enum { CSV_PLAIN, CSV_PEOPLE_JA, CSV_PEOPLE_EN } CsvStyle;

typedef struct {
    const char *department; /* borrowed; only this department; NULL or "" = everyone */
    int64_t now;            /* the report's moment (Unix seconds) */
    int tz_offset;          /* seconds east of UTC for the dates shown (JST: 32400); the
                               JSON report is always UTC */
    bool skip_chain;        /* true: do not verify the record chain (it reads every record;
                               the CSV does not show it); ReportModel.chain_checked is false */
    bool skip_items;        /* true: no item statistics (they read every test answer; the screens
                               do not show them); ReportModel.items is empty */
    bool chain_later;       /* true: report_model_build returns while the chain is still being
                               checked, for a writer with work to do before it shows the chain (the
                               XLSX's other sheets); report_model_chain waits for it */
    CsvStyle csv;           /* the CSV's column names and role words */
    JobProgress *progress;  /* borrowed, may be NULL: the step building is at (REPORT_STEP_*), the
                               people read (done = total, once known), and a request to stop
                               (then it fails with "stopped") */
} ReportQuery;

/* What the manager's screens read (the dashboard, the team's diagnosis) at now: the figures they
 * show, without the record chain and the item statistics, which only the written reports show. */
ReportQuery report_screen_query(int64_t now, int tz_offset);

/* The steps of report_model_build, as it counts them in ReportQuery.progress. */
enum {
    REPORT_STEP_PEOPLE = 1, /* everyone's progress */
    REPORT_STEP_PLEDGES,    /* one-star readiness, the company name */
    REPORT_STEP_DIAGNOSES,  /* the self-diagnoses */
    REPORT_STEP_ITEMS,      /* the item statistics */
    REPORT_STEP_CHAIN,      /* the record chain verified (on its own thread since the start; the
                               last step is waiting for it) */
    REPORT_STEPS = REPORT_STEP_CHAIN
};

typedef struct {
    Employee who;
    Progress progress;
    int lessons_left, tests_left; /* offered lessons not read, offered tests not passed */
    bool finished;                /* both are 0 */
    int five_left;                /* of those, the five-article course's lessons and tests */
    int64_t five_due, all_due;    /* when the five-article course / all 25 are due (deadline.h); 0 = no
                                     deadline */
    int minutes_left;             /* about how long what is left takes (lessons' minutes, tests) */
    bool blocks_star;             /* the one-star declaration waits for this person: the current
                                     pledge not signed (which needs the five-article tests) */
} ReportPerson;

typedef struct {
    bool lesson, test;  /* the content has a lesson / a test for this measure */
    Text title;         /* borrowed from the content's lesson; both NULL when none */
    int read, passed;   /* people in the report who read the lesson / passed the test */
    int refreshers_due; /* people whose refresher for it is due or overdue */
} ReportMeasure;

/* One department, or everyone (ReportModel.total). */
typedef struct {
    const char *name;      /* arena; "" for the total */
    int people;            /* active people in it */
    int finished;          /* people who finished */
    int late;              /* people on the overdue list */
    int lessons_read;      /* offered lessons read, summed over its people */
    int tests_passed;      /* offered tests passed, summed over its people */
    int followups_overdue; /* people with a follow-up overdue */
    int refreshers_due;    /* people with a refresher due or overdue */
} ReportGroup;

enum {
    LATE_FIVE = 1,      /* the five-article course not finished by its due date */
    LATE_FOLLOWUP = 2,  /* a follow-up question overdue */
    LATE_REFRESHER = 4, /* a refresher due or overdue */
    LATE_ALL = 8        /* the 25 measures not finished by their due date */
};

typedef struct {
    int person;       /* index into ReportModel.people */
    unsigned reasons; /* LATE_* bits */
    int64_t since;    /* the earliest due moment passed (see the definitions above) */
} ReportLate;

typedef struct {
    Arena arena; /* owns everything below except the titles */
    int64_t now;
    int tz_offset;
    const char *department;      /* arena; "" = everyone */
    const char *company;         /* arena; the company_name setting, "" when unset */
    const char *content_version; /* arena; "" without content */
    int lessons_offered, tests_offered;
    int pledge_version;        /* the content's pledge version; 0 without a pledge text */
    PledgeReadiness readiness; /* the whole roster; .missing is an arena copy */
    ReportMeasure measures[MEASURES];
    ReportPerson *people; /* arena, roster order */
    int npeople;
    int ndemo;                /* of them sample people (demo.h): every writer says so when not 0 */
    CsvStyle csv;             /* from the query */
    ReportGroup *departments; /* arena, roster order */
    int ndepartments;
    ReportGroup total;
    ReportLate *late; /* arena, most late first */
    int nlate;
    int *blockers; /* arena: indexes into people of those who block the one-star declaration */
    int nblockers;
    const DiagSheet *diag_sheet; /* borrowed from the content; NULL: no diagnosis sheet */
    DiagRecord *diagnoses;       /* arena: the company's, oldest first */
    int ndiagnoses;
    DiagTally *dept_practice; /* arena, one per department (same order): own-practice answers */
    DiagTally practice;       /* everyone in the report */
    bool chain_checked;       /* false when the query skipped it */
    VerifyResult chain;       /* the record chain (store_verify): ok, count, head; empty while
                                 chain_pending */
    StoreHead head;           /* the newest record when the figures were read: the same head
                                 later means they still hold (report_job_refresh) */
    ItemReport items;         /* item statistics over the whole company (report_items.h); empty
                                 without content */
    /* heap: the chain check still running (ReportQuery.chain_later), until report_model_chain */
    struct ReportChainCheck *chain_pending;
} ReportModel;

/* Fills p's figures (what is left, the due dates, blocks_star) from p->who and p->progress under
 * r, the days counted in the time zone tz_offset: what the model does for each person, for a
 * screen that shows one person. */
void report_person_fill(const ReportRules *r, int tz_offset, ReportPerson *p);

/* Gathers the model for q from the records. c may be NULL (no follow-ups, all 25 measures
 * offered). On failure (records unreadable) m holds nothing and needs no free. */
bool report_model_build(Store *s, const Content *c, const ReportQuery *q, ReportModel *m, Err *e);
/* The chain check alone, on a connection and thread of its own beside other work on s: for a
 * report that does not show the chain (JSON), whose command still exits 3 on a broken record.
 * report_chain_finish waits for it, gives its result in *r (false: its error in e) and frees c. */
typedef struct ReportChainCheck ReportChainCheck;
ReportChainCheck *report_chain_start(Store *s);
bool report_chain_finish(ReportChainCheck *c, VerifyResult *r, Err *e);

/* Waits for the chain check of a model built with ReportQuery.chain_later: its result into
 * m->chain, or false with why the records could not be read. True at once when none is running. */
bool report_model_chain(ReportModel *m, Err *e);
/* Also waits for a chain check still running (its result dropped). */
void report_model_free(ReportModel *m);

/* part / whole as a number in 0..1 (0 when whole is 0). */
double report_share(int part, int whole);
/* The group's read and passed shares (see the definitions above). */
double report_read_share(const ReportModel *m, const ReportGroup *g);
double report_passed_share(const ReportModel *m, const ReportGroup *g);
/* Whole days late at the report's moment (the first day past due is day 1). */
int report_days_late(const ReportModel *m, const ReportLate *l);

/* t as local "YYYY-MM-DD" (buf >= 11 bytes; 0 gives ""), local "YYYY-MM-DD HH:MM" (buf >= 17),
 * in the model's time zone. Years past 9999 need up to 32 bytes. */
void report_date(const ReportModel *m, int64_t t, char *buf, size_t size);
void report_datetime(const ReportModel *m, int64_t t, char *buf, size_t size);
/* The same in the words people read (civil_words: "2026年1月5日", "2026年1月5日 09:00"): what
 * printed pages show; CSV and XLSX keep YYYY-MM-DD, the form spreadsheets read as a date. */
void report_print_date(const ReportModel *m, int64_t t, char *buf, size_t size);
void report_print_datetime(const ReportModel *m, int64_t t, char *buf, size_t size);

/* A measure's short state for one person: 'p' passed (first pass at *when), 'r' read, not
 * passed (last reading at *when), 'n' neither (*when 0). */
char report_state(const MeasureStatus *ms, int64_t *when);
/* The person's pledge: 's' signed the current version, 'o' signed an older version only, 'n'
 * never signed; *when is the latest signing (0 for 'n'). */
char report_pledge(const Progress *p, int64_t *when);

/* The one word each state is shown with in every format (CSV, HTML, XLSX): a measure's 'p' 合,
 * 'r' 読, 'n' 未; a pledge's 's' 署名, 'o' 旧版, 'n' 未署名. */
const char *report_state_word(char state);
const char *report_pledge_word(char state);

#endif
