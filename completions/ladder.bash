# bash completion for ladder(1), one of the steady tools.

# The ids of the steps, from ladder list (rows whose first field is a
# number).
_ladder_ids()
{
	command ladder list 2>/dev/null | awk '$1 ~ /^[0-9]+$/ { print $1 }'
}

_ladder()
{
	local cur prev verb='' i w n=0
	local cmds='add list next rate edit split done retire restore start
	    log trigger anchors correct withdraw'
	local opts='--ladder --suds --at --output --redact --help --version
	    -l -s -a -o -h -V'
	local trial='--pre --peak --post --minutes --expect --expect-pct
	    --outcome-pct --after-pct --surprise --safety --learned --present
	    --stopped --note'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	case $prev in
	-o | --output)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		[[ - == "$cur"* ]] && COMPREPLY+=(-)
		return 0 ;;
	-l | --ladder | -s | --suds | -a | --at | --pre | --peak | --post | \
	--minutes | --expect | --expect-pct | --outcome-pct | --after-pct | \
	--surprise | --safety | --learned | --present | --note)
		return 0 ;;
	esac

	# The command is the first operand; count the operands after it.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-o | --output | -l | --ladder | -s | --suds | -a | --at | \
		--pre | --peak | --post | --minutes | --expect | --expect-pct | \
		--outcome-pct | --after-pct | --surprise | --safety | \
		--learned | --present | --note)
			((i++)) ;;
		-*) ;;
		*)
			if [[ -z $verb ]]; then verb=$w; else ((n++)); fi ;;
		esac
	done

	if [[ $cur == -* ]]; then
		case $verb in
		log | trigger) opts+=" $trial" ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi
	if [[ -z $verb ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$cmds" -- "$cur")
		return 0
	fi
	case $verb in
	rate | edit | split | done | retire | restore | start | log | trigger)
		((n == 0)) &&
		    mapfile -t COMPREPLY < <(compgen -W "$(_ladder_ids)" -- "$cur")
		;;
	anchors)
		mapfile -t COMPREPLY < <(compgen -W '0= 25= 50= 75= 100=' -- \
		    "$cur")
		compopt -o nospace 2>/dev/null || :
		;;
	correct)
		# After the trial's id, the columns a correction may change.
		((n >= 1)) && mapfile -t COMPREPLY < <(compgen -W 'pre= peak=
		    post= minutes= expect= expect_pct= outcome_pct=
		    expect_after= surprise= safety= learned= present= stopped=
		    note=' -- "$cur")
		compopt -o nospace 2>/dev/null || :
		;;
	esac
	return 0
}
complete -F _ladder ladder
