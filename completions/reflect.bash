# bash completion for reflect(1), one of the steady tools.

# The fields an entry of kind $1 takes, as "name=".
_reflect_fields()
{
	case $1 in
	journal | weekly) printf '%s\n' text= ;;
	thought)
		printf '%s\n' situation= emotion= intensity= thought= traps= \
		    evidence_for= evidence_against= balanced= intensity_after= ;;
	exposure) printf '%s\n' went_well= hard= adjust= learned= ;;
	experiment)
		printf '%s\n' thought= traps= belief= prediction= done= \
		    happened= belief_after= ;;
	esac
}

_reflect()
{
	local cur prev opt='' i w kind=''
	local kinds='journal thought exposure weekly experiment scan search
	    prompts traps correct withdraw'
	local opts='--help --kind --line --output --prompt --redact --since --trial
	    --until --version -h -k -l -o -p -s -t -u -V'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# bash splits "--kind=x" and "field=x" at "=" unless COMP_WORDBREAKS
	# is changed; handle both spellings.
	if [[ $cur == = ]]; then
		opt=$prev cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} cur=${cur#*=}
	elif [[ $cur == *=* ]]; then
		return 0	# a field's value: the person's own words
	else
		case $prev in
		-k | --kind | -o | --output | -p | --prompt | -s | --since | \
		-t | --trial | -u | --until)
			opt=$prev ;;
		esac
	fi

	case $opt in
	'') ;;
	-k | --kind)
		mapfile -t COMPREPLY < <(compgen -W \
		    'journal thought exposure weekly experiment' -- "$cur")
		return 0 ;;
	-p | --prompt)
		mapfile -t COMPREPLY < <(compgen -W "$(command reflect \
		    prompts 2>/dev/null | tail -n +2 | cut -f1)" -- "$cur")
		return 0 ;;
	-s | --since | -u | --until)
		mapfile -t COMPREPLY < <(compgen -W \
		    'today yesterday 7d 4w 3m' -- "$cur")
		return 0 ;;
	-o | --output)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		[[ - == "$cur"* ]] && COMPREPLY+=(-)
		return 0 ;;
	*)
		return 0 ;;	# a trial's id, or a field's value
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
		return 0
	fi

	# The kind is the first operand that is not an option's value.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-k | --kind | -o | --output | -p | --prompt | -s | --since | \
		-t | --trial | -u | --until)
			((i++)) ;;
		-* | = | *=*) ;;
		*)
			kind=$w
			break ;;
		esac
	done

	case $kind in
	'')
		mapfile -t COMPREPLY < <(compgen -W "$kinds" -- "$cur") ;;
	scan)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	search | prompts | traps | correct | withdraw) ;;
	*)
		mapfile -t COMPREPLY < <(compgen -W \
		    "$(_reflect_fields "$kind")" -- "$cur")
		((${#COMPREPLY[@]})) && compopt -o nospace 2>/dev/null ;;
	esac
	return 0
}
complete -F _reflect reflect
