/* traps: possible thinking traps, found by word patterns. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "match.h"
#include "traps.h"
#include "util.h"

/* A straight or a curly apostrophe: notes come from phones too. */
#define AP "['\\x{2019}]"

/*
 * The built-in traps (after Burns' list, in steady's own words).  Each
 * pattern looks for a trap's typical wording rather than its single
 * words: "always" alone is everyday speech, "he will always lie" is the
 * trap.  Matching stays a rough tool; the person has the last word.
 */
static const struct {
	const char *name, *title, *explain, *pattern;
} builtin[] = {
	{ "all_or_nothing", "all-or-nothing thinking",
	    "Seeing only two boxes, total success or total failure, with "
	    "nothing in between.",
	    "(?:has|have|had|needs?|ought) to be perfect"
	    "|(?:completely|totally|utterly|entirely) (?:ruined|destroyed|"
	    "worthless|useless|broken|pointless|hopeless|wasted)"
	    "|ruined everything"
	    "|everything(?: is| was|" AP "s) (?:ruined|a lie|fake|over|"
	    "destroyed|pointless)"
	    "|(?:it|marriage|relationship|life|it all)(?: is| was| has "
	    "been|" AP "s) (?:all |just |nothing but )?(?:a lie|lies|fake|"
	    "a sham)"
	    "|nothing (?:was|is) (?:ever )?real"
	    "|(?:a |an )?(?:total|complete|utter) (?:failure|waste|lie|mess)"
	    "|all or nothing" },
	{ "overgeneralising", "overgeneralising",
	    "Taking one painful event as a rule that will always repeat: "
	    "always, never, everyone, no one.",
	    "(?:always|never) (?:ever )?(?:happens?|ends? (?:up|badly)|"
	    "ruins?|hurts?|lies?|leaves?|cheats?|fails?|messes|"
	    "goes wrong|works? out|listens?|cares?|changes?|learns?|"
	    "be (?:enough|loved|safe|happy|trusted|okay|ok|whole)|"
	    "trust|love me|find)"
	    "|(?:every(?:one|body)|no ?one|nobody|all (?:men|women|people)|"
	    "people|men|women) (?:always |eventually |just )?(?:lies|leaves|"
	    "cheats|betrays|hurts|uses (?:me|you|people)|will (?:lie|leave|"
	    "cheat|betray|hurt|use)|can" AP "?t be trusted|"
	    "cannot be trusted|(?:is|are) against me|are (?:all )?(?:liars|"
	    "the same))"
	    "|(?:can" AP "?t|cannot|can not|could never|will never|"
	    "won" AP "t ever|never) (?:trust|believe) (?:anyone|anybody|"
	    "people|men|women|anything|anyone again)"
	    "|nothing (?:ever )?(?:works|changes|goes right|gets better)"
	    "|every (?:single )?time (?:i|we) (?:trust|try|open up)" },
	{ "mind_reading", "mind reading",
	    "Being sure you know what someone thinks or feels about you "
	    "when they have not said it.",
	    "(?:he|she|they|everyone|everybody|people|you|my (?:partner|"
	    "husband|wife|friends?|family)) (?:all )?(?:must |probably |"
	    "obviously |definitely |clearly |secretly )?(?:thinks?|thought|"
	    "knows?|sees?|believes?|judges?) (?:that )?(?:i" AP "?m|i am|"
	    "i was|i" AP "ll|i will|i" AP "?ve|i have|i can" AP "?t|"
	    "i cannot|i don" AP "?t|of me as|about me)"
	    "|(?:they|he|she|everyone|people) (?:are|is|were|was) (?:all )?"
	    "(?:laughing|talking|judging|gossiping) (?:at|about) (?:me|us)"
	    "|(?:i can tell|i just know|i know) (?:that )?(?:he|she|they|"
	    "everyone|you) (?:thinks?|doesn" AP "?t|don" AP "?t|hates?|"
	    "pities|feels? sorry)" },
	{ "fortune_telling", "fortune telling",
	    "Treating a feared outcome as certain, or as a disaster you could "
	    "not bear, before it has happened.",
	    "(?:it|this|that|he|she|they|history)(?:" AP "ll| will| is going "
	    "to| are going to| is gonna| would) (?:just )?(?:happen|do it|"
	    "cheat|lie|leave|betray|hurt (?:me|us)) (?:all over )?again"
	    "|(?:it|this|things|everything|we|our marriage|it all)(?:" AP "ll|"
	    " will| is going to| are going to) (?:all )?(?:go wrong|"
	    "end badly|fall apart|fail)"
	    "|(?:it|this|things|we|i|he|she|they)(?: will not| won" AP "t| is "
	    "never going to| are never going to| am never going to|"
	    AP "?m never going to) (?:ever )?(?:work out|get better|"
	    "be (?:okay|ok|fine|the same|happy)|change|heal|recover)"
	    "|(?:i|we)(?:" AP "ll| will| am going to|" AP "?m going to) "
	    "(?:end up|be left|die|be) alone"
	    "|bound to (?:happen|fail|go wrong)"
	    "|(?:will|would|is going to) be (?:a |an )?(?:disaster|"
	    "catastrophe|nightmare|unbearable)"
	    "|the end of (?:me|us|the world|everything)"
	    "|(?:i|we) (?:can" AP "?t|cannot|won" AP "t be able to) "
	    "(?:survive|bear|cope with|handle|stand) (?:this|it|that)"
	    "|(?:i" AP "ll|i will|i" AP "?m going to) (?:fall apart|break|"
	    "lose it|go crazy)" },
	{ "should_statements", "should statements",
	    "Holding yourself or others to rigid rules (should, must, have "
	    "to) that turn into guilt or anger when they are broken.",
	    "(?:should(?:n" AP "t| not)?|ought(?:n" AP "t| not)? to) have "
	    "(?:known|seen it coming|seen the signs|noticed|realised|trusted|"
	    "realized|stopped (?:it|him|her|them)|done (?:better|more|"
	    "something)|been (?:better|enough|smarter|stronger|there))"
	    "|(?:i|you|he|she|they|we) (?:really )?(?:should(?:n" AP "t| "
	    "not)?|must(?:n" AP "t| not)?|ought(?:n" AP "t| not)? to|"
	    "(?:have|has) to|need to) (?:be (?:over|past|stronger|better|"
	    "able|fine|okay|ok|happy|grateful|perfect|enough)|feel|"
	    "get over|never|always)" },
	{ "labelling", "labelling",
	    "Summing up yourself or someone else in one harsh word, as if a "
	    "label were the whole person.",
	    "(?:i" AP "?m|i am|i was|i feel like|you" AP "?re|you are|"
	    "he" AP "s|he is|she" AP "s|she is|they" AP "re|they are)"
	    "(?: (?:just|such|so|a|an|nothing but|completely|totally|"
	    "complete|total|absolute|pathetic|stupid|stupid,))* "
	    "(?:loser|failure|idiot|fool|burden|joke|monster|liar|cheat|"
	    "cheater|fraud|coward|nobody|worthless|pathetic|disgusting|"
	    "stupid|unlovable|damaged goods|useless|naive|gullible|doormat|"
	    "sucker)s?"
	    "|what an? (?:idiot|fool|loser|failure|sucker) (?:i am|i was|"
	    "i" AP "?ve been|i" AP "m)" },
	{ "personalising", "personalising and self-blame",
	    "Taking the blame for what was not in your control, such as "
	    "another person's choices.",
	    "(?:it|this|that|all (?:of )?this|everything)(?: is| was|"
	    AP "s) (?:all |entirely |completely )?my (?:own )?fault"
	    "|(?:all )?because of me"
	    "|i (?:made|drove|pushed) (?:him|her|them) (?:to )?(?:do it|"
	    "cheat|lie|leave|away|stray)"
	    "|i (?:caused|deserved?|asked for) (?:this|it|that)"
	    "|if only i (?:had|hadn" AP "t)"
	    "|i (?:am|" AP "m) (?:the one )?to blame"
	    "|i should have (?:known|seen it coming|seen the signs|noticed)"
	    "|(?:i|i" AP "m|i am) (?:was|wasn" AP "t|was not|am not|" AP "m "
	    "not|not)? ?(?:good |pretty |attractive |interesting )*enough "
	    "for (?:him|her|them)" },
	{ "emotional_reasoning", "emotional reasoning",
	    "Taking a feeling as proof: I feel it, so it must be true.",
	    "(?:because|since|as) i feel (?:it|that|so|like)"
	    "|i feel\\b[^.!?]{1,40}?,? so (?:i|it|he|she|they|this|that) "
	    "(?:must|has to|have to) (?:be|have)"
	    "|(?:it|this|that) feels? (?:so )?(?:true|real),? so"
	    "|(?:feel|felt) (?:it|that),? so it (?:must|has to) be"
	    "|my (?:gut|feelings?) (?:says?|tells? me|tell me|proves?)"
	    "|if i feel (?:it|this|that|so)[^.!?]{0,30}? it must be" },
	{ "discounting_positive", "discounting the positive",
	    "Brushing good things aside as if they did not count.",
	    "(?:good|nice|kind|sweet|great|better|well|fine),? but "
	    "(?:it|that|this|he|she|they|i) (?:doesn" AP "?t|didn" AP "?t|"
	    "does not|did not|don" AP "?t|was only|is only|only|just|"
	    "probably|still)"
	    "|(?:it|that|this) (?:doesn" AP "?t|does not|didn" AP "?t|"
	    "did not) (?:really )?(?:count|matter|mean anything)"
	    "|(?:only|just) (?:did it |said (?:it|that) )?because "
	    "(?:he|she|they|you) (?:felt|feels|had to|has to|wanted|wants|"
	    "was caught|got caught|feel) ?(?:sorry|guilty|obliged|"
	    "something)?"
	    "|(?:anyone|anybody) could (?:have done|do) (?:that|it)"
	    "|(?:just|only|pure|sheer) (?:luck|a fluke)"
	    "|(?:he|she|they|you) (?:is|are|was|were|" AP "s|" AP "re) "
	    "(?:just|only) (?:being nice|saying that|pretending|"
	    "being polite)" },
};

