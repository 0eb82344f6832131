/*
 * practice: the names of what can be practised, as the programs log
 * them: ground's built-in exercises and those of exercises.csv, reflect's
 * kinds of entry, and the steps of ladder.csv.  ground and reflect take
 * their lists from here; checkin --assign checks a plan against them.
 */
#ifndef STEADY_PRACTICE_H
#define STEADY_PRACTICE_H

#include <stddef.h>

#include "assign.h"

/* ground's built-in exercises, in the order it offers them. */
#define PRACTICE_NEXERCISES 7
extern const char *const practice_exercises[PRACTICE_NEXERCISES];

/* reflect's kinds of entry, in the order of its enum kind. */
#define PRACTICE_NREFLECTIONS 5
extern const char *const practice_reflections[PRACTICE_NREFLECTIONS];

/*
 * Can a plan of kind k name what?  "" (any practice of the kind) and
 * every what of kind other can; a grounding exercise is a built-in one
 * or one of exercises.csv in confdir; a reflection one of reflect's
 * kinds; a ladder step the id or the words of a step of ladder.csv in
 * datadir.  Returns 1 when it can; 0 when not, with st_error() naming
 * the choices there are; -1 when a file cannot be read, with st_error()
 * saying why ("PATH:LINE: reason").
 */
int practice_known(enum assign_kind k, const char *what, const char *confdir,
    const char *datadir);

#endif
