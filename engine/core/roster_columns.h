/* roster_columns.h — what a roster's columns and words may be called: the English names of the
 * roster format and the Japanese ones HR systems and Excel sheets use.
 *
 *   code        社員番号 社員コード 従業員番号          (required)
 *   name        氏名 名前                               (required)
 *   kana        フリガナ ふりがな カナ                  (optional: empty)
 *   department  部署 所属 部門                          (optional: empty)
 *   department_kana  部署よみ 部署フリガナ 部署カナ     (optional: empty; the department's reading)
 *   role        役割 区分   values: employee 社員 従業員 | manager 管理者 | president 社長 代表者
 *                                                       (optional: employee)
 *   lang        言語        values: ja 日本語 | en 英語  (optional: ja)
 *
 * English names and values match in any ASCII case; spaces around them (full-width too) do not
 * count. What must stay true: one table says all of this; the parser and its messages read it. */
#ifndef MAMORI_ROSTER_COLUMNS_H
#define MAMORI_ROSTER_COLUMNS_H

#include "store.h"

#include <stdbool.h>

typedef enum {
    COL_CODE,
    COL_NAME,
    COL_KANA,
    COL_DEPARTMENT,
    COL_DEPT_KANA,
    COL_ROLE,
    COL_LANG,
    NCOLS
} RosterColumn;

/* The column a header cell names, or -1. cell is trimmed already. */
int roster_column_find(const char *cell);
/* The English name ("code") and every accepted name ("code, 社員番号, 社員コード or 従業員番号");
 * _in: for messages in Japanese when ja ("社員番号"; "社員番号・社員コード・従業員番号・code"). */
const char *roster_column_name(RosterColumn c);
const char *roster_column_aliases(RosterColumn c);
const char *roster_column_name_in(RosterColumn c, bool ja);
const char *roster_column_aliases_in(RosterColumn c, bool ja);
/* Whether a file may leave the column out. */
bool roster_column_optional(RosterColumn c);

/* A role or language value in English or Japanese (trimmed); false when it is neither. */
bool roster_role_value(const char *v, Role *out);
bool roster_lang_value(const char *v, Lang *out);

#endif