#define NBUILTIN (sizeof(builtin) / sizeof(builtin[0]))

struct trap {
	char *name, *title, *explain;
	struct matchset *m;	/* the trap's one pattern */
};

struct traps {
	struct trap *v;
	size_t n;
};

/*
 * Word-bounded: a pattern may only start and end at word edges, so
 * "never" is not found in "nevertheless".  Built-in and user patterns
 * alike.
 */
static char *
bounded(const char *pattern)
{
	return xasprintf("\\b(?:%s)\\b", pattern);
}

/* Set trap's pattern; -1 with st_error() naming it when it is wrong. */
static int
set_pattern(struct trap *tr, const char *name, const char *pattern)
{
	struct matchset *m = match_new();
	char *full = bounded(pattern);
	int rc = match_add(m, name, full, "");

	free(full);
	if (rc == -1) {
		/* Compile it alone to say where it is wrong in its own text. */
		match_free(m);
		m = match_new();
		(void)match_add(m, name, pattern, "");
		match_free(m);
		return -1;
	}
	match_free(tr->m);
	tr->m = m;
	return 0;
}

static struct trap *
add_trap(struct traps *t, const char *name)
{
	struct trap *tr;

	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	tr = &t->v[t->n++];
	memset(tr, 0, sizeof(*tr));
	tr->name = xstrdup(name);
	tr->title = xstrdup(name);
	tr->explain = xstrdup("");
	return tr;
}

