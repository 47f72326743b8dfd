/* roster_columns.c — the names of a roster's columns and values (see roster_columns.h). */
#include "roster_columns.h"

#include <string.h>
#include <strings.h>

typedef struct {
    const char *name;     /* English, as in the roster format */
    const char *names[4]; /* Japanese names, NULL-terminated */
    const char *aliases;  /* for messages */
    const char *aliases_ja;
    bool optional;
} ColumnDef;

static const ColumnDef COLUMN_DEFS[NCOLS] = {
    {"code",
     {"社員番号", "社員コード", "従業員番号", NULL},
     "code, 社員番号, 社員コード or 従業員番号",
     "社員番号・社員コード・従業員番号・code",
     false},
    {"name", {"氏名", "名前", NULL}, "name, 氏名 or 名前", "氏名・名前・name", false},
    {"kana",
     {"フリガナ", "ふりがな", "カナ", NULL},
     "kana, フリガナ, ふりがな or カナ",
     "フリガナ・ふりがな・カナ・kana",
     true},
    {"department",
     {"部署", "所属", "部門", NULL},
     "department, 部署, 所属 or 部門",
     "部署・所属・部門・department",
     true},
    {"department_kana",
     {"部署よみ", "部署フリガナ", "部署カナ", NULL},
     "department_kana, 部署よみ, 部署フリガナ or 部署カナ",
     "部署よみ・部署フリガナ・部署カナ・department_kana",
     true},
    {"role", {"役割", "区分", NULL}, "role, 役割 or 区分", "役割・区分・role", true},
    {"lang", {"言語", NULL}, "lang or 言語", "言語・lang", true},
};

typedef struct {
    const char *word;
    int value;
} Word;

static const Word ROLE_WORDS[] = {
    {"employee", ROLE_EMPLOYEE}, {"社員", ROLE_EMPLOYEE},    {"従業員", ROLE_EMPLOYEE},
    {"manager", ROLE_MANAGER},   {"管理者", ROLE_MANAGER},   {"president", ROLE_PRESIDENT},
    {"社長", ROLE_PRESIDENT},    {"代表者", ROLE_PRESIDENT},
};

static const Word LANG_WORDS[] = {{"ja", LANG_JA}, {"日本語", LANG_JA}, {"en", LANG_EN}, {"英語", LANG_EN}};

int roster_column_find(const char *cell)
{
    for (int c = 0; c < NCOLS; c++) {
        if (strcasecmp(cell, COLUMN_DEFS[c].name) == 0)
            return c;
        for (int k = 0; COLUMN_DEFS[c].names[k]; k++)
            if (strcmp(cell, COLUMN_DEFS[c].names[k]) == 0)
                return c;
    }
    return -1;
}

const char *roster_column_name(RosterColumn c)
{
    return COLUMN_DEFS[c].name;
}

const char *roster_column_aliases(RosterColumn c)
{
    return COLUMN_DEFS[c].aliases;
}

const char *roster_column_name_in(RosterColumn c, bool ja)
{
    return ja ? COLUMN_DEFS[c].names[0] : COLUMN_DEFS[c].name;
}

const char *roster_column_aliases_in(RosterColumn c, bool ja)
{
    return ja ? COLUMN_DEFS[c].aliases_ja : COLUMN_DEFS[c].aliases;
}

bool roster_column_optional(RosterColumn c)
{
    return COLUMN_DEFS[c].optional;
}

/* strcasecmp is ASCII-only in the C locale, so Japanese words compare byte for byte. */
static bool word_find(const Word *words, size_t n, const char *v, int *out)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(v, words[i].word) == 0) {
            *out = words[i].value;
            return true;
        }
    return false;
}

bool roster_role_value(const char *v, Role *out)
{
    int r;
    if (!word_find(ROLE_WORDS, sizeof ROLE_WORDS / sizeof *ROLE_WORDS, v, &r))
        return false;
    *out = (Role)r;
    return true;
}

bool roster_lang_value(const char *v, Lang *out)
{
    int l;
    if (!word_find(LANG_WORDS, sizeof LANG_WORDS / sizeof *LANG_WORDS, v, &l))
        return false;
    *out = (Lang)l;
    return true;
}
