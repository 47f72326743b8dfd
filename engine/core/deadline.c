/* deadline.c — due dates from the deadline settings (see deadline.h). */
#include "deadline.h"

#include "civil_date.h"
#include "settings.h"

enum { DAY = 86400 };

static bool rule_load(Store *s, const char *days_key, const char *date_key, int fallback, DueRule *r, Err *e)
{
    char buf[64];
    bool found;
    r->days = fallback, r->date_day = -1;
    if (!store_get_setting(s, days_key, buf, sizeof buf, &found, e))
        return false;
    if (found)
        r->days = (int)settings_number(days_key, buf, fallback);
    if (!store_get_setting(s, date_key, buf, sizeof buf, &found, e))
        return false;
    if (found && !civil_parse_date(buf, &r->date_day))
        r->date_day = -1;
    return true;
}

bool deadlines_load(Store *s, Deadlines *out, Err *e)
{
    return rule_load(s, "five_due_days", "five_due_date", DEADLINE_FIVE_DAYS, &out->five, e) &&
           rule_load(s, "all_due_days", "all_due_date", DEADLINE_ALL_DAYS, &out->all, e);
}

/* The local day t falls on, as days since 1970-01-01. */
static int64_t local_day(int64_t t, int tz_offset)
{
    int64_t x = t + tz_offset;
    return x >= 0 ? x / DAY : -((-x + DAY - 1) / DAY);
}

int64_t deadline_due(const DueRule *r, int64_t added, int tz_offset)
{
    int64_t joined = local_day(added, tz_offset), day;
    if (r->date_day >= 0 && joined <= r->date_day)
        day = r->date_day;
    else if (r->days > 0)
        day = joined + r->days;
    else
        return 0;
    return (day + 1) * DAY - tz_offset; /* the end of the due day */
}

int deadline_days_late(int64_t due, int64_t now)
{
    if (!due || now < due)
        return 0;
    return (int)((now - due) / DAY) + 1;
}