struct traps *
traps_new(void)
{
	struct traps *t = xcalloc(1, sizeof(*t));
	struct trap *tr;
	size_t i;

	for (i = 0; i < NBUILTIN; i++) {
		tr = add_trap(t, builtin[i].name);
		free(tr->title);
		free(tr->explain);
		tr->title = xstrdup(builtin[i].title);
		tr->explain = xstrdup(builtin[i].explain);
		/* The built-in patterns are tested: they always compile. */
		if (set_pattern(tr, tr->name, builtin[i].pattern) == -1)
			tr->m = match_new();
	}
	return t;
}

static void
trap_clear(struct trap *tr)
{
	free(tr->name);
	free(tr->title);
	free(tr->explain);
	match_free(tr->m);
}

void
traps_free(struct traps *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		trap_clear(&t->v[i]);
	free(t->v);
	free(t);
}

size_t
traps_count(const struct traps *t)
{
	return t->n;
}

const char *
traps_name(const struct traps *t, size_t i)
{
	return t->v[i].name;
}

const char *
traps_title(const struct traps *t, size_t i)
{
	return t->v[i].title;
}

const char *
traps_explain(const struct traps *t, size_t i)
{
	return t->v[i].explain;
}

long
traps_find(const struct traps *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return (long)i;
	return -1;
}

