/*
 * links: the records of different logs that belong to one exposure
 * trial.  A trial in trials.csv has an id (t20261123T073000); a grounding
 * exercise done during it (ground.csv) and the reflection after it
 * (reflect.csv) carry that id in their column trial (steady.5).  This
 * gathers them, per source, to be shown together.
 */
#ifndef STEADY_LINKS_H
#define STEADY_LINKS_H

#include <stddef.h>

struct links;

struct links *links_new(void);
void links_free(struct links *l);

/*
 * Note the trial id of source, at ts (its date is kept), of step, with
 * its peak.  Noting the same id again (a correction) replaces these.
 */
void links_trial(struct links *l, const char *source, const char *id,
    const char *ts, const char *step, const char *peak);

/* A grounding exercise done in trial id: its name, distress before and
 * after (either may be empty). */
void links_ground(struct links *l, const char *source, const char *id,
    const char *exercise, const char *pre, const char *post);

/* A reflection on trial id, with what was learned (may be empty). */
void links_reflect(struct links *l, const char *source, const char *id,
    const char *learned);

/*
 * The trials of source that have a grounding exercise or a reflection
 * linked to them, in the order the trials were first noted: fn gets the
 * cells id, date, step, peak, grounding and reflection.  Returns how
 * many; links_count says the same without calling.
 */
size_t links_each(const struct links *l, const char *source,
    void (*fn)(const char *const *cells, void *arg), void *arg);
size_t links_count(const struct links *l, const char *source);

#endif