static int
valid_name(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

static const char *
cell(struct csvr *r, int col)
{
	const char *f;

	if (col < 0 || (f = csvr_field(r, (size_t)col)) == NULL)
		return "";
	return f;
}

static void
remove_trap(struct traps *t, long i)
{
	trap_clear(&t->v[i]);
	memmove(&t->v[i], &t->v[i + 1], (t->n - (size_t)i - 1) *
	    sizeof(*t->v));
	t->n--;
}

static void
set_text(char **dst, const char *s)
{
	if (*s == '\0')
		return;
	free(*dst);
	*dst = xstrdup(s);
}

/* Apply one row: col[] holds name, pattern, title, explanation. */
static int
load_row(struct traps *t, struct csvr *r, const int col[4])
{
	const char *name = cell(r, col[0]), *pat = cell(r, col[1]);
	struct trap *tr;
	long i;
	char *why;

	if (!valid_name(name)) {
		st_seterr("%s:%lu: \"%s\" is not a trap name (lower-case "
		    "letters, digits and _)", csvr_name(r), csvr_line(r),
		    name);
		return -1;
	}
	i = traps_find(t, name);
	if (*pat == '\0') {
		if (i >= 0)
			remove_trap(t, i);
		return 0;
	}
	tr = i >= 0 ? &t->v[i] : add_trap(t, name);
	if (set_pattern(tr, name, pat) == -1) {
		why = xstrdup(st_error());
		st_seterr("%s:%lu: %s", csvr_name(r), csvr_line(r), why);
		free(why);
		if (i < 0)
			remove_trap(t, (long)t->n - 1);
		return -1;
	}
	set_text(&tr->title, cell(r, col[2]));
	set_text(&tr->explain, cell(r, col[3]));
	return 0;
}

int
traps_load(struct traps *t, const char *path)
{
	struct csvr *r;
	int col[4], c, n = 0, rc = 0;

	if ((r = csvr_openpath(path, CSVR_UNESCAPE)) == NULL)
		return errno == ENOENT ? 0 : -1;
	col[0] = csvr_col(r, "name");
	col[1] = csvr_col(r, "pattern");
	col[2] = csvr_col(r, "title");
	col[3] = csvr_col(r, "explanation");
	if (csvr_ncols(r) > 0 && (col[0] < 0 || col[1] < 0)) {
		st_seterr("%s:1: needs the columns name and pattern", path);
		rc = -1;
	}
	while (rc == 0 && (c = csvr_next(r)) != CSVR_EOF) {
		if (c != CSVR_REC || load_row(t, r, col) == -1)
			rc = -1;
		else
			n++;
	}
	csvr_close(r);
	return rc == 0 ? n : -1;
}

static int
hit_cmp(const void *a, const void *b)
{
	const struct trap_hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->trap != y->trap)
		return x->trap < y->trap ? -1 : 1;
	return 0;
}

size_t
traps_scan(struct traps *t, const char *s, size_t len,
    struct trap_hit **hits)
{
	struct match_hit h;
	size_t i, n = 0, cap = 0, pos;

	*hits = NULL;
	for (i = 0; i < t->n; i++) {
		pos = 0;
		while (match_next(t->v[i].m, s, len, &pos, &h)) {
			if (h.end == h.start)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				*hits = xreallocarray(*hits, cap,
				    sizeof(**hits));
			}
			(*hits)[n].trap = i;
			(*hits)[n].start = h.start;
			(*hits)[n].end = h.end;
			n++;
		}
	}
	if (n > 1)
		qsort(*hits, n, sizeof(**hits), hit_cmp);
	return n;
}

int
traps_listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p != NULL && *p) {
		if (strncmp(p, name, n) == 0 && (p[n] == ';' || p[n] == '\0'))
			return 1;
		p = strchr(p, ';');
		if (p != NULL)
			p++;
	}
	return 0;
}

char *
traps_names_of(const struct traps *t, const struct trap_hit *hits,
    size_t n, char *list)
{
	struct strbuf sb = { 0 };
	const char *name;
	size_t i;

	sb_puts(&sb, list != NULL ? list : "");
	free(list);
	for (i = 0; i < n; i++) {
		name = t->v[hits[i].trap].name;
		if (traps_listed(sb.s, name))
			continue;
		if (sb.len > 0)
			sb_putc(&sb, ';');
		sb_puts(&sb, name);
	}
	return sb.s;
}
